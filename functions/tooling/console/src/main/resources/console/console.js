// The Eventline event explorer. No framework and no build step: the page calls the public API
// (orders, customers) and the staff-only explorer API (/explorer/...) with the bearer token the user
// pasted, which is kept in sessionStorage so it dies with the tab.
"use strict";

const TOKEN_KEY = "eventline.token";
// Bounds on what one screen loads, whatever the stream's length: 20 pages of 100 events.
const MAX_EVENT_PAGES = 20;
const POLL_MS = 5000;

const state = { apiUrl: "", wsUrl: "", orderId: null, streamId: null, latest: 0, poller: null, socket: null };

const $ = (selector, root = document) => root.querySelector(selector);

function setStatus(message, isError = false) {
  const status = $("#status");
  status.textContent = message;
  status.classList.toggle("error", isError);
}

function token() {
  return sessionStorage.getItem(TOKEN_KEY) || "";
}

async function api(path, options = {}) {
  const headers = { Accept: "application/json", ...(options.headers || {}) };
  if (token()) {
    headers.Authorization = "Bearer " + token();
  }
  const response = await fetch(state.apiUrl + path, { ...options, headers });
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = { detail: text };
  }
  if (!response.ok) {
    const detail = body && (body.detail || body.title || body.message);
    const error = new Error(`${response.status} ${detail || response.statusText} (${path})`);
    error.status = response.status;
    throw error;
  }
  return { body, headers: response.headers };
}

function json(value) {
  return value === undefined ? "—" : JSON.stringify(value, null, 2);
}

function fill(root, field, text) {
  root.querySelectorAll(`[data-field="${field}"]`).forEach((element) => { element.textContent = text; });
}

// ---- screens ----------------------------------------------------------------------------------

function showScreen(name) {
  document.querySelectorAll("[data-screen-section]").forEach((section) => { section.hidden = section.id !== name; });
  document.querySelectorAll("nav a").forEach((link) => {
    if (link.dataset.screen === name) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  });
  if (name === "operations") loadOperations();
}

function route() {
  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash === "operations") return showScreen("operations");
  showScreen("streams");
  if (hash.startsWith("stream/")) openStream(hash.slice("stream/".length));
  else if (hash.startsWith("customer/")) listCustomer(hash.slice("customer/".length));
}

// ---- customers --------------------------------------------------------------------------------

async function listCustomer(customerId) {
  $("#customer-id").value = customerId;
  const section = $("#customer-orders");
  try {
    const { body } = await api(`/customers/${encodeURIComponent(customerId)}/orders?limit=100`);
    fill(section, "customer", customerId);
    const rows = $("tbody", section);
    rows.replaceChildren();
    for (const order of body.orders) {
      const row = rows.insertRow();
      const link = document.createElement("a");
      link.href = `#stream/Order-${order.orderId}`;
      link.textContent = order.orderId;
      row.insertCell().append(link);
      for (const value of [order.status, order.version, `${order.total} ${order.currency || ""}`, order.placedAt || ""]) {
        row.insertCell().textContent = value;
      }
    }
    section.hidden = false;
    setStatus(body.orders.length === 0 ? `${customerId} has no orders (yet: the list trails the writes by about a second)`
      : `${body.orders.length} order(s) of ${customerId}`);
  } catch (error) {
    section.hidden = true;
    setStatus(error.message, true);
  }
}

// ---- one stream -------------------------------------------------------------------------------

function orderIdOf(streamOrId) {
  return streamOrId.startsWith("Order-") ? streamOrId.slice("Order-".length) : streamOrId;
}

async function openStream(streamOrId) {
  const orderId = orderIdOf(streamOrId.trim());
  if (orderId !== state.orderId) {
    // another stream: the slider starts at its head, and the page forgets the last one's comparison
    state.latest = 0;
    $("#compare-summary").textContent = "";
  }
  state.orderId = orderId;
  state.streamId = "Order-" + orderId;
  $("#stream-id").value = state.streamId;
  try {
    await refreshStream();
    $("#stream").hidden = false;
    startLiveUpdates();
  } catch (error) {
    $("#stream").hidden = true;
    setStatus(error.message, true);
  }
}

async function refreshStream() {
  const events = await loadEvents(state.orderId);
  if (events.length === 0) throw new Error(`${state.streamId} has no events`);
  const upcast = await loadUpcast(state.streamId);
  const previousLatest = state.latest;
  state.latest = events[events.length - 1].version;
  const section = $("#stream");
  fill(section, "streamId", state.streamId);
  fill(section, "latest", String(state.latest));
  renderTimeline(events, upcast);
  const slider = $("#version-slider");
  const followingHead = Number(slider.value) === previousLatest || previousLatest === 0;
  slider.max = String(state.latest);
  if (followingHead) slider.value = String(state.latest);
  await showStateAt(Number(slider.value));
  // the timeline stands on its own: a read model that cannot be compared says why in its place
  await compareReadModel().catch((error) => {
    $("#compare-table tbody").replaceChildren();
    $("#compare-summary").textContent = `Cannot compare: ${error.message}`;
  });
  setStatus(`${state.streamId}: ${events.length} event(s), version ${state.latest}`);
}

async function loadEvents(orderId) {
  const events = [];
  let cursor = null;
  for (let page = 0; page < MAX_EVENT_PAGES; page++) {
    const query = `limit=100${cursor ? "&cursor=" + encodeURIComponent(cursor) : ""}`;
    const { body } = await api(`/orders/${encodeURIComponent(orderId)}/events?${query}`);
    events.push(...body.events);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return events;
}

// The upcast payloads come from the staff-only explorer API; without it (no staff token, not deployed)
// the timeline still shows what is stored, and says why the other column is empty.
async function loadUpcast(streamId) {
  const note = $("#upcast-note");
  try {
    const upcast = new Map();
    let after = 0;
    // the explorer pages by 1,000 at most: two pages cover what the timeline loads
    for (let page = 0; page < 2 && after !== null; page++) {
      const { body } = await api(`/explorer/streams/${encodeURIComponent(streamId)}/events?limit=1000&after=${after}`);
      body.events.forEach((event) => upcast.set(event.version, event));
      after = body.nextAfter;
    }
    note.textContent = "Stored payloads beside the same events upcast to the current schema version; a highlighted payload was changed by upcasting.";
    return upcast;
  } catch (error) {
    note.textContent = `Upcast payloads unavailable: ${error.message}`;
    return new Map();
  }
}

function renderTimeline(events, upcast) {
  const list = $("#timeline");
  const template = $("#event-template");
  list.replaceChildren();
  for (const event of events) {
    const item = template.content.firstElementChild.cloneNode(true);
    item.dataset.version = event.version;
    $(".version", item).textContent = `v${event.version}`;
    $(".type", item).textContent = event.type;
    $(".recorded", item).textContent = event.recordedAt;
    const meta = $(".meta", item);
    const fields = { eventId: event.eventId, schemaVersion: event.schemaVersion, ...event.metadata };
    for (const [key, value] of Object.entries(fields)) {
      const term = document.createElement("dt");
      term.textContent = key;
      const description = document.createElement("dd");
      description.textContent = value;
      meta.append(term, description);
    }
    $(".stored-caption", item).textContent = `stored (schema v${event.schemaVersion})`;
    $(".stored", item).textContent = json(event.data);
    const upcastEvent = upcast.get(event.version);
    const upcastPre = $(".upcast", item);
    if (upcastEvent && upcastEvent.upcast.error) {
      $(".upcast-caption", item).textContent = "upcast: failed";
      upcastPre.textContent = upcastEvent.upcast.error;
      upcastPre.classList.add("changed");
    } else if (upcastEvent) {
      $(".upcast-caption", item).textContent = `upcast (schema v${upcastEvent.upcast.schemaVersion})`;
      upcastPre.textContent = json(upcastEvent.upcast.data);
      upcastPre.classList.toggle("changed", json(upcastEvent.upcast.data) !== json(event.data));
    } else {
      upcastPre.textContent = "—";
    }
    list.append(item);
  }
}

async function showStateAt(version) {
  $("#version-output").value = String(version);
  $("#version-slider").setAttribute("aria-valuetext", `version ${version} of ${state.latest}`);
  try {
    const { body } = await api(`/orders/${encodeURIComponent(state.orderId)}?asOf=${version}`);
    $("#state-at").textContent = json(body);
    document.querySelectorAll("#timeline .event").forEach((item) => {
      item.classList.toggle("after", Number(item.dataset.version) > version);
    });
  } catch (error) {
    $("#state-at").textContent = error.message;
  }
}

async function compareReadModel() {
  const id = encodeURIComponent(state.orderId);
  // maxWaitMs=0: the projection as it is now, never the fold the query API falls back to
  const [projected, folded] = await Promise.all([
    api(`/orders/${id}?maxWaitMs=0`),
    api(`/orders/${id}?asOf=${state.latest}`),
  ]);
  fill($("#compare"), "readSource", projected.headers.get("X-Read-Source") || "the projection");
  const rows = $("#compare-table tbody");
  rows.replaceChildren();
  const keys = [...new Set([...Object.keys(projected.body), ...Object.keys(folded.body)])].sort();
  let differences = 0;
  for (const key of keys) {
    const left = json(projected.body[key]);
    const right = json(folded.body[key]);
    const row = rows.insertRow();
    row.dataset.field = key;
    row.insertCell().textContent = key;
    for (const value of [left, right]) {
      const code = document.createElement("code");
      code.textContent = value;
      row.insertCell().append(code);
    }
    const differs = left !== right;
    row.classList.toggle("differs", differs);
    row.insertCell().textContent = differs ? "≠" : "=";
    if (differs) differences++;
  }
  $("#compare-summary").textContent = differences === 0
    ? "The read model equals the fold of the log."
    : `${differences} field(s) differ: the projection is behind or wrong (see consumer lag and dead letters).`;
}

// Live updates: the read side's WebSocket push (docs/read-side.md: subscribe to the stream, a notification
// once a read model holds a new version), and polling whenever the socket is not open (no push server,
// a dropped connection): the page never waits for a message that cannot come.
function startLiveUpdates() {
  if (state.poller) clearInterval(state.poller);
  if (state.socket) state.socket.close();
  state.socket = null;
  const pushing = () => state.socket && state.socket.readyState === WebSocket.OPEN;
  const refresh = () => refreshStream().catch((error) => setStatus(error.message, true));
  state.poller = setInterval(() => {
    if (!pushing() && !document.hidden && !$("#stream").hidden) refresh();
  }, POLL_MS);
  $("#live-mode").textContent = `polling every ${POLL_MS / 1000} s`;
  const streamId = state.streamId;
  const base = state.wsUrl || `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws`;
  let socket;
  try {
    socket = new WebSocket(token() ? `${base}?token=${encodeURIComponent(token())}` : base);
  } catch {
    return;
  }
  state.socket = socket;
  socket.addEventListener("open", () => {
    socket.send(JSON.stringify({ action: "subscribe", streamId }));
    $("#live-mode").textContent = "pushed (WebSocket)";
  });
  socket.addEventListener("message", (message) => {
    let notification;
    try {
      notification = JSON.parse(message.data);
    } catch {
      return;
    }
    if (notification.streamId === state.streamId && notification.version > 0) refresh();
  });
  socket.addEventListener("close", () => {
    if (state.socket === socket) $("#live-mode").textContent = `polling every ${POLL_MS / 1000} s`;
  });
}

// ---- operations -------------------------------------------------------------------------------

function table(rows, columns) {
  const element = document.createElement("table");
  const head = element.createTHead().insertRow();
  for (const column of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    th.textContent = column;
    head.append(th);
  }
  const body = element.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const column of columns) {
      const value = row[column];
      tr.insertCell().textContent = value === undefined || value === null ? "" : typeof value === "object" ? JSON.stringify(value) : String(value);
    }
  }
  return element;
}

// One load at a time: reading a queue's messages hides them for a moment, and a redrive started while a
// load holds them would find the queue empty.
let operationsLoading = false;

async function loadOperations() {
  if (operationsLoading) return;
  operationsLoading = true;
  const screen = $("#operations");
  const buttons = () => screen.querySelectorAll("button");
  screen.setAttribute("aria-busy", "true");
  buttons().forEach((button) => { button.disabled = true; });
  try {
    await loadLagAndDeadLetters($("#lag"), $("#dead-letters"));
  } finally {
    operationsLoading = false;
    buttons().forEach((button) => { button.disabled = false; });
    screen.setAttribute("aria-busy", "false");
  }
}

async function loadLagAndDeadLetters(lag, deadLetters) {
  try {
    const { body } = await api("/explorer/consumers");
    const consumers = body.consumers || [];
    const columns = [...new Set(consumers.flatMap((consumer) => Object.keys(consumer)))];
    const rendered = table(consumers, columns);
    rendered.querySelectorAll("tbody tr").forEach((row, i) => {
      if (consumers[i].eventsBehind > 0) row.classList.add("lag-behind");
    });
    lag.replaceChildren(consumers.length === 0 ? document.createTextNode("No consumers.") : rendered);
  } catch (error) {
    lag.textContent = error.message;
  }
  try {
    const { body } = await api("/explorer/dead-letters");
    renderDeadLetters(body.queues || []);
  } catch (error) {
    deadLetters.textContent = error.message;
  }
}

function renderDeadLetters(queues) {
  const container = $("#dead-letters");
  container.replaceChildren();
  for (const queue of queues) {
    const section = document.createElement("section");
    section.className = "queue";
    section.dataset.queue = queue.queue;
    const heading = document.createElement("h4");
    heading.textContent = `${queue.queue}: ${queue.approximateMessages} message(s)`;
    const purpose = document.createElement("p");
    purpose.className = "hint";
    purpose.textContent = `${queue.purpose || ""}${queue.feeds ? " (" + queue.feeds + ")" : ""}`;
    section.append(heading, purpose);
    for (const message of queue.messages) {
      const item = document.createElement("article");
      item.className = "dead-letter";
      const error = document.createElement("p");
      error.className = "error";
      error.textContent = message.error || message.summary || "(no error recorded)";
      const summary = document.createElement("p");
      summary.textContent = `${message.kind}: ${message.summary || ""} (sent ${message.sentAt}, received ${message.receiveCount}×)`;
      const record = document.createElement("pre");
      record.className = "json";
      record.tabIndex = 0;
      record.textContent = json(message.record);
      item.append(summary, error, record);
      section.append(item);
    }
    if (queue.messages.length > 0) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "danger redrive";
      button.textContent = `Redrive ${queue.queue}`;
      button.addEventListener("click", () => redrive(queue.queue, button));
      section.append(button);
    }
    container.append(section);
  }
  if (queues.every((queue) => queue.messages.length === 0)) {
    container.append(document.createTextNode("No dead letters."));
  }
}

async function redrive(queue, button) {
  button.disabled = true;
  try {
    const { body } = await api(`/explorer/dead-letters/${encodeURIComponent(queue)}/redrive`, { method: "POST" });
    setStatus(`${queue}: ${body.redriven} redriven, ${body.failed} still failing, ${body.notRedrivable} not redrivable`);
    await loadOperations();
  } catch (error) {
    setStatus(error.message, true);
    button.disabled = false;
  }
}

// ---- start ------------------------------------------------------------------------------------

async function start() {
  try {
    const response = await fetch("config.json", { cache: "no-store" });
    if (response.ok) {
      const config = await response.json();
      state.apiUrl = (config.apiUrl || "").replace(/\/$/, "");
      state.wsUrl = config.wsUrl || "";
    }
  } catch {
    // no config.json: the API is the page's own origin, as under make up
  }
  $("#token").value = token();
  $("#token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $("#token").value.trim());
    setStatus("Token set for this tab.");
  });
  $("#stream-form").addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = "stream/" + $("#stream-id").value.trim();
  });
  $("#customer-form").addEventListener("submit", (event) => {
    event.preventDefault();
    location.hash = "customer/" + $("#customer-id").value.trim();
  });
  $("#version-slider").addEventListener("input", (event) => showStateAt(Number(event.target.value)));
  $("#refresh-operations").addEventListener("click", loadOperations);
  window.addEventListener("hashchange", route);
  route();
}

start();

package dev.eventline.ordering.queryapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamFold.Folded;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.ETags;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.Principal;
import dev.eventline.http.Problem;
import dev.eventline.http.ProblemException;
import dev.eventline.http.Router;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.application.OrderAccess;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.queryapi.OrderLookup.Behind;
import dev.eventline.ordering.queryapi.OrderLookup.Found;
import dev.eventline.ordering.queryapi.OrderLookup.Missing;
import dev.eventline.ordering.queryapi.OrderLookup.Source;
import dev.eventline.ordering.queryapi.QueryParameters.AsOf;
import dev.eventline.ordering.queryapi.QueryParameters.AsOfInstant;
import dev.eventline.ordering.queryapi.QueryParameters.AsOfVersion;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The query API's three resources. Every read answers with an ETag and honours
 * {@code If-None-Match} with a 304; every order read says where it came from in {@code X-Read-Source}.
 */
final class OrderQueryRoutes {
    static final String READ_SOURCE = "X-Read-Source";
    /** A list read merged with the streams the caller's consistency tokens name. */
    static final String MERGED = "merged";

    private static final String REVALIDATE = "private, no-cache";
    private static final String IMMUTABLE = "private, max-age=31536000, immutable";

    private final OrderLookup lookup;
    private final OrderHistory history;
    private final OrderReadModels readModels;
    private final RecentWrites recentWrites;
    private final EmfMetrics metrics;
    private final Supplier<Function<String, Optional<String>>> contacts;

    /**
     * @param contacts a new reader of sealed contacts per request (a personal-data session: keys
     *     unwrapped for one request are forgotten with it); empty when the customer was erased
     */
    private final ConsistencyTokens tokens;

    OrderQueryRoutes(
            OrderLookup lookup,
            OrderHistory history,
            OrderReadModels readModels,
            EmfMetrics metrics,
            Supplier<Function<String, Optional<String>>> contacts,
            ConsistencyTokens tokens) {
        this.contacts = contacts;
        this.tokens = tokens;
        this.lookup = lookup;
        this.history = history;
        this.readModels = readModels;
        this.recentWrites = new RecentWrites(lookup);
        this.metrics = metrics;
    }

    Router register(Router router) {
        return router.route("GET", "/orders/{orderId}", this::order)
                .route("GET", "/orders/{orderId}/events", this::events)
                .route("GET", "/customers/{customerId}/orders", this::customerOrders);
    }

    /**
     * {@code GET /orders/{orderId}}: current (read-your-writes with minVersion / token) or, with asOf,
     * past. Every parameter is validated first, whichever applies: a past read comes from the events,
     * which are never behind, so a consistency requirement is already met and does not change it.
     */
    private HttpResponse order(HttpRequest request) {
        String orderId = request.pathParam("orderId");
        OrderAccess access = access(request);
        Optional<AsOf> asOf = QueryParameters.asOf(request);
        long minVersion = QueryParameters.minVersion(request);
        Duration maxWait = QueryParameters.maxWait(request);
        long tokenVersion = consistencyToken(request, orderId);
        long required = Math.max(minVersion, tokenVersion);
        if (asOf.isPresent()) {
            return pastOrder(request, orderId, asOf.get(), access);
        }
        return switch (lookup.find(
                orderId, required, maxWait, state -> access.readOrder(state) == OrderAccess.Outcome.ALLOWED)) {
            case Found found -> orderResponse(request, found, REVALIDATE);
            case Missing missing -> throw ProblemException.notFound("order " + orderId + " does not exist");
            case Behind behind ->
                throw new ProblemException(versionNotWritten(orderId, behind.currentVersion(), required));
        };
    }

    private HttpResponse pastOrder(HttpRequest request, String orderId, AsOf asOf, OrderAccess access) {
        return switch (asOf) {
            case AsOfVersion v -> {
                Folded<OrderState> folded = history.atVersion(orderId, v.version());
                requireVisible(orderId, access, folded);
                if (folded.version() < v.version()) {
                    throw ProblemException.notFound(
                            folded.exists()
                                    ? "order " + orderId + " has no version " + v.version() + "; its latest is "
                                            + folded.version()
                                    : "order " + orderId + " does not exist");
                }
                // a past version never changes: caches may keep it for good
                yield orderResponse(request, new Found(folded.state(), folded.version(), Source.EVENTS), IMMUTABLE);
            }
            case AsOfInstant i -> {
                Folded<OrderState> folded = history.atInstant(orderId, i.instant());
                if (folded.exists()) {
                    requireVisible(orderId, access, folded);
                }
                if (!folded.exists()) {
                    throw ProblemException.notFound("order " + orderId + " did not exist at " + i.instant());
                }
                yield orderResponse(request, new Found(folded.state(), folded.version(), Source.EVENTS), REVALIDATE);
            }
        };
    }

    private HttpResponse orderResponse(HttpRequest request, Found found, String cacheControl) {
        metrics.count("Reads", 1, "ReadSource", found.source().header());
        if (ETags.matchesIfNoneMatch(request.header(ETags.IF_NONE_MATCH), found.version())) {
            return HttpResponse.notModified(found.version()).toBuilder()
                    .header(READ_SOURCE, found.source().header())
                    .header("Cache-Control", cacheControl)
                    .build();
        }
        return HttpResponse.status(200)
                .header("ETag", ETags.of(found.version()))
                .header(READ_SOURCE, found.source().header())
                .header("Cache-Control", cacheControl)
                .header(
                        ConsistencyToken.HEADER,
                        tokens.sign(new ConsistencyToken(
                                OrderCommands.streamId(found.state().orderId()), found.version())))
                .json(Representations.write(Representations.order(found.state(), found.version(), contacts.get())))
                .build();
    }

    /** {@code GET /orders/{orderId}/events}: the audit trail, oldest first, paged by version. */
    private HttpResponse events(HttpRequest request) {
        String orderId = request.pathParam("orderId");
        int limit = QueryParameters.limit(request);
        long after = Cursors.version(request.queryParam("cursor"));
        OrderAccess access = access(request);
        // whose order it is: the first event names the customer, and it never changes
        requireVisible(orderId, access, history.atVersion(orderId, 1));
        StreamPage page = history.page(orderId, after, limit);
        if (page.events().isEmpty() && after == 0) {
            throw ProblemException.notFound("order " + orderId + " does not exist");
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("orderId", orderId);
        ArrayNode events = body.putArray("events");
        for (RecordedEvent event : page.events()) {
            events.add(Representations.event(event, access.seesAuditMetadata()));
        }
        putCursor(body, page.hasMore() ? Optional.of(Cursors.ofVersion(page.lastVersion(after))) : Optional.empty());
        metrics.count("Reads", 1, "ReadSource", Source.EVENTS.header());
        return listResponse(request, body, Source.EVENTS);
    }

    /**
     * {@code GET /customers/{customerId}/orders}: newest first. A customer without orders has an empty list.
     * With consistency tokens (header and/or query, see {@link RecentWrites}), the orders they name are
     * merged in at their version or later, and {@code X-Read-Source} says {@code merged} when one was.
     */
    private HttpResponse customerOrders(HttpRequest request) {
        String customerId = request.pathParam("customerId");
        if (access(request).readCustomer(customerId) != OrderAccess.Outcome.ALLOWED) {
            // as for an order: another customer's list is not there, rather than forbidden
            throw ProblemException.notFound("customer " + customerId + " has no orders visible to you");
        }
        int limit = QueryParameters.limit(request);
        Optional<String> after = Cursors.sortKey(request.queryParam("cursor"));
        List<ConsistencyToken> written = tokens.allFrom(request);
        RecentWrites.Merged merged = recentWrites.merge(
                customerId, readModels.customerOrders(customerId, limit, after), after, limit, written);
        OrderReadModels.CustomerOrdersPage page = merged.page();
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("customerId", customerId);
        ArrayNode orders = body.putArray("orders");
        for (CustomerOrderItem item : page.orders()) {
            orders.add(Representations.customerOrder(item));
        }
        putCursor(body, page.lastSortKey().map(Cursors::ofSortKey));
        String source = merged.merged() ? MERGED : Source.PROJECTION.header();
        metrics.count("Reads", 1, "ReadSource", source);
        return listResponse(request, body, source);
    }

    private static OrderAccess access(HttpRequest request) {
        Principal principal = request.principal();
        return new OrderAccess(principal.subject(), principal.isStaff());
    }

    /** Someone else's order gets the very answer a missing one gets. */
    private static void requireVisible(String orderId, OrderAccess access, Folded<OrderState> folded) {
        if (folded.exists() && access.readOrder(folded.state()) != OrderAccess.Outcome.ALLOWED) {
            throw ProblemException.notFound("order " + orderId + " does not exist");
        }
    }

    private static HttpResponse listResponse(HttpRequest request, ObjectNode body, Source source) {
        return listResponse(request, body, source.header());
    }

    private static HttpResponse listResponse(HttpRequest request, ObjectNode body, String source) {
        String text = Representations.write(body);
        String tag = ContentTags.of(text);
        if (ContentTags.matches(request.header(ETags.IF_NONE_MATCH), tag)) {
            return HttpResponse.status(304)
                    .header("ETag", tag)
                    .header(READ_SOURCE, source)
                    .header("Cache-Control", REVALIDATE)
                    .build();
        }
        return HttpResponse.status(200)
                .header("ETag", tag)
                .header(READ_SOURCE, source)
                .header("Cache-Control", REVALIDATE)
                .json(text)
                .build();
    }

    private static void putCursor(ObjectNode body, Optional<String> cursor) {
        if (cursor.isPresent()) {
            body.put("nextCursor", cursor.get());
        } else {
            body.putNull("nextCursor");
        }
    }

    /**
     * The token's version, 0 without one. Verified before anything is read: a forged, tampered or
     * another stream's token is a 400 that costs no read and no wait.
     */
    private long consistencyToken(HttpRequest request, String orderId) {
        return tokens.fromHeader(request, OrderCommands.streamId(orderId))
                .map(ConsistencyToken::version)
                .orElse(0L);
    }

    /**
     * 412: the order exists, but the events table, read consistently, is below the version asked
     * for. Such a read includes every committed write, so that version was never written (a
     * version made up, or a token of a write that failed): waiting would not help, and the client's
     * precondition is what fails, as in the accounts API. {@code currentVersion} (also the ETag)
     * is where the order is.
     */
    static Problem versionNotWritten(String orderId, long currentVersion, long requiredVersion) {
        return Problem.preconditionFailed(
                        "order " + orderId + " is at version " + currentVersion + ", below the version "
                                + requiredVersion + " the request requires",
                        currentVersion)
                .withExtension("requiredVersion", requiredVersion)
                .withHeader("ETag", ETags.of(currentVersion));
    }
}

package dev.eventline.streams.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The WebSocket routes' logic, shared by the Lambda behind the WebSocket API and the local runtime's
 * {@code ws://} server: {@code $connect} stores nothing, {@code subscribe}/{@code unsubscribe}
 * messages change the connection's items, {@code $disconnect} forgets them.
 *
 * <p>The caller's identity ({@code principal}, the JWT subject from the {@code $connect} authorizer,
 * which API Gateway hands to every later route of the connection) may subscribe only to its own
 * resources: {@code customerId} ("my orders") and {@code ownerId} ("my accounts") must be {@code "me"}
 * or the principal, and a stream only when {@link Ownership} names the principal as its owner. Staff
 * (the connection's token holds {@code eventline/staff}) may subscribe to any stream that exists and
 * to any customer or owner, as they may read any of them over HTTP.
 */
public final class PushRoutes {
    /** Who owns a stream (a customer id), empty when the stream is unknown. */
    @FunctionalInterface
    public interface Ownership {
        Optional<String> ownerOf(String streamId);
    }

    /** Bounds the caller cannot move: a frame larger than this is refused before parsing. */
    public static final int MAX_MESSAGE_CHARS = 4_096;

    private static final Pattern STREAM_ID = Pattern.compile("(Order|Account)-[A-Za-z0-9._:-]{1,128}");
    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Subscriptions subscriptions;
    private final Ownership ownership;

    public PushRoutes(Subscriptions subscriptions, Ownership ownership) {
        this.subscriptions = subscriptions;
        this.ownership = ownership;
    }

    /** {@code $disconnect}: the connection's items go now rather than at their TTL. */
    public void disconnect(String connectionId) {
        subscriptions.forget(connectionId);
    }

    /** Any message after {@code $connect}: the reply frame, {@code subscribed}/{@code unsubscribed} or {@code error}. */
    public String message(String connectionId, String principal, String body) {
        return message(connectionId, principal, false, body);
    }

    /** @param staff whether the connection's token holds the staff scope */
    public String message(String connectionId, String principal, boolean staff, String body) {
        if (principal == null || principal.isBlank()) {
            return error("no identity on this connection");
        }
        if (body == null || body.length() > MAX_MESSAGE_CHARS) {
            return error("a message is a JSON object of at most " + MAX_MESSAGE_CHARS + " characters");
        }
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException malformed) {
            return error("not JSON");
        }
        if (message == null || !message.isObject()) {
            return error("not a JSON object");
        }
        String action = message.path("action").asText("");
        boolean subscribe = "subscribe".equals(action);
        if (!subscribe && !"unsubscribe".equals(action)) {
            return error("action must be subscribe or unsubscribe");
        }
        JsonNode streamId = message.get("streamId");
        JsonNode customerId = message.get("customerId");
        JsonNode ownerId = message.get("ownerId");
        int named = (streamId == null ? 0 : 1) + (customerId == null ? 0 : 1) + (ownerId == null ? 0 : 1);
        if (named != 1) {
            return error("name exactly one of streamId, customerId and ownerId");
        }
        String key;
        ObjectNode reply = JSON.createObjectNode();
        reply.put("type", subscribe ? "subscribed" : "unsubscribed");
        if (streamId != null) {
            String id = streamId.asText("");
            if (!streamId.isTextual() || !STREAM_ID.matcher(id).matches()) {
                return error("streamId must be Order-<id> or Account-<id>");
            }
            if (subscribe
                    && !ownership
                            .ownerOf(id)
                            .filter(owner -> staff || principal.equals(owner))
                            .isPresent()) {
                return error("not your stream");
            }
            key = id;
            reply.put("streamId", id);
        } else {
            boolean orders = customerId != null;
            JsonNode chosen = orders ? customerId : ownerId;
            String field = orders ? "customerId" : "ownerId";
            String id = "me".equals(chosen.asText()) ? principal : chosen.asText("");
            if (!chosen.isTextual() || !CUSTOMER_ID.matcher(id).matches()) {
                return error(field + " must be \"me\" or your " + (orders ? "customer" : "owner") + " id");
            }
            if (!staff && !principal.equals(id)) {
                return error("not your " + (orders ? "customer" : "owner") + " id");
            }
            key = orders ? Subscriptions.customerKey(id) : Subscriptions.ownerKey(id);
            reply.put(field, id);
        }
        if (!subscribe) {
            subscriptions.unsubscribe(connectionId, key);
            return reply.toString();
        }
        var existing = subscriptions.keysOf(connectionId);
        if (!existing.contains(key) && existing.size() >= Subscriptions.MAX_PER_CONNECTION) {
            return error("at most " + Subscriptions.MAX_PER_CONNECTION + " subscriptions per connection");
        }
        subscriptions.subscribe(connectionId, key, principal);
        return reply.toString();
    }

    private static String error(String detail) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("type", "error");
        reply.put("detail", detail);
        return reply.toString();
    }
}

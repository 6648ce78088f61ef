package dev.eventline.ordering.commandapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.eventstore.CommandResult;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.CommandResult.Replayed;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.ETags;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.StoredResponse;
import dev.eventline.ordering.OrderState;
import java.util.function.Function;

/**
 * The outcome of a command as HTTP. The body only holds what the command decided and the state it
 * left (no timestamps, no ids generated per attempt), so the response remembered for an
 * idempotent request and the one returned to its first attempt are the same bytes.
 */
final class CommandResponses {
    private final ConsistencyTokens tokens;

    CommandResponses(ConsistencyTokens tokens) {
        this.tokens = tokens;
    }

    static HttpResponse of(CommandResult<OrderState> result, Function<Executed<OrderState>, HttpResponse> render) {
        return switch (result) {
            case Executed<OrderState> executed -> render.apply(executed);
            case Replayed<OrderState> replayed ->
                StoredResponse.replay(replayed.record().response());
        };
    }

    /**
     * {@code POST /orders}: 201 when the order was created now; 200 when an identical placement
     * under the same client-chosen orderId had already created it (nothing new recorded).
     */
    HttpResponse created(Executed<OrderState> executed) {
        OrderState state = executed.state();
        return builder(executed.newEvents().isEmpty() ? 200 : 201, executed)
                .header("Location", "/orders/" + state.orderId())
                .build();
    }

    /** Every other command: 200, also when it was already satisfied ({@code "events": []}). */
    HttpResponse updated(Executed<OrderState> executed) {
        return builder(200, executed).build();
    }

    private HttpResponse.Builder builder(int status, Executed<OrderState> executed) {
        OrderState state = executed.state();
        String token = tokens.sign(new ConsistencyToken(executed.streamId(), executed.version()));
        ObjectNode body = JsonNodeFactory.instance
                .objectNode()
                .put("orderId", state.orderId())
                .put("version", executed.version());
        ArrayNode events = body.putArray("events");
        for (RecordedEvent event : executed.newEvents()) {
            events.add(event.type());
        }
        body.put("status", state.status().name())
                .put("currency", state.currency())
                .put("total", state.total())
                .put("consistencyToken", token);
        return HttpResponse.status(status)
                .header("ETag", ETags.of(executed.version()))
                .header(ConsistencyToken.HEADER, token)
                .json(body);
    }
}

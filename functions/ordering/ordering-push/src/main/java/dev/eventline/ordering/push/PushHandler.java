package dev.eventline.ordering.push;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eventline.accounts.AccountOpened;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.WebSocketEvent;
import dev.eventline.lambda.events.WebSocketEvents;
import dev.eventline.lambda.events.WebSocketResponse;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.streams.push.PushRoutes;
import dev.eventline.streams.push.Subscriptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lambda entry point behind the WebSocket API: {@code $connect} (already authorized; nothing is
 * stored until a subscribe), {@code $default} messages (subscribe/unsubscribe, see
 * {@link PushRoutes}) and {@code $disconnect}. The caller is the {@code principalId} the
 * {@code $connect} authorizer returned, which API Gateway repeats on every route of the connection.
 *
 * <p>An order's owner is the customer of its first event ({@code OrderPlaced}), an account's the owner
 * of its first event ({@code AccountOpened}), each read from its context's events table rather than a
 * read model, so a stream written a moment ago can be subscribed to before its projector caught up.
 * Staff (the authorizer's {@code scopes} hold {@value #STAFF_SCOPE}) may subscribe to any stream that
 * exists. Environment: {@code PUSH_CONNECTIONS_TABLE}, {@code EVENTS_TABLE} (ordering),
 * {@code ACCOUNTS_EVENTS_TABLE} (without it, account subscriptions are refused).
 *
 * <p>The Lambda runtime calls the stream entry point (it prefers it when a class implements both),
 * which reads the event and writes the answer with {@link WebSocketEvents}; the typed entry point on
 * Eventline's {@link WebSocketEvent} is what the tests and the local runtime call.
 */
public final class PushHandler implements RequestHandler<WebSocketEvent, WebSocketResponse>, RequestStreamHandler {
    static final String STAFF_SCOPE = "eventline/staff";

    private final PushRoutes routes;

    /** Called by Lambda. */
    public PushHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** For the local runtime: the function's environment, pointed at the emulator. */
    public PushHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    public PushHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        var dynamoDb = clients.dynamoDb();
        EventReader events = new DynamoDbEventReader(dynamoDb, env.require("EVENTS_TABLE"));
        Optional<EventReader> accountEvents =
                env.optional("ACCOUNTS_EVENTS_TABLE").map(table -> new DynamoDbEventReader(dynamoDb, table));
        PushRoutes.Ownership orders = orderOwner(events);
        PushRoutes.Ownership accounts =
                accountEvents.map(PushHandler::accountOwner).orElse(streamId -> Optional.empty());
        this.routes = new PushRoutes(
                new Subscriptions(dynamoDb, env.require("PUSH_CONNECTIONS_TABLE"), clock),
                streamId -> streamId.startsWith("Account-") ? accounts.ownerOf(streamId) : orders.ownerOf(streamId));
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        WebSocketEvent event = WebSocketEvents.fromJson(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write(WebSocketEvents.toJson(handleRequest(event, context)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public WebSocketResponse handleRequest(WebSocketEvent event, Context context) {
        var request = event.requestContext();
        String connectionId = request.connectionId();
        return switch (request.routeKey()) {
            case "$connect" -> response(200, null);
            case "$disconnect" -> {
                routes.disconnect(connectionId);
                yield response(200, null);
            }
            default ->
                response(
                        200,
                        routes.message(
                                connectionId,
                                principal(request.authorizer()),
                                staff(request.authorizer()),
                                event.body()));
        };
    }

    /** Who may subscribe to a stream: orders only (accounts have their own push routes to come). */
    static PushRoutes.Ownership orderOwner(EventReader events) {
        OrderEventCodec codec = new OrderEventCodec();
        return streamId -> {
            if (!streamId.startsWith("Order-")) {
                return Optional.empty();
            }
            return events.readPage(streamId, 0, 1).events().stream()
                    .findFirst()
                    .map(codec::decode)
                    .flatMap(first ->
                            first instanceof OrderPlaced placed ? Optional.of(placed.customerId()) : Optional.empty());
        };
    }

    /** Who may subscribe to an account: the owner named by its first event ({@code AccountOpened}). */
    static PushRoutes.Ownership accountOwner(EventReader events) {
        AccountEventCodec codec = new AccountEventCodec();
        return streamId -> {
            if (!streamId.startsWith("Account-")) {
                return Optional.empty();
            }
            return events.readPage(streamId, 0, 1).events().stream()
                    .findFirst()
                    .map(codec::decode)
                    .flatMap(first ->
                            first instanceof AccountOpened opened ? Optional.of(opened.ownerId()) : Optional.empty());
        };
    }

    /** The {@code $connect} authorizer's {@code scopes} (space-separated), repeated on every route. */
    private static boolean staff(Map<String, Object> authorizer) {
        if (authorizer == null || authorizer.get("scopes") == null) {
            return false;
        }
        return List.of(authorizer.get("scopes").toString().split("\\s+")).contains(STAFF_SCOPE);
    }

    private static String principal(Map<String, Object> authorizer) {
        if (authorizer == null) {
            return null;
        }
        Object principal = authorizer.get("principalId");
        return principal == null ? null : principal.toString();
    }

    private static WebSocketResponse response(int status, String body) {
        return new WebSocketResponse(status, body);
    }
}

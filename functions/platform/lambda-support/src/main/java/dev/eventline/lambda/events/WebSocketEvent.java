package dev.eventline.lambda.events;

import java.util.Map;

/**
 * A WebSocket API route's event as API Gateway hands it to the push function ({@code $connect},
 * {@code $default}, {@code $disconnect}), holding the parts Eventline reads or writes, under their
 * wire names. Eventline's own record rather than the Lambda events library's bean: it is read and
 * written by {@link WebSocketEvents} with Jackson's tree model, so the function's jar carries neither
 * the events library nor the Joda-Time the runtime's serializer would load for it.
 *
 * @param body {@code null} on {@code $connect} and {@code $disconnect}
 */
public record WebSocketEvent(RequestContext requestContext, String body, boolean isBase64Encoded) {

    /**
     * {@code requestContext}.
     *
     * @param eventType  {@code CONNECT}, {@code MESSAGE} or {@code DISCONNECT}
     * @param authorizer what the {@code $connect} authorizer returned ({@code principalId} and its
     *                   context), repeated on every route of the connection; {@code null} without one
     */
    public record RequestContext(
            String routeKey,
            String eventType,
            String connectionId,
            String stage,
            String domainName,
            long requestTimeEpoch,
            Map<String, Object> authorizer) {}
}

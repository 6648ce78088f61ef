package dev.eventline.lambda.events;

/**
 * The push function's answer to a WebSocket API route: the status API Gateway reads ({@code $connect}
 * is refused unless 200) and, for a message, the body it sends back on the connection. Eventline's
 * own record, written by {@link WebSocketEvents}; see {@link WebSocketEvent} for why.
 *
 * @param body {@code null} for none
 */
public record WebSocketResponse(int statusCode, String body) {}

package dev.eventline.infrastructure.constructs;

import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;

/**
 * A stage's access logs as one JSON object per request, for the HTTP and the WebSocket API alike (a
 * class, not a record: jsii must see getters only).
 */
final class JsonAccessLogs implements IAccessLogSettings {
    private final IAccessLogDestination destination;
    private final String format;

    JsonAccessLogs(IAccessLogDestination destination, String format) {
        this.destination = destination;
        this.format = format;
    }

    @Override
    public IAccessLogDestination getDestination() {
        return destination;
    }

    @Override
    public AccessLogFormat getFormat() {
        return AccessLogFormat.custom(format);
    }
}

package dev.eventline.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * An HTTP API function (payload 2.0). The Lambda runtime calls the stream entry point, which it
 * prefers over {@link RequestHandler} when a handler class implements both: the event is read and
 * the response written by {@link ApiGatewayEvents}, never by the runtime's serializer (built for the
 * Lambda events library, which Eventline does not ship, and loading Joda-Time). The typed entry point, on
 * {@link HttpApiEvent} and {@link HttpApiResponse}, is what the tests and the local runtime call.
 */
public interface ApiGatewayHandler extends RequestHandler<HttpApiEvent, HttpApiResponse>, RequestStreamHandler {

    @Override
    default void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApiEvent event = ApiGatewayEvents.fromJson(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write(ApiGatewayEvents.toJson(handleRequest(event, context)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code api} with each event and response taken through the wire format as the stream entry point
     * takes them: for SnapStart priming, so the snapshot holds the mapping's classes warm too.
     */
    static Function<HttpApiEvent, HttpApiResponse> throughTheWire(Function<HttpApiEvent, HttpApiResponse> api) {
        return event -> ApiGatewayEvents.responseFromJson(
                ApiGatewayEvents.toJson(api.apply(ApiGatewayEvents.fromJson(ApiGatewayEvents.toJson(event)))));
    }
}

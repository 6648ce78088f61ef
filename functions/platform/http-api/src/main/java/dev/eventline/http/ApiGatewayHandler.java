package dev.eventline.http;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * An HTTP API function (payload 2.0). The Lambda runtime calls the stream entry point, which it
 * prefers over {@link RequestHandler} when a handler class implements both: the event is read and
 * the response written by {@link ApiGatewayEvents}, not by the runtime's serializer, which would load
 * Joda-Time from the function's jar for every API Gateway event (aws-lambda-java-serialization
 * registers its {@code DateTimeModule} unconditionally). The typed entry point stays what the
 * handler implements and what the tests and the local runtime call.
 */
public interface ApiGatewayHandler
        extends RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>, RequestStreamHandler {

    @Override
    default void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        APIGatewayV2HTTPEvent event =
                ApiGatewayEvents.fromJson(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write(ApiGatewayEvents.toJson(handleRequest(event, context)).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code api} with each event and response taken through the wire format as the stream entry point
     * takes them: for SnapStart priming, so the snapshot holds the mapping's classes warm too.
     */
    static Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> throughTheWire(
            Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> api) {
        return event -> ApiGatewayEvents.responseFromJson(
                ApiGatewayEvents.toJson(api.apply(ApiGatewayEvents.fromJson(ApiGatewayEvents.toJson(event)))));
    }
}

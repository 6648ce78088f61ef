package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.eventline.lambda.LambdaEnvironment;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP function for testing the server: remembers the event it got and answers with its
 * function name; {@code GET /binary} answers a base64 body, {@code /boom} throws.
 */
public final class EchoHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final AtomicReference<APIGatewayV2HTTPEvent> LAST = new AtomicReference<>();

    private final String name;

    public EchoHttpHandler(LambdaEnvironment env) {
        this.name = env.require("AWS_LAMBDA_FUNCTION_NAME");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        LAST.set(event);
        if (event.getRawPath().endsWith("/boom")) {
            throw new IllegalStateException("boom");
        }
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        if (event.getRawPath().endsWith("/binary")) {
            response.setStatusCode(200);
            response.setHeaders(Map.of("content-type", "application/octet-stream"));
            response.setBody(Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255}));
            response.setIsBase64Encoded(true);
            return response;
        }
        response.setStatusCode(201);
        response.setHeaders(
                Map.of("content-type", "text/plain", "x-correlation-id", "corr-from-handler", "x-function", name));
        response.setBody(name);
        return response;
    }
}

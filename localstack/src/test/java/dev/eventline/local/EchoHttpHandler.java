package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.lambda.LambdaEnvironment;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP function for testing the server: remembers the event it got and answers with its
 * function name; {@code GET /binary} answers a base64 body, {@code /boom} throws.
 */
public final class EchoHttpHandler implements RequestHandler<HttpApiEvent, HttpApiResponse> {
    static final AtomicReference<HttpApiEvent> LAST = new AtomicReference<>();

    private final String name;

    public EchoHttpHandler(LambdaEnvironment env) {
        this.name = env.require("AWS_LAMBDA_FUNCTION_NAME");
    }

    @Override
    public HttpApiResponse handleRequest(HttpApiEvent event, Context context) {
        LAST.set(event);
        if (event.rawPath().endsWith("/boom")) {
            throw new IllegalStateException("boom");
        }
        if (event.rawPath().endsWith("/binary")) {
            return new HttpApiResponse(
                    200,
                    Map.of("content-type", "application/octet-stream"),
                    null,
                    Base64.getEncoder().encodeToString(new byte[] {0, 1, 2, (byte) 255}),
                    true);
        }
        return HttpApiResponse.of(
                201,
                Map.of("content-type", "text/plain", "x-correlation-id", "corr-from-handler", "x-function", name),
                name);
    }
}

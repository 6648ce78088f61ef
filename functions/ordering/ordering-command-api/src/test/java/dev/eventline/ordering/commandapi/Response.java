package dev.eventline.ordering.commandapi;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.eventline.testsupport.http.ApiResponse;

/** A handler's answer for assertions; a command answer's token names the order's stream. */
final class Response extends ApiResponse<Response> {
    private Response(APIGatewayV2HTTPResponse response) {
        super(response);
    }

    static Response of(APIGatewayV2HTTPResponse response) {
        return new Response(response);
    }

    String orderId() {
        return body().path("orderId").asText();
    }

    @Override
    protected String commandStreamId() {
        return "Order-" + orderId();
    }
}

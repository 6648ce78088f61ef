package dev.eventline.ordering.commandapi;

import dev.eventline.http.HttpApiResponse;
import dev.eventline.testsupport.http.ApiResponse;

/** A handler's answer for assertions; a command answer's token names the order's stream. */
final class Response extends ApiResponse<Response> {
    private Response(HttpApiResponse response) {
        super(response);
    }

    static Response of(HttpApiResponse response) {
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

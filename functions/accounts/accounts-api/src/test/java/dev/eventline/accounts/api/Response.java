package dev.eventline.accounts.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.eventline.testsupport.http.ApiResponse;

/** A handler's answer for assertions; a command answer's token names the account's stream. */
final class Response extends ApiResponse<Response> {
    private Response(APIGatewayV2HTTPResponse response) {
        super(response);
    }

    static Response of(APIGatewayV2HTTPResponse response) {
        return new Response(response);
    }

    String accountId() {
        return body().path("accountId").asText();
    }

    long balance() {
        return body().path("balance").asLong();
    }

    @Override
    protected String commandStreamId() {
        return "Account-" + accountId();
    }
}

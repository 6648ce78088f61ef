package dev.eventline.accounts.api;

import dev.eventline.http.HttpApiResponse;
import dev.eventline.testsupport.http.ApiResponse;

/** A handler's answer for assertions; a command answer's token names the account's stream. */
final class Response extends ApiResponse<Response> {
    private Response(HttpApiResponse response) {
        super(response);
    }

    static Response of(HttpApiResponse response) {
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

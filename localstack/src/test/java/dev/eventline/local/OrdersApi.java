package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** The ordering HTTP API as a client sees it, over real HTTP to the local server. */
final class OrdersApi {
    static final String PLACE =
            "{\"customerId\":\"%s\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI base;
    private final String authorization;

    /** As staff, who may do everything, with a token of the local issuer. */
    OrdersApi(URI base) {
        this(base, Callers.staff(Clock.systemUTC()));
    }

    /** @param authorization the {@code Authorization} header every request carries */
    OrdersApi(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        long version() {
            return body.path("version").asLong();
        }
    }

    /** Places an order for {@code customerId}; returns the answer (201, Location, consistency token). */
    Answer place(String customerId) {
        return send(HttpRequest.newBuilder(base.resolve("/orders"))
                .header("content-type", "application/json")
                .POST(BodyPublishers.ofString(PLACE.formatted(customerId)))
                .build());
    }

    Answer command(String orderId, String action, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/orders/" + orderId + "/" + action));
        if (body == null) {
            request.POST(BodyPublishers.noBody());
        } else {
            request.header("content-type", "application/json").POST(BodyPublishers.ofString(body));
        }
        return send(request.build());
    }

    /** {@code GET /orders/{id}}, optionally with a consistency token (read-your-writes) or a query. */
    Answer get(String orderId, Optional<String> consistencyToken, String query) {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/orders/" + orderId + query));
        consistencyToken.ifPresent(token -> request.header("X-Consistency-Token", token));
        return send(request.build());
    }

    Answer send(String path, String jsonBody) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("content-type", "application/json")
                .POST(BodyPublishers.ofString(jsonBody))
                .build());
    }

    /** A POST with an {@code Idempotency-Key}, as a client that may retry it sends it. */
    Answer send(String path, String jsonBody, String idempotencyKey) {
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("content-type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(BodyPublishers.ofString(jsonBody))
                .build());
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).build());
    }

    /**
     * Waits until the query API answers from the order-summary projection at {@code version} or later,
     * and checks that the projection equals the fold of the events; returns the projected body.
     */
    JsonNode awaitProjected(String orderId, long version, Duration atMost) {
        return await().atMost(atMost)
                .until(
                        () -> {
                            Answer current = get(orderId, Optional.empty(), "");
                            if (!"projection".equals(current.header("X-Read-Source")) || current.version() < version) {
                                return null;
                            }
                            Answer folded = get(orderId, Optional.empty(), "?asOf=" + current.version());
                            assertThat(folded.header("X-Read-Source")).isEqualTo("events");
                            assertThat(current.body()).isEqualTo(folded.body());
                            return current.body();
                        },
                        body -> body != null);
    }

    static String orderIdOf(Answer placed) {
        String location = placed.header("Location");
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private Answer send(HttpRequest request) {
        HttpRequest authorized = HttpRequest.newBuilder(request, (name, value) -> true)
                .header("Authorization", authorization)
                .build();
        try {
            HttpResponse<String> response = client.send(authorized, BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

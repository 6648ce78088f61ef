package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.http.HttpApiEvent;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.RouteSpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP server alone, with echoing functions: the payload 2.0 mapping both ways, and routing. */
class LocalHttpServerTest {
    private static final AwsEndpoint NO_AWS = new AwsEndpoint(URI.create("http://127.0.0.1:9"));
    private final HttpClient client = HttpClient.newHttpClient();
    private LocalHttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void request_becomes_the_payload20_event_of_the_matching_route() throws Exception {
        start(List.of(
                new RouteSpec("POST /orders/{orderId}/items", "fn-items"),
                new RouteSpec("GET /orders/{orderId}", "fn-orders")));

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri("/orders/o-1/items?x=1&x=2&y=a%20b"))
                        .header("Content-Type", "application/json")
                        .header("X-Custom", "Value")
                        .POST(BodyPublishers.ofString("{\"sku\":\"S-1\"}"))
                        .build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("fn-items");
        assertThat(response.headers().firstValue("x-correlation-id")).contains("corr-from-handler");
        HttpApiEvent event = EchoHttpHandler.LAST.get();
        assertThat(event.version()).isEqualTo("2.0");
        assertThat(event.routeKey()).isEqualTo("POST /orders/{orderId}/items");
        assertThat(event.rawPath()).isEqualTo("/orders/o-1/items");
        assertThat(event.rawQueryString()).isEqualTo("x=1&x=2&y=a%20b");
        assertThat(event.queryStringParameters()).containsExactlyInAnyOrderEntriesOf(Map.of("x", "1,2", "y", "a b"));
        assertThat(event.pathParameters()).containsExactlyEntriesOf(Map.of("orderId", "o-1"));
        assertThat(event.headers())
                .containsEntry("x-custom", "Value")
                .containsEntry("content-type", "application/json");
        assertThat(event.body()).isEqualTo("{\"sku\":\"S-1\"}");
        assertThat(event.isBase64Encoded()).isFalse();
        HttpApiEvent.RequestContext context = event.requestContext();
        assertThat(context.stage()).isEqualTo("$default");
        assertThat(context.requestId()).hasSize(36);
        assertThat(context.timeEpoch()).isPositive();
        assertThat(context.http().method()).isEqualTo("POST");
        assertThat(context.http().path()).isEqualTo("/orders/o-1/items");
        assertThat(context.http().protocol()).isEqualTo("HTTP/1.1");
        assertThat(context.http().sourceIp()).isEqualTo("127.0.0.1");
        assertThat(context.http().userAgent()).startsWith("Java-http-client");
    }

    @Test
    void binary_bodies_travel_base64_encoded_both_ways() throws Exception {
        start(List.of(new RouteSpec("ANY /files/{proxy+}", "fn-orders")));

        client.send(
                HttpRequest.newBuilder(uri("/files/a/b"))
                        .header("Content-Type", "application/octet-stream")
                        .PUT(BodyPublishers.ofByteArray(new byte[] {(byte) 0xCA, (byte) 0xFE}))
                        .build(),
                BodyHandlers.discarding());
        assertThat(EchoHttpHandler.LAST.get().isBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(EchoHttpHandler.LAST.get().body()))
                .containsExactly(0xCA, 0xFE);
        assertThat(EchoHttpHandler.LAST.get().pathParameters()).containsEntry("proxy", "a/b");

        HttpResponse<byte[]> binary =
                client.send(HttpRequest.newBuilder(uri("/files/x/binary")).build(), BodyHandlers.ofByteArray());
        assertThat(binary.body()).containsExactly(0, 1, 2, 255);
    }

    @Test
    void unknown_route_is_a404_problem() throws Exception {
        start(List.of(new RouteSpec("GET /orders/{orderId}", "fn-orders")));

        HttpResponse<String> response =
                client.send(HttpRequest.newBuilder(uri("/nowhere")).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("content-type")).contains("application/problem+json");
        assertThat(response.body()).contains("\"status\":404");
    }

    @Test
    void any_route_takes_the_methods_no_other_route_of_the_path_names() throws Exception {
        start(List.of(
                new RouteSpec("POST /orders/{orderId}/items", "fn-items"),
                new RouteSpec("ANY /orders/{orderId}/items", "fn-orders")));

        HttpResponse<String> post = client.send(
                HttpRequest.newBuilder(uri("/orders/o-1/items"))
                        .POST(BodyPublishers.noBody())
                        .build(),
                BodyHandlers.ofString());
        HttpResponse<String> delete = client.send(
                HttpRequest.newBuilder(uri("/orders/o-1/items")).DELETE().build(), BodyHandlers.ofString());

        assertThat(post.body()).isEqualTo("fn-items");
        assertThat(delete.body()).isEqualTo("fn-orders");
        assertThat(EchoHttpHandler.LAST.get().routeKey()).isEqualTo("ANY /orders/{orderId}/items");
    }

    @Test
    void a_head_request_gets_the_headers_without_a_body() throws Exception {
        start(List.of(new RouteSpec("ANY /orders/{orderId}", "fn-orders")));

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri("/orders/o-1"))
                        .method("HEAD", BodyPublishers.noBody())
                        .build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers().firstValue("x-function")).contains("fn-orders");
        assertThat(response.body()).isEmpty();
    }

    @Test
    void a_throwing_handler_is_a500_like_api_gateways() throws Exception {
        start(List.of(new RouteSpec("GET /orders/{orderId}", "fn-orders")));

        HttpResponse<String> response =
                client.send(HttpRequest.newBuilder(uri("/orders/boom")).build(), BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"message\":\"Internal Server Error\"}");
    }

    @Test
    void bodies_over_one_megabyte_are_refused_by_the_server() throws Exception {
        start(List.of(new RouteSpec("POST /orders/{orderId}/items", "fn-items")));

        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(uri("/orders/o-1/items"))
                        .POST(BodyPublishers.ofByteArray(new byte[LocalHttpServer.MAX_BODY_BYTES + 1]))
                        .build(),
                BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void without_template_routes_the_conventional_split_applies_and_a_missing_function_is_a503() throws Exception {
        start(List.of());

        assertThat(client.send(HttpRequest.newBuilder(uri("/orders/o-1")).build(), BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(503);
        assertThat(client.send(HttpRequest.newBuilder(uri("/elsewhere")).build(), BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
    }

    private void start(List<RouteSpec> routes) {
        Topology topology = new Topology(
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(
                        TestTopologies.function("fn-orders", EchoHttpHandler.class, Map.of()),
                        TestTopologies.function("fn-items", EchoHttpHandler.class, Map.of())),
                List.of(),
                routes);
        LocalFunctions functions = LocalFunctions.create(topology, NO_AWS, Map.of(), Clock.systemUTC());
        server = LocalHttpServer.start(0, HttpRoutes.from(topology, functions), Clock.systemUTC());
    }

    private URI uri(String pathAndQuery) {
        return server.uri().resolve(pathAndQuery);
    }
}

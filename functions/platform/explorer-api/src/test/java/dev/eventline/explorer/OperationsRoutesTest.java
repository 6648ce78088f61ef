package dev.eventline.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.http.ApiGateway;
import dev.eventline.testsupport.http.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The explorer's operations routes against the emulated queues and tables (the redrive itself, through
 * a consumer, is shown end to end by the console's browser test in the local stack).
 */
@WithEmulator
class OperationsRoutesTest {
    private static final MutableClock CLOCK = MutableClock.startingNow();

    private final ExplorerApiHandler handler;
    private final Map<String, String> environment;

    OperationsRoutesTest(Emulator emulator) {
        this.environment = emulator.environmentOf(ExplorerApiHandler.class);
        LambdaEnvironment env = new LambdaEnvironment(environment);
        this.handler = new ExplorerApiHandler(env, new AwsClients(env), CLOCK);
    }

    @Test
    void every_dead_letter_queue_of_the_environment_is_listed_with_what_it_is_for() {
        Response response = send("GET", "/explorer/dead-letters", Map.of());

        assertThat(response.status()).isEqualTo(200);
        List<String> queues = new ArrayList<>();
        response.body()
                .path("queues")
                .forEach(queue -> queues.add(queue.path("queue").asText()));
        assertThat(queues)
                .containsExactlyInAnyOrder(
                        environment.get(ExplorerResources.PROJECTOR_DLQ),
                        environment.get(ExplorerResources.PUBLISHER_DLQ),
                        environment.get(ExplorerResources.SNAPSHOT_CHASER_DLQ),
                        environment.get(ExplorerResources.SHIPPING_DLQ),
                        environment.get(ExplorerResources.SHIPPING_RULE_DLQ));
        JsonNode first = response.body().path("queues").get(0);
        assertThat(first.path("purpose").asText()).isNotBlank();
        assertThat(first.path("messages").isArray()).isTrue();
    }

    @Test
    void each_checkpointing_consumer_reports_its_lag() {
        Response response = send("GET", "/explorer/consumers", Map.of());

        assertThat(response.status()).isEqualTo(200);
        List<String> consumers = new ArrayList<>();
        response.body()
                .path("consumers")
                .forEach(c -> consumers.add(c.path("consumer").asText()));
        assertThat(consumers)
                .contains(
                        environment.get(ExplorerResources.PROJECTOR_FUNCTION),
                        environment.get(ExplorerResources.PUBLISHER_FUNCTION));
    }

    @Test
    void a_redrive_of_a_queue_that_is_not_a_dead_letter_queue_of_the_environment_is_not_found_and_changes_nothing() {
        send("POST", "/explorer/dead-letters/eventline-dev-shipping-notifications/redrive", Map.of())
                .assertProblem(404, "not-found");
        send("POST", "/explorer/dead-letters/no-such-queue/redrive", Map.of()).assertProblem(404, "not-found");
    }

    private Response send(String method, String path, Map<String, String> query) {
        HttpApiEvent event = ApiGatewayEvents.fromJson(Samples.text("api/http-api/get-order.json"))
                .withPath(path)
                .withMethod(method)
                .withQuery(query.isEmpty() ? null : new java.util.LinkedHashMap<>(query), null);
        event.headers().remove("if-none-match");
        return new Response(
                handler.handleRequest(ApiGateway.deploying(handler.routes()).route(event), null));
    }

    static final class Response extends ApiResponse<Response> {
        Response(HttpApiResponse raw) {
            super(raw);
        }
    }
}

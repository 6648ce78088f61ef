package dev.eventline.ordering.commandapi;

import static dev.eventline.ordering.commandapi.ApiSamples.event;
import static dev.eventline.ordering.commandapi.ApiSamples.withBody;
import static dev.eventline.ordering.commandapi.ApiSamples.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.ConflictRetries;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.capacity.CapacityMeter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Optimistic concurrency through HTTP: {@code If-Match} makes a command conditional (412 when the
 * order moved on); without it concurrent commands are merged by the executor, which retries lost
 * races within its time budget (409 only when the budget runs out), and the stream never gets a gap
 * or a duplicate version. The emulator serializes requests
 * (localstack/moto_server.py), so its conditional writes are atomic, as DynamoDB's are.
 */
@WithEmulator
class ConcurrencyTest {
    private static final int WRITERS = 10;
    private static final int COMMANDS_EACH = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TEST_BUDGET = Duration.ofSeconds(30);

    private final LambdaEnvironment env;
    private final CommandApiHandler handler;
    private final EventsTable table;

    ConcurrencyTest(Emulator emulator) {
        Map<String, String> variables = new HashMap<>(emulator.environmentOf(CommandApiHandler.class));
        // How long a hot stream takes to drain depends on this machine and on moto; the default budget's
        // success rate is measured by make bench (HotStreamBenchmark). Here: retried, never lost or doubled.
        variables.put(ConflictRetries.BUDGET_VARIABLE, Long.toString(TEST_BUDGET.toMillis()));
        env = new LambdaEnvironment(variables);
        handler = container();
        table = new EventsTable(emulator);
    }

    /** A handler as a separate Lambda container would have it (own client and cache), on the shared table. */
    private CommandApiHandler container(ExecutionInterceptor... interceptors) {
        return new CommandApiHandler(env, new AwsClients(env, interceptors), Clock.systemUTC(), line -> {});
    }

    private static Response send(CommandApiHandler target, dev.eventline.http.HttpApiEvent event) {
        return Response.of(target.handleRequest(event, null));
    }

    @Test
    void if_match_with_the_current_etag_succeeds_and_a_stale_one_is_refused() {
        Response placed = send(handler, event("place-order"));
        String orderId = placed.orderId();

        send(handler, withHeader(event("add-item", orderId), "If-Match", placed.header("ETag")))
                .assertCommand(200, 2, "ItemAdded");
        Response stale = send(handler, withHeader(event("remove-item", orderId), "If-Match", placed.header("ETag")))
                .assertProblem(412, "precondition-failed");
        send(handler, withHeader(event("remove-item", orderId), "If-Match", "W/\"2\""))
                .assertCommand(200, 3, "ItemRemoved");

        assertThat(stale.body().path("currentVersion").asLong()).isEqualTo(2);
        assertThat(table.types(orderId)).containsExactly("OrderPlaced", "ItemAdded", "ItemRemoved");
    }

    @Test
    void if_match_is_checked_against_the_store_not_a_stale_cache() {
        String orderId = send(handler, event("place-order")).orderId();
        CommandApiHandler otherContainer = container();
        send(otherContainer, event("add-item", orderId)).assertCommand(200, 2, "ItemAdded");

        // this handler's cache still says version 1: the If-Match "2" is nevertheless current
        send(handler, withHeader(event("remove-item", orderId), "If-Match", "\"2\""))
                .assertCommand(200, 3, "ItemRemoved");
        send(handler, withHeader(event("confirm", orderId), "If-Match", "\"2\""))
                .assertProblem(412, "precondition-failed");
    }

    @Test
    void concurrent_writers_without_if_match_all_get_through_and_each_command_is_appended_once() throws Exception {
        String orderId = send(handler, event("place-order")).orderId();
        CapacityMeter meter = new CapacityMeter();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Response>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            // one handler per writer: separate Lambda containers, each with its own (soon stale) cache
            CommandApiHandler container = container(meter);
            writers.add(() -> {
                start.await();
                List<Response> responses = new ArrayList<>();
                for (int c = 0; c < COMMANDS_EACH; c++) {
                    responses.add(send(container, withBody(event("add-item", orderId), itemBody(sku(writer, c)))));
                }
                return responses;
            });
        }
        List<Response> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<List<Response>>> futures = new ArrayList<>();
            for (Callable<List<Response>> writer : writers) {
                futures.add(pool.submit(writer));
            }
            start.countDown();
            for (Future<List<Response>> future : futures) {
                responses.addAll(future.get(2, TimeUnit.MINUTES));
            }
        }

        // the executor retries lost races within its time budget: contention is not the caller's error
        responses.forEach(r -> r.assertCommand(200, r.version(), "ItemAdded"));
        assertThat(meter.usage().requestsByOperation().get("PutItem"))
                .as("races were lost, and retried")
                .isGreaterThan((long) WRITERS * COMMANDS_EACH);
        List<RecordedEvent> events = table.events(orderId);
        assertThat(events).hasSize(1 + WRITERS * COMMANDS_EACH);
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).version()).as("version at position %d", i).isEqualTo(i + 1L);
        }
        assertThat(responses)
                .extracting(Response::version)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(events.subList(1, events.size()).stream()
                        .map(RecordedEvent::version)
                        .toList());
        List<String> expectedSkus = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            for (int c = 0; c < COMMANDS_EACH; c++) {
                expectedSkus.add(sku(w, c));
            }
        }
        assertThat(events.subList(1, events.size()))
                .extracting(ConcurrencyTest::skuOf)
                .as("every command appended exactly once")
                .containsExactlyInAnyOrderElementsOf(expectedSkus);
    }

    private static String sku(int writer, int command) {
        return "W" + writer + "-" + command;
    }

    private static String skuOf(RecordedEvent itemAdded) {
        try {
            return JSON.readTree(itemAdded.data()).path("sku").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError("event data is not JSON: " + itemAdded.data(), e);
        }
    }

    private static String itemBody(String sku) {
        return "{\"sku\":\"" + sku + "\",\"quantity\":1,\"unitPrice\":100}";
    }
}

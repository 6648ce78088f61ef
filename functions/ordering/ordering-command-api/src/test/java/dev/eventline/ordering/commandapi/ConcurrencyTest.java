package dev.eventline.ordering.commandapi;

import static dev.eventline.ordering.commandapi.ApiSamples.event;
import static dev.eventline.ordering.commandapi.ApiSamples.withBody;
import static dev.eventline.ordering.commandapi.ApiSamples.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Optimistic concurrency through HTTP: {@code If-Match} makes a command conditional (412 when the
 * order moved on); without it concurrent commands are merged by the executor (409 only when every
 * retry lost), and the stream never gets a gap or a duplicate version. The emulator serializes requests
 * (localstack/moto_server.py), so its conditional writes are atomic, as DynamoDB's are.
 */
@WithEmulator
class ConcurrencyTest {
    private static final int WRITERS = 8;
    private static final int COMMANDS_EACH = 4;

    private final LambdaEnvironment env;
    private final CommandApiHandler handler;
    private final EventsTable table;

    ConcurrencyTest(Emulator emulator) {
        env = new LambdaEnvironment(emulator.environmentOf(CommandApiHandler.class));
        handler = container();
        table = new EventsTable(emulator);
    }

    /** A handler as a separate Lambda container would have it (own client and cache), on the shared table. */
    private CommandApiHandler container() {
        return new CommandApiHandler(env, new AwsClients(env), Clock.systemUTC(), line -> { });
    }

    private static Response send(CommandApiHandler target, com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent event) {
        return Response.of(target.handleRequest(event, null));
    }

    @Test
    void if_match_with_the_current_etag_succeeds_and_a_stale_one_is_refused() {
        Response placed = send(handler, event("place-order"));
        String orderId = placed.orderId();

        send(handler, withHeader(event("add-item", orderId), "If-Match", placed.header("ETag"))).assertCommand(200, 2, "ItemAdded");
        Response stale = send(handler, withHeader(event("remove-item", orderId), "If-Match", placed.header("ETag")))
                .assertProblem(412, "precondition-failed");
        send(handler, withHeader(event("remove-item", orderId), "If-Match", "W/\"2\"")).assertCommand(200, 3, "ItemRemoved");

        assertThat(stale.body().path("currentVersion").asLong()).isEqualTo(2);
        assertThat(table.types(orderId)).containsExactly("OrderPlaced", "ItemAdded", "ItemRemoved");
    }

    @Test
    void if_match_is_checked_against_the_store_not_a_stale_cache() {
        String orderId = send(handler, event("place-order")).orderId();
        CommandApiHandler otherContainer = container();
        send(otherContainer, event("add-item", orderId)).assertCommand(200, 2, "ItemAdded");

        // this handler's cache still says version 1: the If-Match "2" is nevertheless current
        send(handler, withHeader(event("remove-item", orderId), "If-Match", "\"2\"")).assertCommand(200, 3, "ItemRemoved");
        send(handler, withHeader(event("confirm", orderId), "If-Match", "\"2\"")).assertProblem(412, "precondition-failed");
    }

    @Test
    void concurrent_commands_without_if_match_all_succeed_or_conflict_and_versions_stay_contiguous() throws Exception {
        String orderId = send(handler, event("place-order")).orderId();
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<List<Response>>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            // one handler per writer: separate Lambda containers, each with its own (soon stale) cache
            CommandApiHandler container = container();
            writers.add(() -> {
                start.await();
                List<Response> responses = new ArrayList<>();
                for (int c = 0; c < COMMANDS_EACH; c++) {
                    String body = "{\"sku\":\"W" + writer + "-" + c + "\",\"quantity\":1,\"unitPrice\":100}";
                    responses.add(send(container, withBody(event("add-item", orderId), body)));
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

        List<Response> succeeded = responses.stream().filter(r -> r.status() == 200).toList();
        List<Response> conflicted = responses.stream().filter(r -> r.status() != 200).toList();
        conflicted.forEach(r -> r.assertProblem(409, "conflict"));
        conflicted.forEach(r -> assertThat(r.header("Retry-After")).isEqualTo("1"));
        List<RecordedEvent> events = table.events(orderId);
        assertThat(events).hasSize(1 + succeeded.size());
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).version()).as("version at position %d", i).isEqualTo(i + 1L);
        }
        assertThat(succeeded).extracting(Response::version).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(events.subList(1, events.size()).stream().map(RecordedEvent::version).toList());
        assertThat(succeeded.size()).as("most commands get through within the retry budget").isGreaterThan(WRITERS);
    }
}

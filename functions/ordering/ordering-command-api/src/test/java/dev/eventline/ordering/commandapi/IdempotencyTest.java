package dev.eventline.ordering.commandapi;

import static dev.eventline.ordering.commandapi.ApiSamples.event;
import static dev.eventline.ordering.commandapi.ApiSamples.withBody;
import static dev.eventline.ordering.commandapi.ApiSamples.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@code Idempotency-Key}: a retry gets the first response back, marked {@code Idempotent-Replayed},
 * and appends nothing, whether it comes later or at the same moment; the key reused for another
 * request is a 422. The emulator serializes requests
 * (localstack/moto_server.py), so its conditional writes are atomic, as DynamoDB's are.
 */
@WithEmulator
class IdempotencyTest {
    private static final int RACERS = 8;

    /** Every container's: a test moves it to let a key expire. */
    private final MutableClock clock = MutableClock.startingNow();

    private final LambdaEnvironment env;
    private final CommandApiHandler handler;
    private final EventsTable table;

    IdempotencyTest(Emulator emulator) {
        env = new LambdaEnvironment(emulator.environmentOf(CommandApiHandler.class));
        handler = container();
        table = new EventsTable(emulator);
    }

    /** A handler as a separate Lambda container would have it (own client and cache), on the shared table. */
    private CommandApiHandler container() {
        return new CommandApiHandler(env, new AwsClients(env), clock, line -> {});
    }

    private Response send(HttpApiEvent event) {
        return Response.of(handler.handleRequest(event, null));
    }

    private static HttpApiEvent keyed(HttpApiEvent event, String key) {
        return withHeader(event, "Idempotency-Key", key);
    }

    @Test
    void a_retried_create_replays_the_first_response_and_places_one_order() {
        String key = UUID.randomUUID().toString();
        long before = table.count();

        Response first = send(keyed(event("place-order"), key)).assertCommand(201, 1, "OrderPlaced");
        Response retry = send(keyed(event("place-order"), key));

        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertSameOutcome(retry, first);
        assertThat(table.count()).isEqualTo(before + 1);
        assertThat(table.types(first.orderId())).containsExactly("OrderPlaced");
    }

    @Test
    void a_create_retried_after_its_key_expired_still_places_one_order() {
        String key = UUID.randomUUID().toString();
        Response first = send(keyed(event("place-order"), key)).assertCommand(201, 1, "OrderPlaced");
        long before = table.count();
        clock.advance(Duration.ofHours(25));
        CommandApiHandler dayLater = container();

        Response late = Response.of(dayLater.handleRequest(keyed(event("place-order"), key), null));

        late.assertCommand(200, 1);
        assertThat(late.orderId())
                .as("the same order, derived from key and request")
                .isEqualTo(first.orderId());
        assertThat(late.header("Idempotent-Replayed"))
                .as("the key itself has expired")
                .isNull();
        assertThat(table.count()).isEqualTo(before);
    }

    @Test
    void a_retried_command_replays_even_after_the_order_moved_on() {
        String orderId = send(event("place-order")).orderId();
        String key = UUID.randomUUID().toString();
        Response first = send(keyed(event("add-item", orderId), key)).assertCommand(200, 2, "ItemAdded");
        send(event("confirm", orderId)).assertCommand(200, 3, "OrderConfirmed");

        // adding is no longer allowed (CONFIRMED), yet the retry is answered as the first attempt was
        Response retry = send(keyed(event("add-item", orderId), key));

        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertSameOutcome(retry, first);
        assertThat(table.types(orderId)).containsExactly("OrderPlaced", "ItemAdded", "OrderConfirmed");
    }

    @Test
    void a_retried_conditional_command_replays_instead_of_failing_its_if_match() {
        Response placed = send(event("place-order"));
        String orderId = placed.orderId();
        String key = UUID.randomUUID().toString();
        HttpApiEvent conditional = withHeader(event("add-item", orderId), "If-Match", placed.header("ETag"));
        Response first = send(keyed(conditional, key)).assertCommand(200, 2, "ItemAdded");

        Response retry = send(keyed(withHeader(event("add-item", orderId), "If-Match", placed.header("ETag")), key));

        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertSameOutcome(retry, first);
        assertThat(table.types(orderId)).containsExactly("OrderPlaced", "ItemAdded");
    }

    @Test
    void the_same_key_for_another_request_is_refused_and_changes_nothing() {
        String orderId = send(event("place-order")).orderId();
        String key = UUID.randomUUID().toString();
        send(keyed(event("add-item", orderId), key)).assertCommand(200, 2, "ItemAdded");
        long before = table.count();

        Response otherBody = send(keyed(
                withBody(event("add-item", orderId), "{\"sku\":\"SKU-3\",\"quantity\":1,\"unitPrice\":500}"), key));
        Response otherRoute = send(keyed(event("confirm", orderId), key));
        Response otherCreate = send(keyed(event("place-order"), key));

        for (Response refused : List.of(otherBody, otherRoute, otherCreate)) {
            refused.assertProblem(422, "unprocessable-content");
            assertThat(refused.body().path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
        }
        assertThat(table.count()).isEqualTo(before);
    }

    @Test
    void a_body_that_only_differs_in_formatting_is_the_same_request() {
        String orderId = send(event("place-order")).orderId();
        String key = UUID.randomUUID().toString();
        Response first = send(keyed(event("add-item", orderId), key));

        Response retry = send(keyed(
                withBody(event("add-item", orderId), "{ \"unitPrice\": 500, \"quantity\": 1, \"sku\": \"SKU-2\" }"),
                key));

        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertSameOutcome(retry, first);
    }

    @Test
    void racing_duplicates_append_once_and_all_get_the_same_answer() throws Exception {
        String orderId = send(event("place-order")).orderId();
        String key = UUID.randomUUID().toString();
        long before = table.count();

        List<Response> responses = race(container -> send(container, keyed(event("add-item", orderId), key)));

        assertThat(table.count()).isEqualTo(before + 1);
        assertThat(table.types(orderId)).containsExactly("OrderPlaced", "ItemAdded");
        Response original = responses.stream()
                .filter(r -> r.header("Idempotent-Replayed") == null)
                .findFirst()
                .orElseThrow();
        original.assertCommand(200, 2, "ItemAdded");
        responses.forEach(response -> assertSameOutcome(response, original));
        assertThat(responses)
                .filteredOn(r -> "true".equals(r.header("Idempotent-Replayed")))
                .hasSize(RACERS - 1);
    }

    @Test
    void racing_duplicate_creates_place_one_order() throws Exception {
        String key = UUID.randomUUID().toString();
        long before = table.count();

        List<Response> responses = race(container -> send(container, keyed(event("place-order"), key)));

        assertThat(table.count()).isEqualTo(before + 1);
        Response original = responses.stream()
                .filter(r -> r.header("Idempotent-Replayed") == null)
                .findFirst()
                .orElseThrow();
        original.assertCommand(201, 1, "OrderPlaced");
        responses.forEach(response -> assertSameOutcome(response, original));
    }

    /** {@value #RACERS} separate handlers (containers) send at the same moment. */
    private List<Response> race(Function<CommandApiHandler, Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(RACERS)) {
            for (int i = 0; i < RACERS; i++) {
                CommandApiHandler container = container();
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(container);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(2, TimeUnit.MINUTES));
            }
            return responses;
        }
    }

    private static Response send(CommandApiHandler target, HttpApiEvent event) {
        return Response.of(target.handleRequest(event, null));
    }

    /** Same status, same body bytes and the headers that describe the outcome. */
    private static void assertSameOutcome(Response actual, Response expected) {
        assertThat(actual.status()).isEqualTo(expected.status());
        assertThat(actual.rawBody()).isEqualTo(expected.rawBody());
        for (String header : List.of("Content-Type", "ETag", "Location", ConsistencyToken.HEADER)) {
            assertThat(actual.header(header)).as(header).isEqualTo(expected.header(header));
        }
    }
}

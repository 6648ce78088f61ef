package dev.eventline.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.ordering.ItemAdded;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The commands run in process against moto, as {@code ./eventline --local} runs them against the local stack. */
@WithEmulator
class OperationsCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROJECTOR_DLQ = "eventline-dev-ordering-projector-dlq";

    private final Emulator emulator;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, String> local;
    private final DynamoDbEventStore store;

    OperationsCommandsTest(Emulator emulator) {
        this.emulator = emulator;
        this.local = Map.of("AWS_ENDPOINT_URL", emulator.endpoint().uri().toString());
        this.store = new DynamoDbEventStore(emulator.dynamoDb(), "eventline-dev-ordering-events", "unused", clock);
    }

    @Test
    void stream_show_prints_the_events_and_the_state_for_people_and_for_scripts() throws Exception {
        String orderId = placedWithOneMoreItem();

        CliRun human = CliRun.run(clock, local, "stream", "show", OrderCommands.streamId(orderId));
        CliRun json =
                CliRun.run(clock, local, "stream", "show", OrderCommands.streamId(orderId), "--at", "1", "--json");

        assertThat(human.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(human.out()).contains("2 event(s)", "OrderPlaced", "ItemAdded", "state at v2 (OrderState)");
        assertThat(json.exitCode()).isEqualTo(ExitCodes.OK);
        JsonNode view = JSON.readTree(json.out());
        assertThat(view.path("at").asLong()).isEqualTo(1);
        assertThat(view.path("events")).hasSize(1);
        assertThat(view.at("/state/state/status").asText()).isEqualTo("PLACED");
    }

    @Test
    void a_stream_that_does_not_exist_exits_not_found_and_a_bad_id_is_a_usage_error() {
        assertThat(CliRun.run(clock, local, "stream", "show", "Order-nobody").exitCode())
                .isEqualTo(ExitCodes.NOT_FOUND);
        CliRun bad = CliRun.run(clock, local, "stream", "show", "nodash");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(bad.err()).contains("not a stream id");
    }

    @Test
    void lag_names_the_consumers_behind_and_exits_one() throws Exception {
        String orderId = placedWithOneMoreItem();

        CliRun json = CliRun.run(clock, local, "lag", "--stream", OrderCommands.streamId(orderId), "--json");
        CliRun human = CliRun.run(clock, local, "lag");

        assertThat(json.exitCode()).isEqualTo(ExitCodes.ATTENTION);
        assertThat(JSON.readTree(json.out()).path("consumers")).anySatisfy(c -> {
            assertThat(c.path("consumer").asText()).isEqualTo("eventline-dev-ordering-projector");
            assertThat(c.path("behind").asLong()).isEqualTo(2);
        });
        assertThat(human.exitCode()).isEqualTo(ExitCodes.ATTENTION);
        assertThat(human.out()).contains("eventline-dev-ordering-publisher", "furthest behind");
    }

    @Test
    void dlq_redrive_reapplies_a_parked_record_through_the_consumer_in_process_and_empties_the_queue()
            throws Exception {
        String orderId = placedWithOneMoreItem();
        String url = emulator.resources().queueUrl(PROJECTOR_DLQ);
        String parked = JSON.createObjectNode()
                .put("source", "ordering-projector")
                .put("reason", "poison")
                .put("streamId", OrderCommands.streamId(orderId))
                .put("version", 1)
                .put("attempts", 3)
                .toString();
        emulator.sqs().sendMessage(b -> b.queueUrl(url).messageBody(parked));

        CliRun list = CliRun.run(clock, local, "dlq", "list");
        CliRun show = CliRun.run(clock, local, "dlq", "show", PROJECTOR_DLQ, "--json");
        CliRun redrive = CliRun.run(clock, local, "dlq", "redrive", PROJECTOR_DLQ);
        CliRun after = CliRun.run(clock, local, "dlq", "show", PROJECTOR_DLQ);

        assertThat(list.exitCode()).isEqualTo(ExitCodes.ATTENTION);
        assertThat(list.out()).containsPattern(PROJECTOR_DLQ + " +1 ");
        assertThat(JSON.readTree(show.out()))
                .singleElement()
                .satisfies(m -> assertThat(m.path("kind").asText()).isEqualTo("parked"));
        assertThat(redrive.exitCode()).as(redrive.err()).isEqualTo(ExitCodes.OK);
        assertThat(redrive.out()).contains("REDRIVEN", "1 redriven, 0 still failing, 0 not redrivable");
        assertThat(after.out()).isEqualTo("no message\n");
        CliRun lag = CliRun.run(clock, local, "lag", "--stream", OrderCommands.streamId(orderId), "--json");
        assertThat(JSON.readTree(lag.out()).path("consumers"))
                .filteredOn(c -> c.path("consumer").asText().endsWith("projector"))
                .singleElement()
                .satisfies(c -> assertThat(c.path("behind").asLong()).isZero());
    }

    @Test
    void an_unknown_queue_exits_not_found() {
        CliRun run = CliRun.run(clock, local, "dlq", "show", "eventline-dev-no-such-dlq");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(run.err()).contains("no queue eventline-dev-no-such-dlq");
    }

    @Test
    void archive_replay_runs_to_completion_and_a_window_in_the_future_is_a_usage_error() throws Exception {
        String from = clock.instant().minus(Duration.ofHours(1)).toString();
        String to = clock.instant().minusSeconds(1).toString();

        CliRun replay = CliRun.run(
                clock, local, "archive", "replay", "--from", from, "--to", to, "--name", "cli-" + suffix(), "--json");
        CliRun future = CliRun.run(
                clock,
                local,
                "archive",
                "replay",
                "--from",
                from,
                "--to",
                clock.instant().plus(Duration.ofHours(1)).toString());

        assertThat(replay.exitCode()).as(replay.err()).isEqualTo(ExitCodes.OK);
        assertThat(JSON.readTree(replay.out()).path("state").asText()).isEqualTo("COMPLETED");
        assertThat(future.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(future.err()).contains("in the future");
    }

    @Test
    void nothing_listening_at_the_endpoint_exits_unavailable() {
        CliRun run = CliRun.run(clock, Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9"), "dlq", "list");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(run.err()).contains("cannot reach AWS");
    }

    private String placedWithOneMoreItem() {
        String orderId = "o-" + UUID.randomUUID();
        OrderEventCodec codec = new OrderEventCodec();
        List<OrderEvent> events = List.of(
                new OrderPlaced(orderId, "c-1", "EUR", List.of(new OrderLine("A", 1, 100)), clock.instant()),
                new ItemAdded(orderId, "B", 1, 50, clock.instant()));
        long version = 0;
        for (OrderEvent event : events) {
            var encoded = codec.encode(event);
            String commandId = UUID.randomUUID().toString();
            store.append(
                    OrderCommands.streamId(orderId),
                    version++,
                    List.of(new NewEvent(
                            UUID.randomUUID().toString(),
                            encoded.type(),
                            encoded.schemaVersion(),
                            encoded.data(),
                            new EventMetadata(commandId, "corr-1", commandId, null, "tester", clock.instant()))));
        }
        return orderId;
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}

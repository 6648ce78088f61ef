package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** {@code LOCAL_SNAPSHOT_STRATEGY=time}: the time-based strategy run by a local schedule, as deployed. */
@WithEmulator
class LocalSnapshotScheduleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    private final Emulator emulator;
    private final HttpClient client = HttpClient.newHttpClient();

    LocalSnapshotScheduleTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void with_time_selected_the_schedule_snapshots_an_account_active_since_its_last_run_and_no_chaser_runs()
            throws Exception {
        Clock clock = Clock.systemUTC();
        LocalResources resources = LocalSnapshotStrategy.withTimeBased(emulator.resources(), Duration.ofSeconds(1));
        String scheduled = LocalSnapshotStrategy.scheduledFunctionName(resources.topology());
        String chaser = emulator.resources().topology().functions().stream()
                .filter(f -> f.handlerClass().equals(LocalSnapshotStrategy.CHASER_HANDLER))
                .findFirst()
                .orElseThrow()
                .functionName();
        FunctionSpec api = resources.topology().functions().stream()
                .filter(f -> f.handlerClass().equals(LocalSnapshotStrategy.API_HANDLER))
                .findFirst()
                .orElseThrow();
        String events = api.environment().get("ACCOUNTS_EVENTS_TABLE");

        try (LocalRuntime runtime = LocalRuntime.start(
                        resources, emulator.endpoint(), RuntimeSettings.FAST, Optional.of(0), Map.of(), clock);
                LocalSchedule schedule = LocalSchedule.start(
                        LocalSnapshotStrategy.ruleName(resources.topology()),
                        runtime.functions().function(scheduled).orElseThrow(),
                        Duration.ofSeconds(1),
                        clock)) {
            assertThat(api.environment()).containsEntry("SNAPSHOT_STRATEGY", "time");
            assertThat(runtime.functions().function(chaser)).isEmpty();
            assertThat(resources.topology().mappings())
                    .noneMatch(m -> m.functionName().equals(chaser));
            assertThat(schedule.ruleName()).isEqualTo("eventline-dev-accounts-snapshot-schedule");

            String owner = Callers.bearer(clock, "owner-" + UUID.randomUUID());
            JsonNode opened = send(runtime, "/accounts", "{\"currency\":\"EUR\"}", owner);
            String accountId = opened.path("accountId").asText();
            send(runtime, "/accounts/" + accountId + "/deposits", "{\"amount\":100}", owner);

            long head = versions(events, accountId, "attribute_not_exists(u)").getLast();

            // a snapshot item at the head (state u, beside the events), written by a scheduled run: with
            // SNAPSHOT_STRATEGY=time the commands write none
            await().atMost(CONVERGENCE)
                    .untilAsserted(() -> assertThat(versions(events, accountId, "attribute_exists(u)"))
                            .contains(head));
        }
    }

    @Test
    void the_local_config_selects_time_and_its_interval_and_refuses_what_it_does_not_run() {
        assertThat(LocalSnapshotStrategy.timeBased(Map.of())).isEmpty();
        assertThat(LocalSnapshotStrategy.timeBased(Map.of("LOCAL_SNAPSHOT_STRATEGY", "chaser")))
                .isEmpty();
        assertThat(LocalSnapshotStrategy.timeBased(Map.of("LOCAL_SNAPSHOT_STRATEGY", "time")))
                .contains(Duration.ofSeconds(60));
        assertThat(LocalSnapshotStrategy.timeBased(
                        Map.of("LOCAL_SNAPSHOT_STRATEGY", "time", "LOCAL_SNAPSHOT_SCHEDULE_SECONDS", "5")))
                .contains(Duration.ofSeconds(5));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalSnapshotStrategy.timeBased(Map.of("LOCAL_SNAPSHOT_STRATEGY", "count")))
                .withMessageContaining("LOCAL_SNAPSHOT_STRATEGY=count");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> LocalSnapshotStrategy.timeBased(
                        Map.of("LOCAL_SNAPSHOT_STRATEGY", "time", "LOCAL_SNAPSHOT_SCHEDULE_SECONDS", "0")))
                .withMessageContaining("at least 1");
    }

    @Test
    void a_run_gets_eventbridges_scheduled_event_due_now_and_a_failing_run_is_tried_three_times() {
        Clock clock = Clock.systemUTC();
        List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        RequestHandler<Object, Object> failing = (Object event, Context context) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> payload = (Map<String, Object>) event;
            received.add(payload);
            calls.incrementAndGet();
            throw new IllegalStateException("scheduled snapshots failed for 1 of 1 active streams");
        };
        var function = new LocalFunction(
                new FunctionSpec("Failing", "failing", "Failing::handleRequest", Map.of()), failing, clock);
        Instant before = clock.instant();

        try (LocalSchedule schedule = LocalSchedule.start("a-rule", function, Duration.ofHours(1), clock)) {
            schedule.run();
        }

        assertThat(calls.get()).isEqualTo(1 + LocalSchedule.RETRIES);
        Map<String, Object> event = received.getFirst();
        assertThat(event)
                .containsEntry("detail-type", "Scheduled Event")
                .containsEntry("source", "aws.events")
                .containsEntry("resources", List.of("arn:aws:events:us-east-1:123456789012:rule/a-rule"));
        Instant due = Instant.parse((String) event.get("time"));
        assertThat(due).isBetween(before.minusSeconds(1), clock.instant());
    }

    private List<Long> versions(String events, String accountId, String which) {
        return emulator
                .dynamoDb()
                .scanPaginator(r -> r.tableName(events)
                        .filterExpression(which + " AND contains(streamId, :account)")
                        .expressionAttributeValues(Map.of(":account", AttributeValue.fromS(accountId))))
                .items()
                .stream()
                .map(item -> new BigDecimal(item.get("version").n()).longValue())
                .sorted()
                .toList();
    }

    private JsonNode send(LocalRuntime runtime, String path, String body, String authorization)
            throws IOException, InterruptedException {
        var response = client.send(
                HttpRequest.newBuilder(runtime.httpUri().resolve(path))
                        .POST(BodyPublishers.ofString(body))
                        .header("content-type", "application/json")
                        .header("Authorization", authorization)
                        .build(),
                BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }
}

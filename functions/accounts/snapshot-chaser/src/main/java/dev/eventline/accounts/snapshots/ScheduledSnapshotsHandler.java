package dev.eventline.accounts.snapshots;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.eventstore.dynamodb.DynamoDbEventTableSnapshots;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Lambda entry point of the time-based strategy, invoked by an EventBridge schedule. The run's window
 * is stateless: it starts {@code SNAPSHOT_SCHEDULE_WINDOW_MINUTES} before the scheduled time of the
 * invocation (the event's {@code time}), which the template sets to the schedule's rate plus an
 * overlap, so a late or retried run still covers its interval. A stream that failed fails the
 * invocation after the others were done: Lambda retries the asynchronous invocation, then sends it to
 * the function's on-failure destination. Environment: {@code ACCOUNTS_EVENTS_TABLE},
 * {@code SNAPSHOT_SCHEDULE_WINDOW_MINUTES} (default 65).
 */
public final class ScheduledSnapshotsHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    static final String WINDOW_VARIABLE = "SNAPSHOT_SCHEDULE_WINDOW_MINUTES";
    static final int DEFAULT_WINDOW_MINUTES = 65;

    private final ScheduledSnapshots snapshots;
    private final Duration window;
    private final Clock clock;

    /** Called by Lambda. */
    public ScheduledSnapshotsHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    public ScheduledSnapshotsHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    /** Tests: clients with interceptors, the test's clock. */
    ScheduledSnapshotsHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        String events = env.require(AccountsEnvironment.EVENTS_TABLE);
        this.snapshots = new ScheduledSnapshots(
                dynamoDb,
                events,
                new SnapshotChaser(
                        new DynamoDbEventReader(dynamoDb, events),
                        new DynamoDbEventTableSnapshots(dynamoDb, events),
                        1,
                        clock));
        this.window = Duration.ofMinutes(env.intOr(WINDOW_VARIABLE, DEFAULT_WINDOW_MINUTES));
        this.clock = clock;
    }

    /**
     * @param event the scheduled event; its {@code time} is when the run was due (now when absent)
     * @throws IllegalStateException naming the streams left without their snapshot
     */
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object time = event == null ? null : event.get("time");
        Instant due = time instanceof String text ? Instant.parse(text) : clock.instant();
        ScheduledSnapshots.Run run = snapshots.run(due.minus(window));
        if (!run.failed().isEmpty()) {
            throw new IllegalStateException(
                    "scheduled snapshots failed for " + run.failed().size() + " of "
                            + run.active().size() + " active streams: " + ScheduledSnapshots.describe(run.failed()));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("since", due.minus(window).toString());
        summary.put("activeStreams", run.active().size());
        summary.put("snapshots", run.snapshotted().size());
        return summary;
    }
}

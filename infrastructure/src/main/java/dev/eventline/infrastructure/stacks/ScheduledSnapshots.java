package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.EnvironmentConfig.Snapshotting;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleProps;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The time-based snapshot strategy (issue 13), deployed when an environment chooses {@code time}: an
 * EventBridge schedule runs {@code accounts-scheduled-snapshots} (the snapshot-chaser jar's
 * {@code ScheduledSnapshotsHandler}), which scans the accounts events table for streams with an event
 * recorded within its window and puts a snapshot item beside each one's head. It keeps no state
 * between runs: the window is anchored on the scheduled event's {@code time}.
 *
 * <p>Scheduled and alarmed as the {@link ConsistencyVerifier}: invoked through the live alias, retried
 * twice by EventBridge, one run at a time (reserved concurrency 1), the function's error and throttle
 * alarms; and, as a stream consumer's, a liveness alarm when the schedule stops invoking it.
 */
public final class ScheduledSnapshots extends Construct {

    /** What a snapshot item holds (docs/snapshots.md): no event item can be written with these alone. */
    static final List<String> SNAPSHOT_ATTRIBUTES = List.of("streamId", "version", "u", "n", "w");
    /** What the active-stream scan may name: keys, recorded-at, and the state that marks a snapshot item. */
    static final List<String> SCAN_ATTRIBUTES = List.of("streamId", "version", "w", "u");

    private final EventlineFunction function;
    private final Rule schedule;

    ScheduledSnapshots(Construct scope, String id, Deployment deployment, Alerting alerting, ITable events) {
        super(scope, id);
        Snapshotting snapshotting = deployment.config().snapshotting();
        this.function = new EventlineFunction(
                this,
                "Function",
                deployment
                        .function(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS, alerting)
                        .environment("ACCOUNTS_EVENTS_TABLE", events.getTableName())
                        .environment("SNAPSHOT_SCHEDULE_WINDOW_MINUTES", Long.toString(snapshotting.windowMinutes()))
                        .build());
        grantSnapshotsOnly(events);

        // a failed run (a stream whose snapshot could not be written) is retried by Lambda's asynchronous
        // invocation, reported by the function's error alarm; nothing is lost, a snapshot is a cache
        this.schedule = new Rule(
                this,
                "Schedule",
                RuleProps.builder()
                        .ruleName(deployment.names().of("accounts-snapshot-schedule"))
                        .description("snapshots the accounts active within the last " + snapshotting.windowMinutes()
                                + " minutes (time-based strategy)")
                        .schedule(Schedule.rate(software.amazon.awscdk.Duration.minutes(
                                snapshotting.every().toMinutes())))
                        .targets(List.of(new LambdaFunction(
                                function.alias(),
                                LambdaFunctionProps.builder().retryAttempts(2).build())))
                        .build());

        // a period of two intervals always holds a scheduled run: none means the rule was disabled or
        // deleted, or cannot invoke the function, and tails then grow unseen
        var invocations = function.function()
                .metricInvocations(MetricOptions.builder()
                        .statistic("Sum")
                        .period(software.amazon.awscdk.Duration.minutes(
                                snapshotting.every().toMinutes() * 2))
                        .build());
        var stopped = MathExpression.Builder.create()
                .expression("IF(FILL(invocations, 0) == 0, 1, 0)")
                .usingMetrics(Map.of("invocations", invocations))
                .label(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS.service() + " not invoked by its schedule")
                .period(software.amazon.awscdk.Duration.minutes(
                        snapshotting.every().toMinutes() * 2))
                .build();
        alerting.whenStopped(
                this,
                "StoppedAlarm",
                deployment.names().function(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS),
                "stopped",
                stopped,
                "the snapshot schedule did not invoke " + FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS.service()
                        + " for two of its intervals: accounts' tails grow until it runs again");
    }

    /**
     * What the handler does and no more: a scan that names only keys and the activity attributes
     * (never an event's data), queries of a stream from its head (to fold it), and puts of items made of
     * snapshot attributes only. No GetItem, UpdateItem or DeleteItem.
     */
    private void grantSnapshotsOnly(ITable events) {
        var principal = function.grantee().getGrantPrincipal();
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Scan"))
                .resources(List.of(events.getTableArn()))
                .conditions(conditions(SCAN_ATTRIBUTES, "dynamodb:Select", "SPECIFIC_ATTRIBUTES"))
                .build());
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(events.getTableArn()))
                .build());
        principal.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("dynamodb:PutItem"))
                .resources(List.of(events.getTableArn()))
                .conditions(conditions(SNAPSHOT_ATTRIBUTES, "dynamodb:ReturnValues", "NONE"))
                .build());
    }

    /** Sorted, so the synthesized template does not depend on hash order. */
    private static Map<String, Object> conditions(List<String> attributes, String key, String value) {
        Map<String, Object> conditions = new TreeMap<>();
        conditions.put("ForAllValues:StringEquals", Map.of("dynamodb:Attributes", attributes));
        conditions.put("StringEqualsIfExists", Map.of(key, value));
        return conditions;
    }

    public EventlineFunction function() {
        return function;
    }

    public Rule schedule() {
        return schedule;
    }
}

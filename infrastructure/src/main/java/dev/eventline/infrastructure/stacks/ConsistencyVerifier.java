package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.EnvironmentConfig.ConsistencyVerification;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import dev.eventline.infrastructure.constructs.ReadModelTable;
import dev.eventline.infrastructure.constructs.TableAccess;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmProps;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleProps;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.constructs.Construct;

/**
 * The scheduled consistency verifier of the ordering read models (issue 10, part 3): an EventBridge
 * schedule runs {@code ordering-verifier}, which folds a sample of order streams and compares them
 * with the live generation; a mismatch raises an alarm to the alarm topic, and so does a schedule that
 * stops firing. It reads the events table
 * (Scan to find streams, Query to fold them) and the read models; it writes them only when the
 * environment lets it repair.
 */
public final class ConsistencyVerifier extends Construct {

    public static final String MISMATCH_METRIC = "ReadModelMismatches";
    /** How late a scheduled run may be before the stopped alarm fires (EventBridge's retries take minutes). */
    public static final java.time.Duration SCHEDULE_GRACE = java.time.Duration.ofMinutes(30);

    private final EventlineFunction function;
    private final Rule schedule;

    ConsistencyVerifier(
            Construct scope,
            String id,
            Deployment deployment,
            Alerting alerting,
            ITable events,
            ReadModelTable orderSummary,
            ReadModelTable ordersByCustomer,
            ReadModelTable dailySales) {
        super(scope, id);
        ConsistencyVerification verification = deployment.config().verification();
        this.function = new EventlineFunction(
                this,
                "Function",
                deployment
                        .function(FunctionSpec.ORDERING_VERIFIER, alerting)
                        .environment("EVENTS_TABLE", events.getTableName())
                        .environment("ORDER_SUMMARY_TABLE", orderSummary.table().getTableName())
                        .environment(
                                "ORDERS_BY_CUSTOMER_TABLE",
                                ordersByCustomer.table().getTableName())
                        .environment("DAILY_SALES_TABLE", dailySales.table().getTableName())
                        .environment("VERIFY_SAMPLE", Long.toString(verification.sample()))
                        .environment("VERIFY_REPAIR", Boolean.toString(verification.repair()))
                        .environment("VERIFY_SEGMENTS", "4")
                        .build());
        TableAccess.SCAN_AND_READ.grant(events, function.grantee());
        // a repair rewrites the item to its fold with the projector's version condition; without it, reads only
        TableAccess readModels = verification.repair() ? TableAccess.READ_WRITE : TableAccess.READ;
        for (ReadModelTable table : List.of(orderSummary, ordersByCustomer)) {
            table.grant(function.grantee(), readModels);
            table.grantGenerations(function.grantee(), readModels);
        }

        // a failed run is retried twice by EventBridge, reported by the function's error alarm, and
        // superseded by the next scheduled run: the verifier keeps no state between runs
        this.schedule = new Rule(
                this,
                "Schedule",
                RuleProps.builder()
                        .ruleName(deployment.names().of("ordering-verifier-schedule"))
                        .description("runs the ordering consistency verifier (sample " + verification.sample()
                                + ", repair " + verification.repair() + ")")
                        .schedule(Schedule.rate(software.amazon.awscdk.Duration.minutes(
                                verification.every().toMinutes())))
                        .targets(List.of(new LambdaFunction(
                                function.alias(),
                                LambdaFunctionProps.builder().retryAttempts(2).build())))
                        .build());

        var mismatches = new Metric(MetricProps.builder()
                .namespace(deployment.config().metricsNamespace())
                .metricName(MISMATCH_METRIC)
                .dimensionsMap(Map.of("Service", FunctionSpec.ORDERING_VERIFIER.service()))
                .statistic("Sum")
                .period(alerting.period())
                .build());
        alerting.whenAbove(
                function,
                "MismatchAlarm",
                deployment.names().orderSummaryTable(),
                "mismatch",
                mismatches,
                0,
                "the consistency verifier found ordering read-model items that are not the fold of their stream"
                        + " (ReadModelMismatches, Sum); the function's log names the streams");
        alarmWhenStopped(deployment, alerting, verification);
    }

    /**
     * The schedule is the verifier's only trigger: a disabled or deleted rule, a function that fails
     * before it runs or a broken permission leave the mismatch alarm silent (no data does not breach
     * there). This one fires when a window of one schedule period plus a grace holds no invocation, and
     * when the metric has no data at all (Lambda reports no Invocations for a function nobody invokes).
     */
    private void alarmWhenStopped(Deployment deployment, Alerting alerting, ConsistencyVerification verification) {
        String functionName = deployment.names().function(FunctionSpec.ORDERING_VERIFIER);
        var invocations = function.function()
                .metricInvocations(MetricOptions.builder()
                        .statistic("Sum")
                        .period(software.amazon.awscdk.Duration.minutes(
                                verification.every().plus(SCHEDULE_GRACE).toMinutes()))
                        .build());
        var alarm = new Alarm(
                this,
                "StoppedAlarm",
                AlarmProps.builder()
                        .alarmName(deployment.names().alarm(functionName, "stopped"))
                        .alarmDescription(functionName + " was not invoked for " + verification.every() + " + "
                                + SCHEDULE_GRACE + " (schedule rule disabled or deleted, or its target failing):"
                                + " read models are not being verified")
                        .metric(invocations)
                        .threshold(1)
                        .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                        // one window already spans a whole schedule period and its grace
                        .evaluationPeriods(1)
                        .datapointsToAlarm(1)
                        .treatMissingData(TreatMissingData.BREACHING)
                        .build());
        var action = new SnsAction(alerting.topic());
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
    }

    public EventlineFunction function() {
        return function;
    }

    public Rule schedule() {
        return schedule;
    }
}

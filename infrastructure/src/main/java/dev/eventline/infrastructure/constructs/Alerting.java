package dev.eventline.infrastructure.constructs;

import dev.eventline.infrastructure.config.EnvironmentConfig.AlarmThresholds;
import dev.eventline.infrastructure.config.ResourceNames;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.AlarmProps;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Raises alarms to one SNS topic, with the environment's thresholds and the naming scheme
 * {@code eventline-<env>-<resource>-<condition>}. Missing data does not alarm on a threshold (an idle
 * system is a healthy one); it does on a liveness check ({@link #whenStopped}), where no data means
 * nothing could tell that the system is alive.
 *
 * @param topic      where every alarm (and its return to OK) is sent
 * @param thresholds when to alarm
 * @param names      the environment's naming scheme
 */
public record Alerting(ITopic topic, AlarmThresholds thresholds, ResourceNames names) {

    public Alerting {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(names, "names");
    }

    /** The period every alarm metric uses. */
    public Duration period() {
        return Duration.seconds(thresholds.period().toSeconds());
    }

    /**
     * An alarm named after {@code resourceName} and {@code condition} when {@code metric} is
     * strictly greater than {@code threshold} for the configured evaluation periods.
     */
    public Alarm whenAbove(
            Construct scope,
            String id,
            String resourceName,
            String condition,
            IMetric metric,
            double threshold,
            String description) {
        return alarm(
                scope,
                id,
                resourceName,
                condition,
                metric,
                threshold,
                description,
                thresholds.evaluationPeriods(),
                TreatMissingData.NOT_BREACHING);
    }

    /**
     * A liveness alarm: {@code stopped} is 1 in a period where work arrived and nothing handled it; no
     * data at all breaches too (a metric that stops reporting is no proof of life).
     */
    public Alarm whenStopped(
            Construct scope, String id, String resourceName, String condition, IMetric stopped, String description) {
        return alarm(
                scope,
                id,
                resourceName,
                condition,
                stopped,
                0,
                description,
                thresholds.evaluationPeriods(),
                TreatMissingData.BREACHING);
    }

    /**
     * An alarm on the first period in which {@code metric} is above zero, whatever the environment's
     * evaluation periods: for what should never happen at all (a tampered event), where waiting for
     * several periods in a row would let a single occurrence pass unseen.
     */
    public Alarm whenAny(
            Construct scope, String id, String resourceName, String condition, IMetric metric, String description) {
        return alarm(scope, id, resourceName, condition, metric, 0, description, 1, TreatMissingData.NOT_BREACHING);
    }

    private Alarm alarm(
            Construct scope,
            String id,
            String resourceName,
            String condition,
            IMetric metric,
            double threshold,
            String description,
            int evaluationPeriods,
            TreatMissingData missingData) {
        var alarm = new Alarm(
                scope,
                id,
                AlarmProps.builder()
                        .alarmName(names.alarm(resourceName, condition))
                        .alarmDescription(description)
                        .metric(metric)
                        .threshold(threshold)
                        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                        .evaluationPeriods(evaluationPeriods)
                        .datapointsToAlarm(evaluationPeriods)
                        .treatMissingData(missingData)
                        .build());
        var action = new SnsAction(topic);
        alarm.addAlarmAction(action);
        alarm.addOkAction(action);
        return alarm;
    }
}

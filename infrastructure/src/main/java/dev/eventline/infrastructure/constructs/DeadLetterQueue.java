package dev.eventline.infrastructure.constructs;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * Where records that could not be processed are parked: SQS-managed encryption, TLS only, a long
 * retention, and an alarm as soon as one message is visible.
 */
public final class DeadLetterQueue extends Construct {

    private final Queue queue;

    public DeadLetterQueue(Construct scope, String id, Props props) {
        super(scope, id);
        this.queue = new Queue(
                this,
                "Queue",
                QueueProps.builder()
                        .queueName(props.queueName())
                        .retentionPeriod(software.amazon.awscdk.Duration.seconds(
                                props.retention().toSeconds()))
                        .encryption(QueueEncryption.SQS_MANAGED)
                        .enforceSsl(true)
                        .removalPolicy(props.removalPolicy())
                        .build());
        NagSuppressions.addResourceSuppressions(
                queue,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-SQS3")
                        .reason("This queue is itself a dead-letter queue (" + props.purpose() + "); "
                                + "a DLQ of a DLQ would only move the problem")
                        .build()));
        props.alerting()
                .ifPresent(alerting -> alerting.whenAbove(
                        this,
                        "DepthAlarm",
                        props.queueName(),
                        "depth",
                        queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                                .statistic("Maximum")
                                .period(alerting.period())
                                .build()),
                        0,
                        props.queueName() + " holds messages that could not be processed: " + props.purpose()));
    }

    public IQueue queue() {
        return queue;
    }

    /**
     * @param queueName     physical queue name (required)
     * @param purpose       what lands here, for the alarm and the docs (required)
     * @param retention     default 14 days (the SQS maximum)
     * @param removalPolicy default RETAIN
     * @param alerting      alarm when any message is visible; default none
     */
    public record Props(
            String queueName,
            String purpose,
            Duration retention,
            RemovalPolicy removalPolicy,
            Optional<Alerting> alerting) {
        public static final Duration MAXIMUM_RETENTION = Duration.ofDays(14);

        public Props {
            Objects.requireNonNull(queueName, "queueName");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(retention, "retention");
            if (retention.compareTo(MAXIMUM_RETENTION) > 0) {
                throw new IllegalArgumentException("SQS keeps messages at most 14 days, asked " + retention);
            }
            Objects.requireNonNull(removalPolicy, "removalPolicy");
            Objects.requireNonNull(alerting, "alerting");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String queueName;
            private String purpose;
            private Duration retention = MAXIMUM_RETENTION;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
            private Alerting alerting;

            public Builder queueName(String queueName) {
                this.queueName = queueName;
                return this;
            }

            public Builder purpose(String purpose) {
                this.purpose = purpose;
                return this;
            }

            public Builder retention(Duration retention) {
                this.retention = retention;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy removalPolicy) {
                this.removalPolicy = removalPolicy;
                return this;
            }

            public Builder alerting(Alerting alerting) {
                this.alerting = alerting;
                return this;
            }

            public Props build() {
                return new Props(queueName, purpose, retention, removalPolicy, Optional.ofNullable(alerting));
            }
        }
    }
}

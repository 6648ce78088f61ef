package dev.eventline.infrastructure.constructs;

import dev.eventline.infrastructure.config.EnvironmentConfig.StreamConsumption;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.constructs.Construct;

/**
 * A function fed by a DynamoDB stream: the event source mapping invokes the {@code live} alias
 * from TRIM_HORIZON, bisects failing batches, honours partial batch responses, gives up after a
 * bounded number of retries or record age, and parks what it gave up on in a dead-letter queue.
 * Alarms on the function, on its lag (IteratorAge) and on the dead-letter queue.
 */
public final class StreamConsumer extends Construct {

    private final EventlineFunction function;
    private final DeadLetterQueue deadLetterQueue;

    public StreamConsumer(Construct scope, String id, Props props) {
        super(scope, id);
        this.function = new EventlineFunction(this, "Function", props.function());
        String functionName = props.function().functionName();
        this.deadLetterQueue = new DeadLetterQueue(
                this,
                "DeadLetterQueue",
                DeadLetterQueue.Props.builder()
                        .queueName(props.deadLetterQueueName())
                        .purpose("stream batches " + functionName + " gave up on (on-failure destination)")
                        .retention(props.deadLetterRetention())
                        .removalPolicy(props.removalPolicy())
                        .alerting(props.alerting().orElse(null))
                        .build());
        StreamConsumption consumption = props.consumption();
        function.alias()
                .addEventSource(new DynamoEventSource(
                        props.source(),
                        DynamoEventSourceProps.builder()
                                .startingPosition(StartingPosition.TRIM_HORIZON)
                                .batchSize(consumption.batchSize())
                                .maxBatchingWindow(seconds(consumption.batchingWindow()))
                                .bisectBatchOnError(true)
                                .retryAttempts(consumption.retryAttempts())
                                .maxRecordAge(seconds(consumption.maxRecordAge()))
                                .reportBatchItemFailures(true)
                                .parallelizationFactor(consumption.parallelizationFactor())
                                .onFailure(new SqsDlq(deadLetterQueue.queue()))
                                .build()));
        NagSuppressions.addResourceSuppressions(
                function,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason(
                                "Reading a DynamoDB stream needs dynamodb:ListStreams, which supports no resource-level "
                                        + "permissions (statement added by CDK's DynamoEventSource); the other stream actions are "
                                        + "scoped to this table's stream ARN")
                        .appliesTo(List.of("Resource::*"))
                        .build()),
                true);
        props.alerting()
                .ifPresent(alerting -> alerting.whenAbove(
                        this,
                        "IteratorAgeAlarm",
                        functionName,
                        "iterator-age",
                        function.function()
                                .metric(
                                        "IteratorAge",
                                        MetricOptions.builder()
                                                .statistic("Maximum")
                                                .period(alerting.period())
                                                .build()),
                        alerting.thresholds().iteratorAgeMs(),
                        functionName + " lags behind its stream (IteratorAge in ms)"));
        // Every consumer counts and parks MODIFY/REMOVE records (StreamConsumerRuntime); one is enough to page.
        props.alerting()
                .ifPresent(alerting -> alerting.whenAny(
                        this,
                        "TamperedRecordsAlarm",
                        functionName,
                        "tampered-records",
                        new Metric(MetricProps.builder()
                                .namespace(props.function().defaults().metricsNamespace())
                                .metricName("TamperedRecords")
                                .dimensionsMap(Map.of(
                                        "Service", props.function().spec().service()))
                                .statistic("Sum")
                                .period(alerting.period())
                                .build()),
                        "an event item was changed or removed (MODIFY or REMOVE on the events stream of " + functionName
                                + "); the record is parked in " + props.deadLetterQueueName()));
        props.alerting().ifPresent(alerting -> alarmWhenStopped(alerting, functionName, props.source()));
    }

    /**
     * IteratorAge only exists while the mapping delivers, so a disabled mapping, a deleted trigger or a
     * function that never runs leaves the lag alarm silent. This one compares the events table's writes
     * (every write to it is an append: events are never updated or deleted) with the consumer's
     * invocations: writes with no invocation in the same period mean the consumer stopped.
     */
    private void alarmWhenStopped(Alerting alerting, String functionName, ITable source) {
        var sum = MetricOptions.builder()
                .statistic("Sum")
                .period(alerting.period())
                .build();
        var stopped = MathExpression.Builder.create()
                .expression("IF(FILL(appended, 0) > 0 AND FILL(invocations, 0) == 0, 1, 0)")
                // sorted: the synthesized template must not depend on a map's iteration order
                .usingMetrics(new java.util.TreeMap<>(java.util.Map.of(
                        "appended", source.metricConsumedWriteCapacityUnits(sum),
                        "invocations", function.function().metricInvocations(sum))))
                .label(functionName + " stopped while events were appended")
                .period(alerting.period())
                .build();
        alerting.whenStopped(
                this,
                "StoppedAlarm",
                functionName,
                "stopped",
                stopped,
                functionName + " was not invoked while events were appended to its table (mapping disabled or"
                        + " function failing before it runs)");
    }

    private static software.amazon.awscdk.Duration seconds(Duration duration) {
        return software.amazon.awscdk.Duration.seconds(duration.toSeconds());
    }

    public EventlineFunction function() {
        return function;
    }

    public DeadLetterQueue deadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * @param function            the consuming function (required)
     * @param source              the table whose stream feeds it (required, must have a stream)
     * @param deadLetterQueueName physical name of the on-failure destination (required)
     * @param consumption         batch, window, retry and age settings (required)
     * @param deadLetterRetention default 14 days
     * @param removalPolicy       of the dead-letter queue; default RETAIN
     * @param alerting            alarms on lag, failures and parked records; default none
     */
    public record Props(
            EventlineFunction.Props function,
            ITable source,
            String deadLetterQueueName,
            StreamConsumption consumption,
            Duration deadLetterRetention,
            RemovalPolicy removalPolicy,
            Optional<Alerting> alerting) {
        public Props {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(deadLetterQueueName, "deadLetterQueueName");
            Objects.requireNonNull(consumption, "consumption");
            Objects.requireNonNull(deadLetterRetention, "deadLetterRetention");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
            Objects.requireNonNull(alerting, "alerting");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private EventlineFunction.Props function;
            private ITable source;
            private String deadLetterQueueName;
            private StreamConsumption consumption;
            private Duration deadLetterRetention = DeadLetterQueue.Props.MAXIMUM_RETENTION;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
            private Alerting alerting;

            public Builder function(EventlineFunction.Props function) {
                this.function = function;
                return this;
            }

            public Builder source(ITable source) {
                this.source = source;
                return this;
            }

            public Builder deadLetterQueueName(String deadLetterQueueName) {
                this.deadLetterQueueName = deadLetterQueueName;
                return this;
            }

            public Builder consumption(StreamConsumption consumption) {
                this.consumption = consumption;
                return this;
            }

            public Builder deadLetterRetention(Duration deadLetterRetention) {
                this.deadLetterRetention = deadLetterRetention;
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
                return new Props(
                        function,
                        source,
                        deadLetterQueueName,
                        consumption,
                        deadLetterRetention,
                        removalPolicy,
                        Optional.ofNullable(alerting));
            }
        }
    }
}

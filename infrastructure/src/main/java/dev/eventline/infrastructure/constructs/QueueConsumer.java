package dev.eventline.infrastructure.constructs;

import dev.eventline.infrastructure.config.EnvironmentConfig.QueueConsumption;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.sqs.QueueProps;
import software.constructs.Construct;

/**
 * A function fed by its own SQS queue: partial batch responses, a visibility timeout of several
 * times the function timeout (so a message is not redelivered while still being processed), and a
 * redrive to a dead-letter queue after a bounded number of receives.
 */
public final class QueueConsumer extends Construct {

    private final EventlineFunction function;
    private final DeadLetterQueue deadLetterQueue;
    private final Queue queue;

    public QueueConsumer(Construct scope, String id, Props props) {
        super(scope, id);
        QueueConsumption consumption = props.consumption();
        this.function = new EventlineFunction(this, "Function", props.function());
        this.deadLetterQueue = new DeadLetterQueue(
                this,
                "DeadLetterQueue",
                DeadLetterQueue.Props.builder()
                        .queueName(props.deadLetterQueueName())
                        .purpose("messages of " + props.queueName() + " received " + consumption.maxReceiveCount()
                                + " times without success")
                        .retention(consumption.deadLetterRetention())
                        .removalPolicy(props.removalPolicy())
                        .alerting(props.alerting().orElse(null))
                        .build());
        long timeoutSeconds = props.function().sizing().timeout().toSeconds();
        this.queue = new Queue(
                this,
                "Queue",
                QueueProps.builder()
                        .queueName(props.queueName())
                        .visibilityTimeout(Duration.seconds(timeoutSeconds * consumption.visibilityTimeoutFactor()))
                        .deadLetterQueue(software.amazon.awscdk.services.sqs.DeadLetterQueue.builder()
                                .queue(deadLetterQueue.queue())
                                .maxReceiveCount(consumption.maxReceiveCount())
                                .build())
                        .encryption(QueueEncryption.SQS_MANAGED)
                        .enforceSsl(true)
                        .removalPolicy(props.removalPolicy())
                        .build());
        function.alias()
                .addEventSource(new SqsEventSource(
                        queue,
                        SqsEventSourceProps.builder()
                                .batchSize(consumption.batchSize())
                                .reportBatchItemFailures(true)
                                // a burst in the queue scales this far and no further
                                .maxConcurrency(consumption.maxConcurrency())
                                .build()));
    }

    public IQueue queue() {
        return queue;
    }

    public EventlineFunction function() {
        return function;
    }

    public DeadLetterQueue deadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * @param queueName           physical name of the work queue (required)
     * @param deadLetterQueueName physical name of its dead-letter queue (required)
     * @param function            the consuming function (required)
     * @param consumption         batch size, redrive and visibility settings (required)
     * @param removalPolicy       of both queues; default RETAIN
     * @param alerting            alarms on the function and the dead-letter queue; default none
     */
    public record Props(
            String queueName,
            String deadLetterQueueName,
            EventlineFunction.Props function,
            QueueConsumption consumption,
            RemovalPolicy removalPolicy,
            Optional<Alerting> alerting) {
        public Props {
            Objects.requireNonNull(queueName, "queueName");
            Objects.requireNonNull(deadLetterQueueName, "deadLetterQueueName");
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(consumption, "consumption");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
            Objects.requireNonNull(alerting, "alerting");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String queueName;
            private String deadLetterQueueName;
            private EventlineFunction.Props function;
            private QueueConsumption consumption;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
            private Alerting alerting;

            public Builder queueName(String queueName) {
                this.queueName = queueName;
                return this;
            }

            public Builder deadLetterQueueName(String deadLetterQueueName) {
                this.deadLetterQueueName = deadLetterQueueName;
                return this;
            }

            public Builder function(EventlineFunction.Props function) {
                this.function = function;
                return this;
            }

            public Builder consumption(QueueConsumption consumption) {
                this.consumption = consumption;
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
                        queueName,
                        deadLetterQueueName,
                        function,
                        consumption,
                        removalPolicy,
                        Optional.ofNullable(alerting));
            }
        }
    }
}

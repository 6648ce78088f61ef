package dev.eventline.infrastructure.constructs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleProps;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.targets.SqsQueueProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * A rule on an event bus delivering events of some sources and detail types to a queue; events
 * EventBridge cannot deliver (after its own retries) go to a dead-letter queue.
 */
public final class EventSubscription extends Construct {

    private final Rule rule;
    private final DeadLetterQueue deadLetterQueue;

    public EventSubscription(Construct scope, String id, Props props) {
        super(scope, id);
        this.deadLetterQueue = new DeadLetterQueue(
                this,
                "DeadLetterQueue",
                DeadLetterQueue.Props.builder()
                        .queueName(props.deadLetterQueueName())
                        .purpose("events rule " + props.ruleName() + " could not deliver to " + props.description())
                        .retention(props.deadLetterRetention())
                        .removalPolicy(props.removalPolicy())
                        .alerting(props.alerting().orElse(null))
                        .build());
        this.rule = new Rule(
                this,
                "Rule",
                RuleProps.builder()
                        .ruleName(props.ruleName())
                        .description(props.description())
                        .eventBus(props.bus())
                        .eventPattern(EventPattern.builder()
                                .source(props.sources())
                                .detailType(props.detailTypes())
                                .build())
                        .targets(List.of(new SqsQueue(
                                props.target(),
                                SqsQueueProps.builder()
                                        .deadLetterQueue(deadLetterQueue.queue())
                                        .build())))
                        .build());
    }

    public Rule rule() {
        return rule;
    }

    public DeadLetterQueue deadLetterQueue() {
        return deadLetterQueue;
    }

    /**
     * @param ruleName            physical rule name (required)
     * @param description         what the subscription is for (required)
     * @param bus                 the bus the rule listens on (required)
     * @param sources             event sources to match (required, non-empty)
     * @param detailTypes         detail types to match (required, non-empty)
     * @param target              the queue receiving matching events (required)
     * @param deadLetterQueueName physical name of the rule target's dead-letter queue (required)
     * @param deadLetterRetention default 14 days
     * @param removalPolicy       of the dead-letter queue; default RETAIN
     * @param alerting            alarm on the dead-letter queue; default none
     */
    public record Props(
            String ruleName,
            String description,
            IEventBus bus,
            List<String> sources,
            List<String> detailTypes,
            IQueue target,
            String deadLetterQueueName,
            Duration deadLetterRetention,
            RemovalPolicy removalPolicy,
            Optional<Alerting> alerting) {
        public Props {
            Objects.requireNonNull(ruleName, "ruleName");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(bus, "bus");
            sources = List.copyOf(sources);
            detailTypes = List.copyOf(detailTypes);
            if (sources.isEmpty() || detailTypes.isEmpty()) {
                throw new IllegalArgumentException("rule " + ruleName + " needs at least one source and detail type");
            }
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(deadLetterQueueName, "deadLetterQueueName");
            Objects.requireNonNull(deadLetterRetention, "deadLetterRetention");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
            Objects.requireNonNull(alerting, "alerting");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String ruleName;
            private String description;
            private IEventBus bus;
            private List<String> sources = List.of();
            private List<String> detailTypes = List.of();
            private IQueue target;
            private String deadLetterQueueName;
            private Duration deadLetterRetention = DeadLetterQueue.Props.MAXIMUM_RETENTION;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
            private Alerting alerting;

            public Builder ruleName(String ruleName) {
                this.ruleName = ruleName;
                return this;
            }

            public Builder description(String description) {
                this.description = description;
                return this;
            }

            public Builder bus(IEventBus bus) {
                this.bus = bus;
                return this;
            }

            public Builder sources(List<String> sources) {
                this.sources = sources;
                return this;
            }

            public Builder detailTypes(List<String> detailTypes) {
                this.detailTypes = detailTypes;
                return this;
            }

            public Builder target(IQueue target) {
                this.target = target;
                return this;
            }

            public Builder deadLetterQueueName(String deadLetterQueueName) {
                this.deadLetterQueueName = deadLetterQueueName;
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
                        ruleName,
                        description,
                        bus,
                        sources,
                        detailTypes,
                        target,
                        deadLetterQueueName,
                        deadLetterRetention,
                        removalPolicy,
                        Optional.ofNullable(alerting));
            }
        }
    }
}

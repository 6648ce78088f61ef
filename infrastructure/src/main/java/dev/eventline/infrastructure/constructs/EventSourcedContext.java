package dev.eventline.infrastructure.constructs;

import dev.eventline.infrastructure.config.EnvironmentConfig.StreamConsumption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import software.constructs.Construct;

/**
 * The write side of one bounded context: its event store (with stream), its idempotency table,
 * and the consumers of its stream (projectors, publishers, snapshotters), each with its
 * on-failure dead-letter queue and alarms. A context is then a few lines:
 *
 * <pre>{@code
 * var ordering = new EventSourcedContext(this, "Ordering", props);
 * ordering.grantCommandHandling(commandApi.grantee());
 * ordering.addStreamConsumer("Projector", projectorFunction, "eventline-dev-ordering-projector-dlq");
 * }</pre>
 */
public final class EventSourcedContext extends Construct {

    private final Props props;
    private final EventStoreTable events;
    private final IdempotencyTable idempotency;
    private final List<StreamConsumer> consumers = new ArrayList<>();

    public EventSourcedContext(Construct scope, String id, Props props) {
        super(scope, id);
        this.props = props;
        this.events = new EventStoreTable(
                this,
                "Events",
                EventStoreTable.Props.builder()
                        .tableName(props.eventsTableName())
                        .removalPolicy(props.removalPolicy())
                        .deletionProtection(props.deletionProtection())
                        .breakGlassRoleName(props.breakGlassRoleName())
                        .build());
        this.idempotency = new IdempotencyTable(
                this,
                "Idempotency",
                IdempotencyTable.Props.builder()
                        .tableName(props.idempotencyTableName())
                        .removalPolicy(props.removalPolicy())
                        .deletionProtection(props.deletionProtection())
                        .build());
    }

    public EventStoreTable events() {
        return events;
    }

    public IdempotencyTable idempotency() {
        return idempotency;
    }

    public List<StreamConsumer> consumers() {
        return List.copyOf(consumers);
    }

    /**
     * Lets a command handler append events and remember outcomes, atomically: conditional
     * PutItem, ConditionCheckItem, GetItem and Query on both tables; never UpdateItem or DeleteItem.
     */
    public void grantCommandHandling(IGrantable grantee) {
        events.grantAppend(grantee);
        TableAccess.APPEND.grant(idempotency.table(), grantee);
    }

    /** Subscribes a function to the event store's stream, with its own dead-letter queue. */
    public StreamConsumer addStreamConsumer(String id, EventlineFunction.Props function, String deadLetterQueueName) {
        var consumer = new StreamConsumer(
                this,
                id,
                StreamConsumer.Props.builder()
                        .function(function)
                        .source(events.table())
                        .deadLetterQueueName(deadLetterQueueName)
                        .consumption(props.consumption())
                        .deadLetterRetention(props.deadLetterRetention())
                        .removalPolicy(props.removalPolicy())
                        .alerting(props.alerting().orElse(null))
                        .build());
        consumers.add(consumer);
        return consumer;
    }

    /**
     * @param eventsTableName      physical name of the event store (required)
     * @param idempotencyTableName physical name of the idempotency table (required)
     * @param consumption          settings of every stream consumer (required)
     * @param removalPolicy        tables and queues; default RETAIN
     * @param deletionProtection   tables; default true
     * @param deadLetterRetention  default 14 days
     * @param alerting             alarms of every consumer; default none
     * @param breakGlassRoleName   the only role not denied updates and deletes of events; default
     *                             {@link EventStoreTable.Props#DEFAULT_BREAK_GLASS_ROLE}
     */
    public record Props(
            String eventsTableName,
            String idempotencyTableName,
            StreamConsumption consumption,
            RemovalPolicy removalPolicy,
            boolean deletionProtection,
            Duration deadLetterRetention,
            Optional<Alerting> alerting,
            String breakGlassRoleName) {
        public Props {
            Objects.requireNonNull(eventsTableName, "eventsTableName");
            Objects.requireNonNull(idempotencyTableName, "idempotencyTableName");
            Objects.requireNonNull(consumption, "consumption");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
            Objects.requireNonNull(deadLetterRetention, "deadLetterRetention");
            Objects.requireNonNull(alerting, "alerting");
            Objects.requireNonNull(breakGlassRoleName, "breakGlassRoleName");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String eventsTableName;
            private String idempotencyTableName;
            private StreamConsumption consumption;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
            private boolean deletionProtection = true;
            private Duration deadLetterRetention = DeadLetterQueue.Props.MAXIMUM_RETENTION;
            private Alerting alerting;
            private String breakGlassRoleName = EventStoreTable.Props.DEFAULT_BREAK_GLASS_ROLE;

            public Builder eventsTableName(String eventsTableName) {
                this.eventsTableName = eventsTableName;
                return this;
            }

            public Builder idempotencyTableName(String idempotencyTableName) {
                this.idempotencyTableName = idempotencyTableName;
                return this;
            }

            public Builder consumption(StreamConsumption consumption) {
                this.consumption = consumption;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy removalPolicy) {
                this.removalPolicy = removalPolicy;
                return this;
            }

            public Builder deletionProtection(boolean deletionProtection) {
                this.deletionProtection = deletionProtection;
                return this;
            }

            public Builder deadLetterRetention(Duration deadLetterRetention) {
                this.deadLetterRetention = deadLetterRetention;
                return this;
            }

            public Builder alerting(Alerting alerting) {
                this.alerting = alerting;
                return this;
            }

            public Builder breakGlassRoleName(String breakGlassRoleName) {
                this.breakGlassRoleName = breakGlassRoleName;
                return this;
            }

            public Props build() {
                return new Props(
                        eventsTableName,
                        idempotencyTableName,
                        consumption,
                        removalPolicy,
                        deletionProtection,
                        deadLetterRetention,
                        Optional.ofNullable(alerting),
                        breakGlassRoleName);
            }
        }
    }
}

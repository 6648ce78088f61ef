package dev.eventline.eventstore.dynamodb;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticImmutableTableSchema;

/**
 * One event as one DynamoDB item: {@code streamId} (partition) + {@code version} (sort). The attribute
 * names are the stored format, read by projectors from stream images too: never rename them.
 * The schema is static, so no bean introspection runs on a Lambda cold start.
 */
public record EventItem(
        String streamId,
        long version,
        String eventId,
        String type,
        int schemaVersion,
        String data,
        String commandId,
        String correlationId,
        String causationId,
        String traceId,
        String actor,
        String occurredAt,
        String recordedAt) {

    public static final String STREAM_ID = "streamId";
    public static final String VERSION = "version";

    public static final TableSchema<EventItem> SCHEMA = StaticImmutableTableSchema.builder(
                    EventItem.class, Builder.class)
            .newItemBuilder(Builder::new, Builder::build)
            .addAttribute(
                    String.class,
                    a -> a.name(STREAM_ID)
                            .getter(EventItem::streamId)
                            .setter(Builder::streamId)
                            .tags(primaryPartitionKey()))
            .addAttribute(
                    Long.class,
                    a -> a.name(VERSION)
                            .getter(EventItem::version)
                            .setter(Builder::version)
                            .tags(primarySortKey()))
            .addAttribute(
                    String.class,
                    a -> a.name("eventId").getter(EventItem::eventId).setter(Builder::eventId))
            .addAttribute(
                    String.class, a -> a.name("type").getter(EventItem::type).setter(Builder::type))
            .addAttribute(
                    Integer.class,
                    a -> a.name("schemaVersion")
                            .getter(EventItem::schemaVersion)
                            .setter(Builder::schemaVersion))
            .addAttribute(
                    String.class, a -> a.name("data").getter(EventItem::data).setter(Builder::data))
            .addAttribute(
                    String.class,
                    a -> a.name("commandId").getter(EventItem::commandId).setter(Builder::commandId))
            .addAttribute(
                    String.class,
                    a -> a.name("correlationId")
                            .getter(EventItem::correlationId)
                            .setter(Builder::correlationId))
            .addAttribute(
                    String.class,
                    a -> a.name("causationId").getter(EventItem::causationId).setter(Builder::causationId))
            .addAttribute(
                    String.class,
                    a -> a.name("traceId").getter(EventItem::traceId).setter(Builder::traceId))
            .addAttribute(
                    String.class, a -> a.name("actor").getter(EventItem::actor).setter(Builder::actor))
            .addAttribute(
                    String.class,
                    a -> a.name("occurredAt").getter(EventItem::occurredAt).setter(Builder::occurredAt))
            .addAttribute(
                    String.class,
                    a -> a.name("recordedAt").getter(EventItem::recordedAt).setter(Builder::recordedAt))
            .build();

    public static EventItem from(RecordedEvent e) {
        EventMetadata m = e.metadata();
        return new EventItem(
                e.streamId(),
                e.version(),
                e.eventId(),
                e.type(),
                e.schemaVersion(),
                e.data(),
                m.commandId(),
                m.correlationId(),
                m.causationId(),
                m.traceId(),
                m.actor(),
                m.occurredAt().toString(),
                e.recordedAt().toString());
    }

    public RecordedEvent toRecordedEvent() {
        return new RecordedEvent(
                streamId,
                version,
                eventId,
                type,
                schemaVersion,
                data,
                new EventMetadata(commandId, correlationId, causationId, traceId, actor, Instant.parse(occurredAt)),
                Instant.parse(recordedAt));
    }

    public static final class Builder {
        private String streamId;
        private long version;
        private String eventId;
        private String type;
        private int schemaVersion;
        private String data;
        private String commandId;
        private String correlationId;
        private String causationId;
        private String traceId;
        private String actor;
        private String occurredAt;
        private String recordedAt;

        public Builder streamId(String v) {
            this.streamId = v;
            return this;
        }

        public Builder version(Long v) {
            this.version = v == null ? 0 : v;
            return this;
        }

        public Builder eventId(String v) {
            this.eventId = v;
            return this;
        }

        public Builder type(String v) {
            this.type = v;
            return this;
        }

        public Builder schemaVersion(Integer v) {
            this.schemaVersion = v == null ? 1 : v;
            return this;
        }

        public Builder data(String v) {
            this.data = v;
            return this;
        }

        public Builder commandId(String v) {
            this.commandId = v;
            return this;
        }

        public Builder correlationId(String v) {
            this.correlationId = v;
            return this;
        }

        public Builder causationId(String v) {
            this.causationId = v;
            return this;
        }

        public Builder traceId(String v) {
            this.traceId = v;
            return this;
        }

        public Builder actor(String v) {
            this.actor = v;
            return this;
        }

        public Builder occurredAt(String v) {
            this.occurredAt = v;
            return this;
        }

        public Builder recordedAt(String v) {
            this.recordedAt = v;
            return this;
        }

        public EventItem build() {
            return new EventItem(
                    streamId,
                    version,
                    eventId,
                    type,
                    schemaVersion,
                    data,
                    commandId,
                    correlationId,
                    causationId,
                    traceId,
                    actor,
                    occurredAt,
                    recordedAt);
        }
    }
}

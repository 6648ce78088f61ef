package dev.eventline.eventstore.format;

import dev.eventline.eventstore.EventIds;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.snapshot.Snapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The stored form of an event as one item of attributes, independent of any SDK: the DynamoDB store
 * writes and reads it, and stream consumers read it from stream images with Lambda's attribute type.
 *
 * <p>Compact form (written since issue 13): the keys keep their names ({@code streamId},
 * {@code version}; renaming a key means a new table), every other attribute has a one-letter name,
 * and what can be derived is not stored:
 *
 * <pre>
 *   t  type                 S
 *   d  data                 S   the payload, as JSON
 *   s  schemaVersion        N   omitted when 1
 *   c  commandId            S
 *   i  eventId              S   omitted when it is {@link EventIds#derived} from stream, version and command
 *   r  correlationId        S   omitted when equal to the command id
 *   k  causationId          S   omitted when equal to the command id
 *   x  traceId              S   omitted when there was none
 *   a  actor                S   omitted when {@value #ANONYMOUS}
 *   w  recordedAt           N   epoch milliseconds, with a fraction when finer (exact to the nanosecond)
 *   o  recordedAt − occurredAt  N   milliseconds, as above; omitted when they are equal
 * </pre>
 *
 * <p>Snapshot items share the partition: the snapshot at version {@code v} is the item at sort key
 * {@code v + 0.5}, right after the event it was taken at, holding {@code u} (the state, JSON),
 * {@code n} (its state schema version) and {@code w} (when it was taken). A descending query from the
 * head of a stream meets the newest snapshot after exactly the events that follow it. Event readers
 * skip these items ({@link #isSnapshot}); they are never events.
 *
 * <p>Tolerant reader: an item holding {@code type} is in the original form (full attribute names,
 * ISO-8601 timestamps as strings) and is read as such, so items written before the change read as
 * they always did; nothing is migrated.
 */
public final class EventItemFormat {
    public static final String STREAM_ID = "streamId";
    public static final String VERSION = "version";
    public static final String ANONYMOUS = "anonymous";

    static final String TYPE = "t";
    static final String DATA = "d";
    static final String SCHEMA_VERSION = "s";
    static final String COMMAND_ID = "c";
    static final String EVENT_ID = "i";
    static final String CORRELATION_ID = "r";
    static final String CAUSATION_ID = "k";
    static final String TRACE_ID = "x";
    static final String ACTOR = "a";
    /** When the event was recorded, compact form: epoch milliseconds, a number (with a fraction when finer). */
    public static final String RECORDED_AT = "w";
    /** When the event was recorded, original form: an ISO-8601 string. */
    public static final String LEGACY_RECORDED_AT = "recordedAt";

    static final String OCCURRED_BEFORE = "o";

    static final String STATE = "u";
    static final String STATE_SCHEMA_VERSION = "n";

    private static final BigDecimal HALF = new BigDecimal("0.5");

    /** The original attribute names, read only. */
    static final String LEGACY_TYPE = "type";

    private static final BigDecimal NANOS_PER_MILLI = BigDecimal.valueOf(1_000_000);

    private EventItemFormat() {}

    /** An item being read: the string or number value of an attribute, null when absent. */
    public interface Item {
        String string(String name);

        String number(String name);
    }

    /** An item being written. */
    public interface Writer {
        void string(String name, String value);

        void number(String name, String value);
    }

    public static void write(RecordedEvent event, Writer item) {
        EventMetadata m = event.metadata();
        String commandId = m.commandId();
        item.string(STREAM_ID, event.streamId());
        item.number(VERSION, Long.toString(event.version()));
        item.string(TYPE, event.type());
        item.string(DATA, event.data());
        if (event.schemaVersion() != 1) {
            item.number(SCHEMA_VERSION, Integer.toString(event.schemaVersion()));
        }
        item.string(COMMAND_ID, commandId);
        if (!event.eventId().equals(EventIds.derived(event.streamId(), event.version(), commandId))) {
            item.string(EVENT_ID, event.eventId());
        }
        if (!m.correlationId().equals(commandId)) {
            item.string(CORRELATION_ID, m.correlationId());
        }
        if (!m.causationId().equals(commandId)) {
            item.string(CAUSATION_ID, m.causationId());
        }
        if (m.traceId() != null) {
            item.string(TRACE_ID, m.traceId());
        }
        if (!m.actor().equals(ANONYMOUS)) {
            item.string(ACTOR, m.actor());
        }
        item.number(RECORDED_AT, millis(Duration.between(Instant.EPOCH, event.recordedAt())));
        Duration before = Duration.between(m.occurredAt(), event.recordedAt());
        if (!before.isZero()) {
            item.number(OCCURRED_BEFORE, millis(before));
        }
    }

    /** Whether the item is a snapshot item (not an event): it holds a state and no event type. */
    public static boolean isSnapshot(Item item) {
        return item.string(STATE) != null && item.string(TYPE) == null && item.string(LEGACY_TYPE) == null;
    }

    /** Whether a sort key value is a snapshot's position ({@code v + 0.5}) rather than an event's. */
    public static boolean isSnapshotPosition(String version) {
        return version != null && version.indexOf('.') >= 0;
    }

    public static void writeSnapshot(Snapshot snapshot, Writer item) {
        item.string(STREAM_ID, snapshot.streamId());
        item.number(VERSION, BigDecimal.valueOf(snapshot.version()).add(HALF).toPlainString());
        item.string(STATE, snapshot.state());
        item.number(STATE_SCHEMA_VERSION, Integer.toString(snapshot.stateSchemaVersion()));
        item.number(RECORDED_AT, millis(Duration.between(Instant.EPOCH, snapshot.takenAt())));
    }

    /** @throws IllegalArgumentException when the item is not a readable snapshot item */
    public static Snapshot readSnapshot(Item item) {
        try {
            return new Snapshot(
                    required(item, STREAM_ID),
                    new BigDecimal(requiredNumber(item, VERSION)).subtract(HALF).longValueExact(),
                    Integer.parseInt(requiredNumber(item, STATE_SCHEMA_VERSION)),
                    required(item, STATE),
                    Instant.EPOCH.plus(duration(requiredNumber(item, RECORDED_AT))));
        } catch (NullPointerException | java.time.DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("not a snapshot item: " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when a required attribute is missing or malformed */
    public static RecordedEvent read(Item item) {
        try {
            return item.string(LEGACY_TYPE) != null ? readLegacy(item) : readCompact(item);
        } catch (NullPointerException | java.time.DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("not an event item: " + e.getMessage(), e);
        }
    }

    private static RecordedEvent readCompact(Item item) {
        String streamId = required(item, STREAM_ID);
        long version = Long.parseLong(requiredNumber(item, VERSION));
        String commandId = required(item, COMMAND_ID);
        String schemaVersion = item.number(SCHEMA_VERSION);
        String eventId = item.string(EVENT_ID);
        Instant recordedAt = Instant.EPOCH.plus(duration(requiredNumber(item, RECORDED_AT)));
        String before = item.number(OCCURRED_BEFORE);
        return new RecordedEvent(
                streamId,
                version,
                eventId != null ? eventId : EventIds.derived(streamId, version, commandId),
                required(item, TYPE),
                schemaVersion == null ? 1 : Integer.parseInt(schemaVersion),
                required(item, DATA),
                new EventMetadata(
                        commandId,
                        orElse(item.string(CORRELATION_ID), commandId),
                        orElse(item.string(CAUSATION_ID), commandId),
                        item.string(TRACE_ID),
                        orElse(item.string(ACTOR), ANONYMOUS),
                        before == null ? recordedAt : recordedAt.minus(duration(before))),
                recordedAt);
    }

    private static RecordedEvent readLegacy(Item item) {
        String schemaVersion = item.number("schemaVersion");
        return new RecordedEvent(
                required(item, STREAM_ID),
                Long.parseLong(requiredNumber(item, VERSION)),
                required(item, "eventId"),
                required(item, LEGACY_TYPE),
                schemaVersion == null ? 1 : Integer.parseInt(schemaVersion),
                required(item, "data"),
                new EventMetadata(
                        required(item, "commandId"),
                        required(item, "correlationId"),
                        required(item, "causationId"),
                        item.string("traceId"),
                        required(item, "actor"),
                        Instant.parse(required(item, "occurredAt"))),
                Instant.parse(required(item, "recordedAt")));
    }

    /**
     * When an event item was recorded, from an item holding at least the two recorded-at attributes
     * (a projection for scans and lag: either form).
     *
     * @throws IllegalArgumentException when the item has neither
     */
    public static Instant recordedAt(Item item) {
        String millis = item.number(RECORDED_AT);
        if (millis != null) {
            return Instant.EPOCH.plus(duration(millis));
        }
        String legacy = item.string(LEGACY_RECORDED_AT);
        if (legacy != null) {
            return Instant.parse(legacy);
        }
        throw new IllegalArgumentException("not an event item: no " + RECORDED_AT + " or " + LEGACY_RECORDED_AT);
    }

    /** {@code instant} as the compact form stores it, for conditions on {@link #RECORDED_AT}. */
    public static String recordedAtNumber(Instant instant) {
        return millis(Duration.between(Instant.EPOCH, instant));
    }

    private static String millis(Duration d) {
        BigDecimal nanos = BigDecimal.valueOf(d.getSeconds())
                .multiply(BigDecimal.valueOf(1_000_000_000L))
                .add(BigDecimal.valueOf(d.getNano()));
        return nanos.divide(NANOS_PER_MILLI).stripTrailingZeros().toPlainString();
    }

    private static Duration duration(String millis) {
        BigDecimal nanos = new BigDecimal(millis).multiply(NANOS_PER_MILLI);
        return Duration.ofNanos(nanos.longValueExact());
    }

    private static String orElse(String value, String otherwise) {
        return value != null ? value : otherwise;
    }

    private static String required(Item item, String name) {
        return Objects.requireNonNull(item.string(name), () -> "missing attribute " + name);
    }

    private static String requiredNumber(Item item, String name) {
        return Objects.requireNonNull(item.number(name), () -> "missing number attribute " + name);
    }
}

package dev.eventline.ordering.publisher;

import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.lambda.observability.Tracing;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * Wraps a stored event in a CloudEvents 1.0 JSON envelope: the {@code Detail} of the EventBridge
 * entry. {@code type} stays the plain event type so that rules match on it directly; the payload's
 * schema version travels in {@code dataschema} instead of being folded into the type name.
 */
public final class CloudEventEnvelope {
    public static final String SOURCE = "eventline.ordering";
    public static final String CONTENT_TYPE = "application/json";

    /** Extension names: CloudEvents allows only lower-case letters and digits. */
    public static final String SEQUENCE = "sequence";

    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String XRAY_TRACE_ID = "xraytraceid";

    /** The CloudEvents distributed tracing extension: the W3C trace context a subscriber links to. */
    public static final String TRACEPARENT = "traceparent";

    /** Wide enough for any {@code long}, so that the padded sequence sorts like the number. */
    private static final int SEQUENCE_DIGITS = 19;

    private final EventFormat format;

    public CloudEventEnvelope() {
        // resolved through the ServiceLoader (the shaded jar keeps META-INF/services); fail the cold start, not an
        // event
        this.format = Objects.requireNonNull(
                EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE),
                "no CloudEvents JSON format on the classpath (cloudevents-json-jackson)");
    }

    public CloudEvent toCloudEvent(RecordedEvent event) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(event.eventId())
                .withSource(URI.create(SOURCE))
                .withType(event.type())
                .withSubject(event.streamId())
                .withTime(event.recordedAt().atOffset(ZoneOffset.UTC))
                .withDataSchema(dataSchema(event.type(), event.schemaVersion()))
                .withData(CONTENT_TYPE, event.data().getBytes(StandardCharsets.UTF_8))
                .withExtension(SEQUENCE, sequence(event.version()))
                .withExtension(CORRELATION_ID, event.metadata().correlationId())
                .withExtension(CAUSATION_ID, event.metadata().causationId());
        String traceId = event.metadata().traceId();
        if (traceId != null && !traceId.isBlank()) {
            builder.withExtension(XRAY_TRACE_ID, traceId);
        }
        // the publishing span when there is one (the subscriber's link then shows the hop), else the command's
        Tracing.currentTraceHeader()
                .or(() -> Optional.ofNullable(traceId))
                .flatMap(Tracing::traceparent)
                .ifPresent(traceparent -> builder.withExtension(TRACEPARENT, traceparent));
        return builder.build();
    }

    /** The envelope in the CloudEvents JSON format; JSON data is embedded as an object, not a string. */
    public String toJson(RecordedEvent event) {
        return new String(format.serialize(toCloudEvent(event)), StandardCharsets.UTF_8);
    }

    /**
     * Names the JSON Schema of the payload, {@code schemas/ordering/<Type>/v<N>.schema.json} in the
     * repository and {@code eventline.ordering@<Type>} in the EventBridge schema registry.
     */
    public static URI dataSchema(String type, int schemaVersion) {
        return URI.create("urn:eventline:schemas:ordering:" + type + ":v" + schemaVersion);
    }

    /**
     * The CloudEvents sequence extension is a string compared lexicographically, so the stream
     * version is zero-padded: {@code "0000000000000000010"} sorts after {@code "0000000000000000009"}.
     */
    public static String sequence(long version) {
        return String.format("%0" + SEQUENCE_DIGITS + "d", version);
    }
}

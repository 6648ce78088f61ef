package dev.eventline.lambda.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The wire JSON of {@link QueueEvent} and {@link BatchResponse}, by data binding on the records (their
 * component names are the wire names). Stream events have their own reader and writer
 * ({@code StreamRecordJson}): DynamoDB's typed attribute values need it.
 */
public final class EventJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {}

    /** @throws IllegalArgumentException when {@code json} is not an SQS event */
    public static QueueEvent queueEvent(String json) {
        return read(json, QueueEvent.class);
    }

    public static String toJson(QueueEvent event) {
        return write(event);
    }

    /** @throws IllegalArgumentException when {@code json} is not a partial batch response */
    public static BatchResponse batchResponse(String json) {
        return read(json, BatchResponse.class);
    }

    public static String toJson(BatchResponse response) {
        return write(response);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + json);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a record of plain values always serializes", e);
        }
    }
}

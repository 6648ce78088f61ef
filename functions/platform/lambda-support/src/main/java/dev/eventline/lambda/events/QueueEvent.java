package dev.eventline.lambda.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * One invocation of an SQS consumer: {@code {"Records":[{"messageId","receiptHandle","body",
 * "attributes","messageAttributes","md5OfBody","md5OfMessageAttributes","eventSource","eventSourceARN",
 * "awsRegion"}]}}, read and written by {@link EventJson}.
 *
 * @param records never null; empty when Lambda sent none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record QueueEvent(@JsonProperty("Records") List<Message> records) {
    public QueueEvent {
        records = records == null ? List.of() : List.copyOf(records);
    }

    /**
     * One message.
     *
     * @param attributes        the system attributes ({@code ApproximateReceiveCount}, {@code SentTimestamp}…)
     * @param messageAttributes the sender's attributes
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(
            String messageId,
            String receiptHandle,
            String body,
            Map<String, String> attributes,
            Map<String, MessageAttribute> messageAttributes,
            String md5OfBody,
            String md5OfMessageAttributes,
            String eventSource,
            @JsonProperty("eventSourceARN") String eventSourceARN,
            String awsRegion) {

        /** A system attribute, or null when the message does not carry it. */
        public String attribute(String name) {
            return attributes == null ? null : attributes.get(name);
        }
    }

    /**
     * A sender's attribute; binary values are base64, as on the wire.
     *
     * @param dataType {@code String}, {@code Number} or {@code Binary} (with an optional custom suffix)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MessageAttribute(
            String stringValue,
            String binaryValue,
            List<String> stringListValues,
            List<String> binaryListValues,
            String dataType) {}
}

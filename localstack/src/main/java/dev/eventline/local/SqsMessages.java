package dev.eventline.local;

import dev.eventline.lambda.events.QueueEvent;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** SDK messages as the {@link QueueEvent} Lambda builds from them. */
final class SqsMessages {
    private SqsMessages() {}

    static QueueEvent toEvent(List<Message> messages, String queueArn) {
        return new QueueEvent(messages.stream().map(m -> toLambda(m, queueArn)).toList());
    }

    static QueueEvent.Message toLambda(Message message, String queueArn) {
        Map<String, QueueEvent.MessageAttribute> attributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
        return new QueueEvent.Message(
                message.messageId(),
                message.receiptHandle(),
                message.body(),
                new HashMap<>(message.attributesAsStrings()),
                attributes,
                message.md5OfBody(),
                message.md5OfMessageAttributes(),
                "aws:sqs",
                queueArn,
                LocalFunction.REGION);
    }

    /** Binary values base64-encoded, as on Lambda's wire. */
    private static QueueEvent.MessageAttribute attribute(MessageAttributeValue value) {
        return new QueueEvent.MessageAttribute(
                value.stringValue(),
                value.binaryValue() == null ? null : base64(value.binaryValue()),
                value.stringListValues(),
                value.binaryListValues().stream().map(SqsMessages::base64).toList(),
                value.dataType());
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}

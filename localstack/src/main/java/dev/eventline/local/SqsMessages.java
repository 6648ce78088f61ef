package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** SDK messages as the {@link SQSEvent} Lambda builds from them. */
final class SqsMessages {
    private SqsMessages() {}

    static SQSEvent toEvent(List<Message> messages, String queueArn) {
        List<SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            records.add(toLambda(message, queueArn));
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    static SQSMessage toLambda(Message message, String queueArn) {
        SQSMessage lambda = new SQSMessage();
        lambda.setMessageId(message.messageId());
        lambda.setReceiptHandle(message.receiptHandle());
        lambda.setBody(message.body());
        lambda.setMd5OfBody(message.md5OfBody());
        lambda.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
        lambda.setAttributes(new HashMap<>(message.attributesAsStrings()));
        Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, attribute(value)));
        lambda.setMessageAttributes(attributes);
        lambda.setEventSource("aws:sqs");
        lambda.setEventSourceArn(queueArn);
        lambda.setAwsRegion(LocalFunction.REGION);
        return lambda;
    }

    private static SQSEvent.MessageAttribute attribute(MessageAttributeValue value) {
        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
        attribute.setDataType(value.dataType());
        attribute.setStringValue(value.stringValue());
        if (value.binaryValue() != null) {
            attribute.setBinaryValue(value.binaryValue().asByteBuffer());
        }
        return attribute;
    }
}

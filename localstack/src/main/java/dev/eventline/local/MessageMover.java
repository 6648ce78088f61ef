package dev.eventline.local;

import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Moves every message of a queue's dead-letter queue back to the queue, as SQS's
 * StartMessageMoveTask does on AWS (which this tool would call there): the queue's own consumer
 * then processes them again. Each message is sent before it is deleted, so a failure in between
 * duplicates a message rather than losing it; the consumers are idempotent.
 */
final class MessageMover {
    private final SqsClient sqs;

    MessageMover(SqsClient sqs) {
        this.sqs = sqs;
    }

    RedriveReport move(String deadLetterQueueUrl, String sourceQueueUrl) {
        RedriveReport report = new RedriveReport();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(deadLetterQueueUrl)
                            .maxNumberOfMessages(10)
                            .visibilityTimeout(60)
                            .waitTimeSeconds(0)
                            .messageAttributeNames("All"))
                    .messages();
            if (messages.isEmpty()) {
                return report;
            }
            for (Message message : messages) {
                sqs.sendMessage(b -> b.queueUrl(sourceQueueUrl)
                        .messageBody(message.body())
                        .messageAttributes(message.messageAttributes()));
                sqs.deleteMessage(b -> b.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));
                report.redriven(message.messageId(), "moved back to " + sourceQueueUrl);
            }
        }
    }
}

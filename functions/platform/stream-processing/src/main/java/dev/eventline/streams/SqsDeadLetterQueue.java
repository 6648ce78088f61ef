package dev.eventline.streams;

import java.util.Objects;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * A standard SQS queue as the dead-letter queue. Configured by URL, or by name and resolved with
 * one {@code GetQueueUrl} the first time a record is parked (parking is rare, so cold starts do not
 * pay for the lookup), then remembered for the life of the container.
 */
public final class SqsDeadLetterQueue implements DeadLetterQueue {
    private final SqsClient sqs;
    private final Supplier<String> resolver;
    private volatile String queueUrl;

    private SqsDeadLetterQueue(SqsClient sqs, String queueUrl, Supplier<String> resolver) {
        this.sqs = Objects.requireNonNull(sqs, "sqs");
        this.queueUrl = queueUrl;
        this.resolver = resolver;
    }

    public static SqsDeadLetterQueue byUrl(SqsClient sqs, String queueUrl) {
        return new SqsDeadLetterQueue(sqs, Objects.requireNonNull(queueUrl, "queueUrl"), null);
    }

    public static SqsDeadLetterQueue byName(SqsClient sqs, String queueName) {
        Objects.requireNonNull(queueName, "queueName");
        return new SqsDeadLetterQueue(
                sqs,
                null,
                () -> sqs.getQueueUrl(GetQueueUrlRequest.builder()
                                .queueName(queueName)
                                .build())
                        .queueUrl());
    }

    @Override
    public void send(String body) {
        sqs.sendMessage(SendMessageRequest.builder()
                .queueUrl(queueUrl())
                .messageBody(body)
                .build());
    }

    String queueUrl() {
        String url = queueUrl;
        if (url == null) {
            url = resolver.get();
            queueUrl = url;
        }
        return url;
    }
}

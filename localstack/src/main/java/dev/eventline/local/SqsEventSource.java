package dev.eventline.local;

import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.Topology.MappingSpec;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Plays the part of a Lambda event source mapping on an SQS queue: polls, invokes the function
 * with an {@link dev.eventline.lambda.events.QueueEvent} of up to BatchSize (at most 10, one ReceiveMessage) messages, deletes
 * what succeeded and leaves the rest. A failed message becomes visible again and is received again;
 * after the queue's maxReceiveCount its redrive policy moves it to the dead-letter queue (moto does
 * that lazily, on the next receive). A function error fails the whole batch; with
 * ReportBatchItemFailures only the reported messages fail.
 */
public final class SqsEventSource implements AutoCloseable {
    private final MappingSpec mapping;
    private final LocalFunction function;
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final RuntimeSettings settings;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    private SqsEventSource(
            MappingSpec mapping,
            LocalFunction function,
            SqsClient sqs,
            LocalResources resources,
            RuntimeSettings settings) {
        String queue = mapping.sourceQueue()
                .orElseThrow(() -> new IllegalArgumentException(mapping.logicalId() + " is not an SQS mapping"));
        this.mapping = mapping;
        this.function = function;
        this.sqs = sqs;
        this.queueUrl = resources.queueUrl(queue);
        this.queueArn = resources.queueArnByName().get(queue);
        this.settings = settings;
        this.thread =
                Thread.ofPlatform().daemon().name(function.name() + "-sqs").unstarted(this::run);
    }

    public static SqsEventSource start(
            MappingSpec mapping,
            LocalFunction function,
            LocalResources resources,
            SqsClient sqs,
            RuntimeSettings settings) {
        SqsEventSource source = new SqsEventSource(mapping, function, sqs, resources, settings);
        source.thread.start();
        LocalLog.info("queue " + mapping.sourceQueue().orElseThrow() + " -> " + function.name() + " (batch "
                + Math.min(mapping.batchSize(), 10) + ")");
        return source;
    }

    private void run() {
        while (stopped.getCount() > 0) {
            try {
                if (!pollOnce() && stopped.await(settings.sqsPollInterval().toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (stopped.getCount() == 0 || LocalLog.jvmShuttingDown()) {
                    return;
                }
                LocalLog.warn("polling " + queueUrl + " for " + function.name() + " failed: " + e);
                try {
                    if (stopped.await(settings.maxRetryBackoff().toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** @return false when the queue was empty */
    boolean pollOnce() {
        // a short poll: see RuntimeSettings#sqsPollInterval
        List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(Math.min(mapping.batchSize(), 10))
                        .waitTimeSeconds(0)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All"))
                .messages();
        if (messages.isEmpty()) {
            return false;
        }
        Set<String> failed = failedIds(messages);
        for (Message message : messages) {
            if (failed.contains(message.messageId())) {
                settings.sqsRetryVisibility()
                        .ifPresent(delay -> sqs.changeMessageVisibility(b -> b.queueUrl(queueUrl)
                                .receiptHandle(message.receiptHandle())
                                .visibilityTimeout((int) delay.toSeconds())));
            } else {
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
        return true;
    }

    private Set<String> failedIds(List<Message> messages) {
        Set<String> all =
                new HashSet<>(messages.stream().map(Message::messageId).toList());
        try {
            Object response = function.invoke(SqsMessages.toEvent(messages, queueArn));
            if (!mapping.reportBatchItemFailures() || !(response instanceof BatchResponse answer)) {
                return Set.of();
            }
            Set<String> failed = new HashSet<>();
            for (BatchResponse.ItemFailure failure : answer.batchItemFailures()) {
                if (failure == null || !all.contains(failure.itemIdentifier())) {
                    // Lambda treats an identifier it cannot match as a failure of the whole batch
                    return all;
                }
                failed.add(failure.itemIdentifier());
            }
            return failed;
        } catch (RuntimeException | Error e) {
            LocalLog.warn(function.name() + " failed a batch of " + messages.size() + " messages: " + e);
            return all;
        }
    }

    public MappingSpec mapping() {
        return mapping;
    }

    /** Tells the pollers to stop after the current invocation, without waiting for them. */
    public void requestStop() {
        stopped.countDown();
    }

    @Override
    public void close() {
        requestStop();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

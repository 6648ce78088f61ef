package dev.eventline.operations;

import dev.eventline.operations.DeadLetterViews.MessageResult;
import dev.eventline.operations.DeadLetterViews.MessageView;
import dev.eventline.operations.DeadLetterViews.QueueView;
import dev.eventline.operations.DeadLetterViews.RedriveResult;
import dev.eventline.operations.DeadLetterViews.Result;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * {@code dlq list | show | redrive}: the dead-letter queues, their messages, and their redrive.
 *
 * <p>A stream consumer's message is redriven by stream and version from the events table, at any
 * age: a parked record names both; the mapping's on-failure message names only shard coordinates,
 * so its streams are found in the events table by the batch's arrival times ({@link EventsWindow}).
 * The consumer brings each stream up to at least that version, in order, and the message is deleted
 * only after every one of its streams succeeded. A queue's own dead-letter queue (SQS redrive
 * policy) is moved back to the queue, each message sent before it is deleted.
 */
public final class DeadLetters {
    /** Messages one call looks at or redrives at most; run it again for more. */
    public static final int MAX_MESSAGES = 10_000;
    /** Events one on-failure message may scan for at most. */
    public static final long MAX_SCANNED = 10_000_000;

    private static final int VISIBILITY_SECONDS = 300;

    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;
    private final Resources resources;

    public DeadLetters(SqsClient sqs, DynamoDbClient dynamoDb, Resources resources) {
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
        this.resources = resources;
    }

    /** Every dead-letter queue of the resources, with its approximate counts. */
    public List<QueueView> list() {
        List<QueueView> views = new ArrayList<>();
        for (String queue : resources.deadLetterQueues()) {
            String url = url(queue);
            Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url)
                            .attributeNames(
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributes();
            views.add(new QueueView(
                    queue,
                    url,
                    Long.parseLong(attributes.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")),
                    Long.parseLong(attributes.getOrDefault(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")),
                    feeds(queue),
                    purpose(queue)));
        }
        return views;
    }

    /**
     * Up to {@code max} messages of a queue, read and made visible again at once (each read counts as a
     * receive; dead-letter queues have no redrive policy of their own, so nothing moves).
     */
    public List<MessageView> show(String queue, int max) {
        String url = url(queue);
        int limit = Math.max(1, Math.min(max, MAX_MESSAGES));
        List<MessageView> views = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> handles = new ArrayList<>();
        try {
            while (views.size() < limit) {
                List<Message> messages = receive(url, Math.min(10, limit - views.size()));
                List<Message> fresh =
                        messages.stream().filter(m -> seen.add(m.messageId())).toList();
                messages.forEach(m -> handles.add(m.receiptHandle()));
                if (fresh.isEmpty()) {
                    break;
                }
                fresh.forEach(m -> views.add(view(m)));
            }
        } finally {
            release(url, handles);
        }
        return views;
    }

    /**
     * Redrives every message of {@code queue} (each once, at most {@link #MAX_MESSAGES}) through
     * {@code target}, the consumer the queue belongs to; a queue that drains into another queue needs
     * no target. A message is deleted only after it succeeded; the others are made visible again.
     *
     * @param onMessage told of each message's result as it happens (progress)
     */
    public RedriveResult redrive(String queue, Optional<RedriveTarget> target, Consumer<MessageResult> onMessage) {
        String url = url(queue);
        Optional<Resources.QueueDeadLetters> drained = resources.otherQueues().stream()
                .filter(q -> q.queue().equals(queue) && q.drainsInto().isPresent())
                .findFirst();
        if (drained.isPresent()) {
            return moveBack(queue, url, drained.get().drainsInto().get(), onMessage);
        }
        Resources.Consumer consumer = resources
                .consumerOfQueue(queue)
                .orElseThrow(() -> new NotFoundException(
                        "no stream consumer or queue uses " + queue + " as its dead-letter queue"));
        RedriveTarget through = target.orElseThrow(() ->
                new IllegalArgumentException("redriving " + queue + " needs its consumer " + consumer.function()));
        String eventsTable = resources
                .context(consumer.context())
                .orElseThrow(() -> new NotFoundException("no context " + consumer.context()))
                .eventsTable();
        List<MessageResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> left = new ArrayList<>();
        try {
            while (results.size() < MAX_MESSAGES) {
                List<Message> fresh = receive(url, 10).stream()
                        .filter(m -> seen.add(m.messageId()))
                        .toList();
                if (fresh.isEmpty()) {
                    break;
                }
                for (Message message : fresh) {
                    MessageResult result = redriveOne(message, through, eventsTable);
                    if (result.result() == Result.REDRIVEN) {
                        sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                    } else {
                        left.add(message.receiptHandle());
                    }
                    results.add(result);
                    onMessage.accept(result);
                }
            }
        } finally {
            release(url, left);
        }
        return new RedriveResult(queue, through.name(), results);
    }

    private MessageResult redriveOne(Message message, RedriveTarget target, String eventsTable) {
        String id = message.messageId();
        return switch (DeadLetter.read(message.body())) {
            case DeadLetter.Parked parked
            when parked.tampered() ->
                new MessageResult(
                        id,
                        Result.NOT_REDRIVABLE,
                        "event item " + parked.streamId() + " v" + parked.version()
                                + " was changed or deleted (tampered): nothing to reapply; find out what wrote to"
                                + " the events table");
            case DeadLetter.Parked parked -> redriveStreams(id, target, Map.of(parked.streamId(), parked.version()));
            case DeadLetter.OnFailure failure -> {
                EventsWindow.Found found = new EventsWindow(dynamoDb)
                        .streamsRecordedBetween(
                                eventsTable, failure.firstArrival(), failure.lastArrival(), MAX_SCANNED, n -> {});
                if (!found.complete()) {
                    yield new MessageResult(
                            id,
                            Result.NOT_REDRIVABLE,
                            "the events table holds more than " + MAX_SCANNED + " events; the batch's streams"
                                    + " were not all found: rebuild the read model instead");
                }
                if (found.firstVersionByStream().isEmpty()) {
                    yield new MessageResult(
                            id,
                            Result.NOT_REDRIVABLE,
                            "no event was recorded between " + failure.firstArrival() + " and " + failure.lastArrival()
                                    + " (±" + EventsWindow.MARGIN + ")");
                }
                yield redriveStreams(id, target, found.firstVersionByStream());
            }
            case DeadLetter.Other other -> new MessageResult(id, Result.NOT_REDRIVABLE, other.description());
        };
    }

    /** Every stream of the message, in order of stream id; the first that fails keeps the message. */
    private static MessageResult redriveStreams(String id, RedriveTarget target, Map<String, Long> versions) {
        List<String> done = new ArrayList<>();
        for (var entry : new java.util.TreeMap<>(versions).entrySet()) {
            RedriveTarget.Outcome outcome;
            try {
                outcome = target.redrive(entry.getKey(), entry.getValue());
            } catch (RuntimeException e) {
                outcome = new RedriveTarget.Outcome.Failed(e.toString());
            }
            switch (outcome) {
                case RedriveTarget.Outcome.Done reached ->
                    done.add(entry.getKey() + " v" + entry.getValue() + " -> v" + reached.reached());
                case RedriveTarget.Outcome.Failed failed -> {
                    return new MessageResult(
                            id,
                            Result.FAILED,
                            target.name() + " failed " + entry.getKey() + " from v" + entry.getValue() + ": "
                                    + failed.why());
                }
            }
        }
        return new MessageResult(id, Result.REDRIVEN, String.join(", ", done) + " redriven from the events table");
    }

    private RedriveResult moveBack(String queue, String url, String into, Consumer<MessageResult> onMessage) {
        String intoUrl = url(into);
        List<MessageResult> results = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (results.size() < MAX_MESSAGES) {
            List<Message> fresh = receive(url, 10).stream()
                    .filter(m -> seen.add(m.messageId()))
                    .toList();
            if (fresh.isEmpty()) {
                break;
            }
            for (Message message : fresh) {
                // sent before deleted: a failure in between duplicates a message, never loses it
                sqs.sendMessage(b ->
                        b.queueUrl(intoUrl).messageBody(message.body()).messageAttributes(message.messageAttributes()));
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(message.receiptHandle()));
                MessageResult result = new MessageResult(message.messageId(), Result.REDRIVEN, "moved back to " + into);
                results.add(result);
                onMessage.accept(result);
            }
        }
        return new RedriveResult(queue, into, results);
    }

    private List<Message> receive(String url, int max) {
        return sqs.receiveMessage(b -> b.queueUrl(url)
                        .maxNumberOfMessages(max)
                        .visibilityTimeout(VISIBILITY_SECONDS)
                        .waitTimeSeconds(0)
                        .messageAttributeNames("All")
                        .messageSystemAttributeNames(
                                MessageSystemAttributeName.SENT_TIMESTAMP,
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT))
                .messages();
    }

    private void release(String url, List<String> handles) {
        for (String handle : handles) {
            sqs.changeMessageVisibility(
                    b -> b.queueUrl(url).receiptHandle(handle).visibilityTimeout(0));
        }
    }

    private String url(String queue) {
        try {
            return sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
        } catch (QueueDoesNotExistException e) {
            throw new NotFoundException("no queue " + queue);
        }
    }

    private String feeds(String queue) {
        return resources
                .consumerOfQueue(queue)
                .map(Resources.Consumer::function)
                .or(() -> resources.otherQueues().stream()
                        .filter(q -> q.queue().equals(queue))
                        .findFirst()
                        .flatMap(Resources.QueueDeadLetters::drainsInto))
                .orElse(null);
    }

    private String purpose(String queue) {
        return resources
                .consumerOfQueue(queue)
                .map(c -> "records " + c.function() + " parked or gave up on")
                .or(() -> resources.otherQueues().stream()
                        .filter(q -> q.queue().equals(queue))
                        .findFirst()
                        .map(Resources.QueueDeadLetters::purpose))
                .orElse("");
    }

    private static MessageView view(Message m) {
        DeadLetter letter = DeadLetter.read(m.body());
        Instant sentAt = Optional.ofNullable(m.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP))
                .map(ms -> Instant.ofEpochMilli(Long.parseLong(ms)))
                .orElse(null);
        int receives = Integer.parseInt(
                m.attributes().getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0"));
        return switch (letter) {
            case DeadLetter.Parked p ->
                new MessageView(
                        m.messageId(),
                        sentAt,
                        receives,
                        "parked",
                        p,
                        p.reason() + " " + p.streamId() + " v" + p.version() + " from " + p.source() + " after "
                                + p.attempts() + " attempt(s): " + p.errorType() + ": " + p.errorMessage());
            case DeadLetter.OnFailure f ->
                new MessageView(
                        m.messageId(),
                        sentAt,
                        receives,
                        "on-failure",
                        f,
                        f.batchSize() + " record(s) of " + f.shardId() + " arrived " + f.firstArrival() + ".."
                                + f.lastArrival() + " (" + f.condition() + ")");
            case DeadLetter.Other o -> new MessageView(m.messageId(), sentAt, receives, "other", o, o.description());
        };
    }
}

package dev.eventline.explorer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.ProblemException;
import dev.eventline.http.Router;
import dev.eventline.operations.ConsumerLag;
import dev.eventline.operations.DeadLetter;
import dev.eventline.operations.DeadLetterViews.MessageView;
import dev.eventline.operations.DeadLetterViews.QueueView;
import dev.eventline.operations.DeadLetterViews.RedriveResult;
import dev.eventline.operations.DeadLetterViews.Result;
import dev.eventline.operations.DeadLetters;
import dev.eventline.operations.LagView;
import dev.eventline.operations.NotFoundException;
import dev.eventline.operations.RedriveTarget;
import dev.eventline.operations.Resources;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Consumer lag, dead letters and their redrive, through the operations library (the ops CLI's), as
 * JSON for the console. Bounded whatever the caller sends: the lag scan stops at
 * {@link #LAG_SCAN_CAP} events per context (the answer says when it did), a queue is shown up to
 * {@link #MESSAGES_SHOWN} messages, a redrive takes the library's own cap.
 */
final class OperationsRoutes {
    static final String CONSUMERS = "/explorer/consumers";
    static final String DEAD_LETTERS = "/explorer/dead-letters";
    static final String REDRIVE = "/explorer/dead-letters/{queue}/redrive";
    static final long LAG_SCAN_CAP = 200_000;
    static final int MESSAGES_SHOWN = 20;

    private final Resources resources;
    private final ConsumerLag lag;
    private final DeadLetters deadLetters;
    private final Function<Resources.Consumer, RedriveTarget> targets;

    OperationsRoutes(
            Resources resources,
            ConsumerLag lag,
            DeadLetters deadLetters,
            Function<Resources.Consumer, RedriveTarget> targets) {
        this.resources = resources;
        this.lag = lag;
        this.deadLetters = deadLetters;
        this.targets = targets;
    }

    Router register(Router router) {
        return router.route("GET", CONSUMERS, this::consumers)
                .route("GET", DEAD_LETTERS, this::deadLetters)
                .route("POST", REDRIVE, this::redrive);
    }

    private HttpResponse consumers(HttpRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode consumers = body.putArray("consumers");
        for (LagView view : lag.all(LAG_SCAN_CAP, scanned -> {})) {
            ObjectNode consumer = consumers.addObject();
            consumer.put("consumer", view.consumer());
            consumer.put("context", view.context());
            consumer.put("streams", view.streams());
            consumer.put("streamsBehind", view.streamsBehind());
            consumer.put("eventsBehind", view.eventsBehind());
            consumer.put("oldestUnprocessed", text(view.oldestUnprocessed()));
            consumer.put("maxAgeMs", view.maxAgeMs());
            consumer.put("complete", view.complete());
            consumer.put(
                    "worst",
                    String.join(
                            ", ",
                            view.worst().stream()
                                    .map(s -> s.streamId() + " v" + s.checkpoint() + "/" + s.head())
                                    .toList()));
        }
        return HttpResponse.json(200, body);
    }

    private HttpResponse deadLetters(HttpRequest request) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode queues = body.putArray("queues");
        for (QueueView queue : deadLetters.list()) {
            ObjectNode node = queues.addObject();
            node.put("queue", queue.queue());
            node.put("feeds", queue.feeds());
            node.put("purpose", queue.purpose());
            node.put("approximateMessages", queue.messages());
            node.put("inFlight", queue.inFlight());
            ArrayNode messages = node.putArray("messages");
            if (queue.messages() > 0) {
                deadLetters.show(queue.queue(), MESSAGES_SHOWN).forEach(message -> messages.add(describe(message)));
            }
        }
        return HttpResponse.json(200, body);
    }

    private static ObjectNode describe(MessageView message) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("messageId", message.messageId());
        node.put("sentAt", text(message.sentAt()));
        node.put("receiveCount", message.receiveCount());
        node.put("kind", message.kind());
        node.put("summary", message.summary());
        ObjectNode record = node.putObject("record");
        switch (message.letter()) {
            case DeadLetter.Parked parked -> {
                node.put("error", parked.errorType() + ": " + parked.errorMessage());
                record.put("source", parked.source());
                record.put("reason", parked.reason());
                record.put("streamId", parked.streamId());
                record.put("version", parked.version());
                record.put("attempts", parked.attempts());
                record.put("firstFailedAt", text(parked.firstFailedAt()));
                record.put("parkedAt", text(parked.parkedAt()));
            }
            case DeadLetter.OnFailure failure -> {
                node.put("error", failure.condition() + " (" + failure.functionArn() + ")");
                record.put("streamArn", failure.streamArn());
                record.put("shardId", failure.shardId());
                record.put("startSequenceNumber", failure.startSequenceNumber());
                record.put("endSequenceNumber", failure.endSequenceNumber());
                record.put("batchSize", failure.batchSize());
                record.put("firstArrival", text(failure.firstArrival()));
                record.put("lastArrival", text(failure.lastArrival()));
            }
            case DeadLetter.Other other -> node.put("error", other.description());
        }
        return node;
    }

    private HttpResponse redrive(HttpRequest request) {
        String queue = request.pathParam("queue");
        if (!resources.deadLetterQueues().contains(queue)) {
            throw ProblemException.notFound(queue + " is not a dead-letter queue of this environment");
        }
        Optional<RedriveTarget> target = resources.consumerOfQueue(queue).map(targets);
        RedriveResult result;
        try {
            result = deadLetters.redrive(queue, target, message -> {});
        } catch (NotFoundException e) {
            throw ProblemException.notFound(e.getMessage());
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("queue", result.queue());
        body.put("target", result.target());
        body.put("redriven", result.count(Result.REDRIVEN));
        body.put("failed", result.count(Result.FAILED));
        body.put("notRedrivable", result.count(Result.NOT_REDRIVABLE));
        ArrayNode messages = body.putArray("messages");
        result.messages()
                .forEach(m -> messages.addObject()
                        .put("messageId", m.messageId())
                        .put("result", m.result().name())
                        .put("detail", m.detail()));
        return HttpResponse.json(200, body);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

package dev.eventline.shipping;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.EventJson;
import dev.eventline.lambda.events.QueueEvent;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Subscribes to {@code OrderShipped} (EventBridge rule to SQS) and records one shipping
 * notification per event, idempotently. A message that fails for any reason, malformed or a
 * DynamoDB error, is returned as a batch item failure so SQS redelivers it and, after the queue's
 * maxReceiveCount, moves it to the dead-letter queue: nothing is acknowledged without being recorded.
 *
 * <p>The Lambda runtime calls the stream entry point (it prefers it when a class implements both): the
 * batch and the partial batch response go through {@link EventJson}, not the runtime's serializer, so
 * the jar holds no Lambda events library. The typed entry point is what tests and the local runtime call.
 *
 * <p>Environment: {@code NOTIFICATIONS_TABLE}; optional {@code NOTIFICATION_RETENTION_DAYS} (TTL, default 90).
 */
public final class ShippingNotificationsHandler
        implements RequestHandler<QueueEvent, BatchResponse>, RequestStreamHandler {
    private final OrderShippedMessages messages = new OrderShippedMessages();
    private final NotificationLog notifications;
    private final Observability observability;

    /** Lambda's entry point. */
    public ShippingNotificationsHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    public ShippingNotificationsHandler(LambdaEnvironment env) {
        this(env, Clock.systemUTC());
    }

    private ShippingNotificationsHandler(LambdaEnvironment env, Clock clock) {
        this(
                new NotificationLog(
                        new AwsClients(env).dynamoDb(),
                        env.require("NOTIFICATIONS_TABLE"),
                        clock,
                        Duration.ofDays(env.intOr("NOTIFICATION_RETENTION_DAYS", 90))),
                Observability.fromEnvironment(env, clock));
    }

    ShippingNotificationsHandler(NotificationLog notifications, Observability observability) {
        this.notifications = notifications;
        this.observability = observability;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        QueueEvent event = EventJson.queueEvent(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write(EventJson.toJson(handleRequest(event, context)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public BatchResponse handleRequest(QueueEvent event, Context context) {
        List<String> failures = new ArrayList<>();
        int recorded = 0;
        int duplicates = 0;
        for (QueueEvent.Message message : event.records()) {
            switch (handle(message)) {
                case RECORDED -> recorded++;
                case DUPLICATE -> duplicates++;
                case FAILED -> failures.add(message.messageId());
            }
        }
        observability.metrics().count("NotificationsRecorded", recorded);
        observability.metrics().count("DuplicateDeliveries", duplicates);
        observability.metrics().count("NotificationFailures", failures.size());
        observability.metrics().flush();
        return BatchResponse.failed(failures);
    }

    private enum Outcome {
        RECORDED,
        DUPLICATE,
        FAILED
    }

    private Outcome handle(QueueEvent.Message message) {
        StructuredLogger log = observability
                .log()
                .with("messageId", message.messageId())
                .with("receiveCount", message.attribute("ApproximateReceiveCount"));
        try {
            ShippedOrder shipped = messages.read(message.body());
            log = log.with("correlationId", shipped.correlationId())
                    .with("eventId", shipped.eventId())
                    .with("orderId", shipped.orderId());
            boolean isNew = observability
                    .tracing()
                    .inSpan(
                            "RecordShippingNotification",
                            annotations(shipped),
                            List.of(Tracing.Link.to(shipped.traceparent(), Map.of("eventId", shipped.eventId()))),
                            () -> notifications.record(shipped));
            log.info(isNew ? "shipping notification recorded" : "duplicate delivery of an already notified shipment");
            return isNew ? Outcome.RECORDED : Outcome.DUPLICATE;
        } catch (MalformedMessageException e) {
            log.with("reason", e.getMessage())
                    .error("malformed message; left for redelivery and the dead-letter queue", null);
            return Outcome.FAILED;
        } catch (RuntimeException e) {
            log.error("could not record the shipping notification; left for redelivery", e);
            return Outcome.FAILED;
        }
    }

    private static Map<String, String> annotations(ShippedOrder shipped) {
        Map<String, String> annotations = new HashMap<>();
        annotations.put("correlationId", shipped.correlationId());
        annotations.put("causationId", shipped.causationId());
        annotations.put("eventId", shipped.eventId());
        annotations.put("orderId", shipped.orderId());
        return annotations;
    }
}

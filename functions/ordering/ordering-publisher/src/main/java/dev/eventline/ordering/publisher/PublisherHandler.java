package dev.eventline.ordering.publisher;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse.BatchItemFailure;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.streams.StreamRecords;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * DynamoDB Streams (events table, NEW_IMAGE) to the platform event bus: every new event becomes an
 * EventBridge entry with source {@value CloudEventEnvelope#SOURCE}, detail type = event type and a
 * CloudEvents envelope as detail. Nothing is lost: whatever could not be published is returned as
 * a batch item failure, so Lambda retries from there and finally parks it in the on-failure queue.
 * Payloads are published at the current version of their schema ({@link CurrentContract}).
 *
 * <p>Environment: {@code EVENT_BUS_NAME}.
 */
public final class PublisherHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final OrderedPublisher publisher;
    private final Observability observability;
    private final CurrentContract contract = new CurrentContract();

    /** Lambda's entry point. */
    public PublisherHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    public PublisherHandler(LambdaEnvironment env) {
        this(new AwsClients(env).eventBridge(), env.require("EVENT_BUS_NAME"), RetryPolicy.DEFAULT,
                Observability.fromEnvironment(env, Clock.systemUTC()));
    }

    /** For tests that wrap the client or shorten the backoff. */
    public PublisherHandler(EventBridgeClient eventBridge, String busName, RetryPolicy retryPolicy, Observability observability) {
        this.observability = observability;
        this.publisher = new OrderedPublisher(eventBridge, new EventBridgeEntries(busName, new CloudEventEnvelope()),
                retryPolicy, observability.log());
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        PublishOutcome outcome = publisher.publish(pending(event));
        EmfMetrics metrics = observability.metrics();
        metrics.count("EventsPublished", outcome.published());
        metrics.count("PublishRetries", outcome.retried());
        metrics.count("PublishFailures", outcome.failedSequenceNumbers().size());
        metrics.flush();
        return new StreamsEventResponse(outcome.failedSequenceNumbers().stream().map(BatchItemFailure::new).toList());
    }

    /** New events in batch order; modifications and removals are not events (the store never makes them). */
    private List<PendingEvent> pending(DynamodbEvent event) {
        List<PendingEvent> pending = new ArrayList<>();
        List<DynamodbStreamRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (DynamodbStreamRecord record : records) {
            if (!"INSERT".equals(record.getEventName())) {
                continue;
            }
            String sequenceNumber = StreamRecords.sequenceNumber(record);
            String streamId = StreamRecords.streamIdOf(record).orElse("");
            try {
                pending.add(new PendingEvent(pending.size(), sequenceNumber, streamId,
                        Optional.of(contract.lift(StreamRecords.toRecordedEvent(record)))));
            } catch (IllegalArgumentException e) {
                observability.log().with("sequenceNumber", sequenceNumber).with("streamId", streamId)
                        .error("stream record is not a publishable event; reported as a batch item failure", e);
                pending.add(new PendingEvent(pending.size(), sequenceNumber, streamId, Optional.empty()));
            }
        }
        return pending;
    }
}

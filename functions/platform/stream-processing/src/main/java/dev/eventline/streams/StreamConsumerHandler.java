package dev.eventline.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import java.util.Objects;

/**
 * The Lambda entry point of a stream consumer: a subclass only wires its consumer into a
 * {@link StreamConsumerRuntime} (once per container, in its constructor); every invocation and every
 * redrive goes through that runtime.
 */
public abstract class StreamConsumerHandler
        implements RequestHandler<DynamodbEvent, StreamsEventResponse>, StreamRedrive {
    private final StreamConsumerRuntime runtime;

    protected StreamConsumerHandler(StreamConsumerRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public final StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return runtime.process(event);
    }

    @Override
    public final SliceOutcome redrive(String streamId, long version) {
        return runtime.redrive(streamId, version);
    }
}

package dev.eventline.streams;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.EventJson;
import dev.eventline.lambda.events.StreamEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Lambda entry point of a stream consumer: a subclass only wires its consumer into a
 * {@link StreamConsumerRuntime} (once per container, in its constructor); every invocation and every
 * redrive goes through that runtime.
 *
 * <p>The Lambda runtime calls the stream entry point, which it prefers over {@link RequestHandler} when
 * a class implements both: the batch is read by {@link StreamRecordJson} and the partial batch response
 * written by {@link EventJson}, never by the runtime's serializer, so no Lambda events library is in the
 * jar. The typed entry point is what tests and the local runtime call.
 */
public abstract class StreamConsumerHandler
        implements RequestHandler<StreamEvent, BatchResponse>, RequestStreamHandler, StreamRedrive {
    private final StreamConsumerRuntime runtime;

    protected StreamConsumerHandler(StreamConsumerRuntime runtime) {
        this.runtime = Objects.requireNonNull(runtime, "runtime");
    }

    @Override
    public final BatchResponse handleRequest(StreamEvent event, Context context) {
        return runtime.process(event);
    }

    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        StreamEvent event = StreamRecordJson.readEvent(new String(input.readAllBytes(), StandardCharsets.UTF_8));
        output.write(EventJson.toJson(handleRequest(event, context)).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public final SliceOutcome redrive(String streamId, long version) {
        return runtime.redrive(streamId, version);
    }
}

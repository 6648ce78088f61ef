package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.StreamRedrive;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real projector (built by class name, as the runtime builds it) behind a failure switch the
 * test controls: a batch holding a record of a poisoned stream throws, as a projector bug would.
 * Events are immutable, so a poison that can later be "fixed" has to be on the handler's side;
 * the projector has no such switch of its own. Like every stream consumer it redrives by stream and
 * version (what the dead-letter redrive calls), behind the same switch.
 */
public final class SwitchableProjector implements RequestHandler<StreamEvent, BatchResponse>, StreamRedrive {
    static final String PROJECTOR = "dev.eventline.ordering.projector.ProjectionHandler";
    static final Set<String> POISONED_STREAMS = ConcurrentHashMap.newKeySet();

    private final RequestHandler<StreamEvent, BatchResponse> projector;

    @SuppressWarnings("unchecked")
    public SwitchableProjector(LambdaEnvironment env) throws ReflectiveOperationException {
        this.projector = (RequestHandler<StreamEvent, BatchResponse>)
                Class.forName(PROJECTOR).getConstructor(LambdaEnvironment.class).newInstance(env);
    }

    @Override
    public BatchResponse handleRequest(StreamEvent event, Context context) {
        event.records().forEach(record -> {
            String streamId = record.dynamodb().keys().get("streamId").s();
            if (POISONED_STREAMS.contains(streamId)) {
                throw new IllegalStateException("projector bug (switched on by the test) for " + streamId);
            }
        });
        return projector.handleRequest(event, context);
    }

    @Override
    public SliceOutcome redrive(String streamId, long version) {
        if (POISONED_STREAMS.contains(streamId)) {
            throw new IllegalStateException("projector bug (switched on by the test) for " + streamId);
        }
        return ((StreamRedrive) projector).redrive(streamId, version);
    }
}

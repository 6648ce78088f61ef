package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.QueueEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SQS function for testing the runtime: fails every message whose body contains "poison". */
public final class ScriptedQueueHandler implements RequestHandler<QueueEvent, BatchResponse> {
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    public ScriptedQueueHandler(LambdaEnvironment env) {}

    @Override
    public BatchResponse handleRequest(QueueEvent event, Context context) {
        List<String> failures = new ArrayList<>();
        for (QueueEvent.Message message : event.records()) {
            RECEIVED.add(message.body());
            if (message.body().contains("poison")) {
                failures.add(message.messageId());
            }
        }
        return BatchResponse.failed(failures);
    }
}

package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import dev.eventline.lambda.LambdaEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An SQS function for testing the runtime: fails every message whose body contains "poison". */
public final class ScriptedQueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final List<String> RECEIVED = new CopyOnWriteArrayList<>();

    public ScriptedQueueHandler(LambdaEnvironment env) {}

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSMessage message : event.getRecords()) {
            RECEIVED.add(message.getBody());
            if (message.getBody().contains("poison")) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}

package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.BatchResponse;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stream function for testing the runtime, built by the runtime like any handler (by class name,
 * with a {@link LambdaEnvironment}); its {@code SCRIPT} variable names the {@link Script} that says
 * what to do. Only records of the script's streams count; others (left in the shared table's stream
 * by earlier tests) are acknowledged.
 */
public final class ScriptedStreamHandler implements RequestHandler<StreamEvent, BatchResponse> {
    static final Map<String, Script> SCRIPTS = new ConcurrentHashMap<>();

    private final Script script;

    public ScriptedStreamHandler(LambdaEnvironment env) {
        this.script = SCRIPTS.get(env.require("SCRIPT"));
    }

    @Override
    public BatchResponse handleRequest(StreamEvent event, Context context) {
        return script.handle(event.records());
    }

    /** What the function does: throw on poison, report chosen records a number of times, record the rest. */
    static final class Script {
        final String streamPrefix;
        final Set<String> poison = ConcurrentHashMap.newKeySet();
        final Map<String, Integer> reportTimes = new ConcurrentHashMap<>();
        final List<List<String>> invocations = new CopyOnWriteArrayList<>();
        final List<String> processed = new CopyOnWriteArrayList<>();
        final Map<String, String> sequenceNumbers = new ConcurrentHashMap<>();

        Script(String streamPrefix) {
            this.streamPrefix = streamPrefix;
        }

        BatchResponse handle(List<ChangeRecord> records) {
            List<ChangeRecord> mine = records.stream()
                    .filter(r -> key(r).startsWith(streamPrefix))
                    .toList();
            if (mine.isEmpty()) {
                return BatchResponse.allDone();
            }
            mine.forEach(r -> sequenceNumbers.put(key(r), r.dynamodb().sequenceNumber()));
            invocations.add(mine.stream().map(Script::key).toList());
            if (mine.stream().anyMatch(r -> poison.contains(key(r)))) {
                throw new IllegalStateException("poison in batch");
            }
            List<String> done = new ArrayList<>();
            for (ChangeRecord record : mine) {
                if (reportTimes.getOrDefault(key(record), 0) > 0) {
                    reportTimes.merge(key(record), -1, Integer::sum);
                    processed.addAll(done);
                    return BatchResponse.failed(List.of(record.dynamodb().sequenceNumber()));
                }
                done.add(key(record));
            }
            processed.addAll(done);
            return BatchResponse.allDone();
        }

        static String key(ChangeRecord record) {
            return record.dynamodb().keys().get("streamId").s() + "/"
                    + record.dynamodb().keys().get("version").n();
        }
    }
}

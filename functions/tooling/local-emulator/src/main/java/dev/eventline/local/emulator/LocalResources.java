package dev.eventline.local.emulator;

import java.util.Map;
import java.util.Optional;

/**
 * What exists in the emulator after provisioning: the topology plus identifiers that only the
 * emulator knows (stream ARNs, queue URLs).
 */
public record LocalResources(
        Topology topology,
        Map<String, String> streamArnByTable,
        Map<String, String> queueUrlByName,
        Map<String, String> queueArnByName) {
    public LocalResources {
        streamArnByTable = Map.copyOf(streamArnByTable);
        queueUrlByName = Map.copyOf(queueUrlByName);
        queueArnByName = Map.copyOf(queueArnByName);
    }

    public String streamArn(String table) {
        return Optional.ofNullable(streamArnByTable.get(table))
                .orElseThrow(() -> new IllegalArgumentException("table " + table + " has no stream"));
    }

    public String queueUrl(String queue) {
        return Optional.ofNullable(queueUrlByName.get(queue))
                .orElseThrow(() -> new IllegalArgumentException("no queue named " + queue));
    }

    /** The environment variables Lambda would give this handler class, from the template. */
    public Map<String, String> environmentOf(Class<?> handlerClass) {
        return topology.functionByHandler(handlerClass)
                .orElseThrow(() -> new IllegalArgumentException(
                        "no function with handler " + handlerClass.getName() + " in the templates"))
                .environment();
    }
}

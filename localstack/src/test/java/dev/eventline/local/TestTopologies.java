package dev.eventline.local;

import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import dev.eventline.local.emulator.Topology.MappingSpec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator's provisioned resources (tables, streams, queues of the real templates) with test
 * functions and mappings in place of the template's, so the runtime's ESM semantics can be tested
 * on their own.
 */
final class TestTopologies {
    static final String EVENTS_TABLE = "eventline-dev-ordering-events";
    static final String STREAM_DLQ = "eventline-dev-ordering-projector-dlq";

    private TestTopologies() {}

    static LocalResources withFunctions(
            LocalResources provisioned, List<FunctionSpec> functions, List<MappingSpec> mappings) {
        Topology real = provisioned.topology();
        // the template's HTTP routes too: the functions dispatch on the route keys they give
        Topology topology = new Topology(
                real.tables(), real.queues(), real.buses(), real.rules(), functions, mappings, real.routes());
        return new LocalResources(
                topology, provisioned.streamArnByTable(), provisioned.queueUrlByName(), provisioned.queueArnByName());
    }

    static FunctionSpec function(String name, Class<?> handler, Map<String, String> environment) {
        return new FunctionSpec(name, name, handler.getName() + "::handleRequest", environment);
    }

    /**
     * From LATEST, so that a test sees only what it writes, with a batching window of one second so
     * that records written together arrive together.
     */
    static MappingSpec streamMapping(
            String function, int batchSize, boolean bisect, int maxRetries, int maxAgeSeconds) {
        return new MappingSpec(
                function + "Mapping",
                function,
                Optional.of(EVENTS_TABLE),
                Optional.empty(),
                batchSize,
                1,
                bisect,
                maxRetries,
                maxAgeSeconds,
                true,
                1,
                Optional.of(STREAM_DLQ),
                "LATEST");
    }

    static MappingSpec queueMapping(String function, String queue) {
        return new MappingSpec(
                function + "Mapping",
                function,
                Optional.empty(),
                Optional.of(queue),
                10,
                0,
                false,
                -1,
                -1,
                true,
                1,
                Optional.empty(),
                "TRIM_HORIZON");
    }

    /** The real template with the projector behind {@link SwitchableProjector}'s failure switch. */
    static LocalResources withSwitchableProjector(LocalResources resources) {
        Topology real = resources.topology();
        List<FunctionSpec> functions = real.functions().stream()
                .map(f -> f.handlerClass().equals(SwitchableProjector.PROJECTOR)
                        ? new FunctionSpec(
                                f.logicalId(),
                                f.functionName(),
                                SwitchableProjector.class.getName() + "::handleRequest",
                                f.environment())
                        : f)
                .toList();
        return new LocalResources(
                new Topology(
                        real.tables(),
                        real.queues(),
                        real.buses(),
                        real.rules(),
                        functions,
                        real.mappings(),
                        real.routes()),
                resources.streamArnByTable(),
                resources.queueUrlByName(),
                resources.queueArnByName());
    }
}

package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalFunctionsTest {
    private static final AwsEndpoint NO_AWS = new AwsEndpoint(URI.create("http://127.0.0.1:9"));

    private static Topology topologyOf(FunctionSpec... functions) {
        return new Topology(List.of(), List.of(), List.of(), List.of(), List.of(functions), List.of());
    }

    @Test
    void every_function_of_the_templates_is_started() {
        var functions = LocalFunctions.create(
                topologyOf(
                        TestTopologies.function("fn-a", EchoHttpHandler.class, Map.of()),
                        TestTopologies.function("fn-b", EchoHttpHandler.class, Map.of())),
                NO_AWS,
                Map.of(),
                Clock.systemUTC());

        assertThat(functions.all()).containsOnlyKeys("fn-a", "fn-b");
    }

    @Test
    void a_function_that_cannot_start_stops_the_start_and_is_named() {
        var missing = new FunctionSpec("fn-missing", "fn-missing", "dev.eventline.NotBuilt::handleRequest", Map.of());

        assertThatThrownBy(() -> LocalFunctions.create(
                        topologyOf(TestTopologies.function("fn-a", EchoHttpHandler.class, Map.of()), missing),
                        NO_AWS,
                        Map.of(),
                        Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("fn-missing")
                .hasMessageNotContaining("fn-a");
    }
}

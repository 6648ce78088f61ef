package dev.eventline.lambda.observability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.lambda.LambdaEnvironment;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingTest {

    @Test
    void outside_lambda_tracing_is_disabled_and_just_runs_the_work() {
        Tracing tracing = Tracing.fromEnvironment(new LambdaEnvironment(Map.of()));

        assertThat(tracing.isEnabled()).isFalse();
        assertThat(tracing.inSubsegment("Project", Map.of("correlationId", "c"), () -> 42))
                .isEqualTo(42);
    }

    @Test
    void enabled_without_a_segment_is_a_no_op_not_an_exception() {
        Tracing tracing = Tracing.enabled();
        Map<String, String> annotations = new HashMap<>();
        annotations.put("correlationId", "corr-1");
        annotations.put("originTraceId", null);
        annotations.put("not a valid key", "x");

        assertThat(tracing.inSubsegment("Project", annotations, () -> "done")).isEqualTo("done");
    }

    @Test
    void the_work_s_exception_is_rethrown_unchanged() {
        Tracing tracing = Tracing.enabled();
        IllegalStateException failure = new IllegalStateException("boom");

        assertThatThrownBy(() -> tracing.inSubsegment("Project", Map.of(), () -> {
                    throw failure;
                }))
                .isSameAs(failure);
    }
}

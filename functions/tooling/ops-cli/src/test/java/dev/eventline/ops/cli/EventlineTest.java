package dev.eventline.ops.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventlineTest {
    private static final Clock CLOCK = Clock.systemUTC();
    private static final Map<String, String> LOCAL = Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:4999");

    @Test
    void the_local_stack_is_the_default_target_and_its_endpoint_comes_from_the_environment() throws Exception {
        CliRun run = CliRun.run(CLOCK, LOCAL, "target", "--json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        var answer = new ObjectMapper().readTree(run.out());
        assertThat(answer.path("endpoint").asText()).isEqualTo("http://127.0.0.1:4999");
        assertThat(answer.path("prefix").asText()).isEqualTo("eventline-dev");
    }

    @Test
    void an_environment_takes_its_resource_names_from_the_infrastructure_naming() {
        CliRun run = CliRun.run(CLOCK, LOCAL, "--env", "prod", "target");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("AWS environment prod").contains("eventline-prod-*");
    }

    @Test
    void local_and_an_environment_together_are_a_usage_error() {
        CliRun run = CliRun.run(CLOCK, LOCAL, "target", "--local", "--env", "dev");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("exclude each other");
    }

    @Test
    void help_lists_the_exit_codes() {
        CliRun run = CliRun.run(CLOCK, LOCAL, "--help");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Exit codes:").contains("130  interrupted");
    }
}

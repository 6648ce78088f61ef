package dev.eventline.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.eventline.infrastructure.support.TestStacks;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class EventlineAppTest {

    @Test
    void context_comes_as_key_value_arguments_like_the_cdk_cli() {
        assertThat(EventlineApp.contextFromArguments(
                        new String[] {"-c", "env=prod", "--context", "jwtAudience=a,b", "region=eu-west-1"}))
                .containsExactly(
                        Map.entry("env", "prod"), Map.entry("jwtAudience", "a,b"), Map.entry("region", "eu-west-1"));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EventlineApp.contextFromArguments(new String[] {"prod"}))
                .withMessageContaining("key=value");
    }

    @Test
    void without_the_function_jars_the_app_refuses_to_synthesize_and_says_how_to_build_them(@TempDir Path emptyAssets) {
        var app = new App(AppProps.builder()
                .outdir(emptyAssets.resolve("out").toString())
                .context(Map.of("env", "dev", "eventline.assets", emptyAssets.toString()))
                .build());
        assertThatIllegalStateException()
                .isThrownBy(() -> EventlineApp.define(app, Map.of()))
                .withMessageContaining("Lambda deployment package(s) missing")
                .withMessageContaining(emptyAssets
                        .resolve("ordering-command-api-0.1.0-SNAPSHOT-lambda.jar")
                        .toString());
    }

    @Test
    void placeholder_jars_are_enough_for_the_tests() {
        assertThat(TestStacks.placeholderAssets().requireAll()).isNotNull();
    }
}

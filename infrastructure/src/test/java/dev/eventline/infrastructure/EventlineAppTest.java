package dev.eventline.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.nio.file.Path;
import java.util.Map;

import dev.eventline.infrastructure.support.TestStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;

class EventlineAppTest {

    @Test
    void contextComesAsKeyValueArgumentsLikeTheCdkCli() {
        assertThat(EventlineApp.contextFromArguments(new String[] {"-c", "env=prod", "--context", "jwtAudience=a,b", "region=eu-west-1"}))
                .containsExactly(Map.entry("env", "prod"), Map.entry("jwtAudience", "a,b"), Map.entry("region", "eu-west-1"));
        assertThatIllegalArgumentException().isThrownBy(() -> EventlineApp.contextFromArguments(new String[] {"prod"}))
                .withMessageContaining("key=value");
    }

    @Test
    void withoutTheFunctionJarsTheAppRefusesToSynthesizeAndSaysHowToBuildThem(@TempDir Path emptyAssets) {
        var app = new App(AppProps.builder()
                .outdir(emptyAssets.resolve("out").toString())
                .context(Map.of("env", "dev", "eventline.assets", emptyAssets.toString()))
                .build());
        assertThatIllegalStateException().isThrownBy(() -> EventlineApp.define(app, Map.of()))
                .withMessageContaining("Lambda deployment package(s) missing")
                .withMessageContaining(emptyAssets.resolve("ordering-command-api-0.1.0-SNAPSHOT-lambda.jar").toString());
    }

    @Test
    void placeholderJarsAreEnoughForTheTests() {
        assertThat(TestStacks.placeholderAssets().requireAll()).isNotNull();
    }
}

package dev.eventline.infrastructure.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.eventline.infrastructure.config.FunctionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionAssetsTest {

    @Test
    void theDefaultPackageIsTheShadedJarMavenBuilds(@TempDir Path root) {
        var assets = FunctionAssets.builtBy(root);
        assertThat(assets.jar(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER)).isEqualTo(
                root.resolve("functions/accounts/snapshot-chaser/target/snapshot-chaser-" + FunctionAssets.buildVersion() + "-lambda.jar"));
        assertThat(FunctionAssets.buildVersion()).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void missingJarsAreNamedWithTheCommandThatBuildsThem(@TempDir Path root) throws IOException {
        var present = FunctionAssets.builtBy(root).jar(FunctionSpec.ORDERING_PUBLISHER);
        Files.createDirectories(present.getParent());
        Files.writeString(present, "jar");
        assertThatIllegalStateException().isThrownBy(() -> FunctionAssets.builtBy(root).requireAll())
                .withMessageContaining("functions/ordering/ordering-command-api/target/ordering-command-api-0.1.0-SNAPSHOT-lambda.jar")
                .withMessageContaining("mvn -B -DskipTests -pl functions/ordering/ordering-command-api,")
                .withMessageContaining("-am package")
                .withMessageContaining("eventline.assets")
                .withMessageNotContaining("ordering-publisher-0.1.0-SNAPSHOT-lambda.jar");
    }

    @Test
    void placeholderJarsSatisfyTheCheck(@TempDir Path directory) {
        var assets = PlaceholderAssets.createIn(directory);
        assertThat(assets.requireAll()).isSameAs(assets);
        assertThat(assets.jar(FunctionSpec.ORDERING_PROJECTOR)).hasParent(directory).isRegularFile();
    }

    @Test
    void theRepositoryRootIsFoundFromAnyDirectoryInsideIt(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("functions"));
        Files.createDirectories(root.resolve("infrastructure/src"));
        assertThat(RepositoryRoot.locate(Optional.of(root.resolve("infrastructure/src").toString()))).isEqualTo(root);
        assertThat(RepositoryRoot.locate(Optional.of(root.toString()))).isEqualTo(root);
    }
}

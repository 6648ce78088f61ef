package dev.eventline.infrastructure.assets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.eventline.infrastructure.config.FunctionSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FunctionAssetsTest {

    @Test
    void the_default_package_is_the_shaded_jar_maven_builds(@TempDir Path root) {
        var assets = FunctionAssets.builtBy(root);
        assertThat(assets.jar(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER))
                .isEqualTo(root.resolve("functions/accounts/snapshot-chaser/target/snapshot-chaser-"
                        + FunctionAssets.buildVersion() + "-lambda.jar"));
        assertThat(FunctionAssets.buildVersion()).isEqualTo("0.1.0-SNAPSHOT");
    }

    @Test
    void missing_jars_are_named_with_the_command_that_builds_them(@TempDir Path root) throws IOException {
        var present = FunctionAssets.builtBy(root).jar(FunctionSpec.ORDERING_PUBLISHER);
        Files.createDirectories(present.getParent());
        Files.writeString(present, "jar");
        assertThatIllegalStateException()
                .isThrownBy(() -> FunctionAssets.builtBy(root).requireAll())
                .withMessageContaining(
                        "functions/ordering/ordering-command-api/target/ordering-command-api-0.1.0-SNAPSHOT-lambda.jar")
                .withMessageContaining("mvn -B -DskipTests -pl functions/ordering/ordering-command-api,")
                .withMessageContaining("-am package")
                .withMessageContaining("eventline.assets")
                .withMessageNotContaining("ordering-publisher-0.1.0-SNAPSHOT-lambda.jar");
    }

    @Test
    void placeholder_jars_satisfy_the_check(@TempDir Path directory) {
        var assets = PlaceholderAssets.createIn(directory);
        assertThat(assets.requireAll()).isSameAs(assets);
        assertThat(assets.jar(FunctionSpec.ORDERING_PROJECTOR))
                .hasParent(directory)
                .isRegularFile();
    }

    @Test
    void the_repository_root_is_found_from_any_directory_inside_it(@TempDir Path root) throws IOException {
        Files.createDirectories(root.resolve("functions"));
        Files.createDirectories(root.resolve("infrastructure/src"));
        assertThat(RepositoryRoot.locate(
                        Optional.of(root.resolve("infrastructure/src").toString())))
                .isEqualTo(root);
        assertThat(RepositoryRoot.locate(Optional.of(root.toString()))).isEqualTo(root);
    }
}

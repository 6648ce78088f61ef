package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.local.emulator.MotoServer;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The documents are the contract: schemathesis (pinned in {@code localstack/requirements.txt})
 * generates requests from each OpenAPI document, valid ones and invalid ones, sends them to the
 * local stack as {@code make up} runs it, and checks every answer against the document with all its
 * checks (status, content type, headers, body schema, 405 for an undocumented method, invalid
 * input refused, valid input accepted...). Settings, seed and bounds: {@code localstack/schemathesis.toml}.
 */
@WithEmulator
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiConformanceTest {
    /** Per document, a bound rather than an estimate: the three together take under a minute on two cores. */
    private static final Duration TIME_LIMIT = Duration.ofSeconds(150);

    private final Path root = ProjectLayout.root();
    private LocalRuntime runtime;

    @BeforeAll
    void start(Emulator emulator) {
        runtime = LocalRuntime.start(
                emulator.resources(),
                emulator.endpoint(),
                RuntimeSettings.FAST,
                Optional.of(0),
                Map.of(),
                Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ordering-commands.json", "ordering-queries.json", "accounts.json"})
    void the_local_stack_answers_as_the_document_says(String document) throws IOException, InterruptedException {
        Path schemathesis = MotoServer.ensureVirtualenv(root).resolveSibling("schemathesis");
        Path reports = root.resolve("localstack/target/schemathesis");
        Path output = reports.resolve(document.replace(".json", ".txt"));
        Files.createDirectories(reports);
        ProcessBuilder command = new ProcessBuilder(List.of(
                        schemathesis.toString(),
                        "--config-file",
                        "localstack/schemathesis.toml",
                        "run",
                        "docs/openapi/" + document,
                        "--url",
                        runtime.httpUri().toString(),
                        "--checks",
                        "all",
                        // staff may call every route, so generated requests reach the functions; the
                        // ignored_auth check still sends them without it and expects the 401
                        "--header",
                        "Authorization: " + Callers.staff(Clock.systemUTC()),
                        "--no-color"))
                .directory(root.toFile()) // as by hand: the configuration names its hooks file from the root
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        // Hypothesis' own cache (it writes one even without an example database) stays out of the worktree
        command.environment()
                .put(
                        "HYPOTHESIS_STORAGE_DIRECTORY",
                        reports.resolve("hypothesis").toString());
        // The tool's clock is not under test: under `make test-future` (libfaketime, inherited through
        // LD_PRELOAD) Hypothesis' stateful phase never ends, so schemathesis runs on the real clock while
        // the local stack it calls keeps the moved one.
        command.environment().keySet().removeIf(name -> name.equals("LD_PRELOAD") || name.startsWith("FAKETIME"));
        Process run = command.start();

        boolean finished = run.waitFor(TIME_LIMIT.toSeconds(), TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }

        String report = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(finished)
                .as("schemathesis finished within %s:%n%s", TIME_LIMIT, report)
                .isTrue();
        assertThat(run.exitValue())
                .as("schemathesis on %s:%n%s", document, report)
                .isZero();
    }
}

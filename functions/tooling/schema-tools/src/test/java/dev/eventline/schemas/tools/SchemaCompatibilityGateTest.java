package dev.eventline.schemas.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.schemas.KnownContexts;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The build's compatibility gate over the committed {@code schemas/}: fails when a published schema version
 * was edited, when a new version is not locked, or when a breaking change has no upcaster. Each failure
 * message says what to do; docs/schemas.md explains the workflow.
 */
class SchemaCompatibilityGateTest {

    @Test
    void committed_schemas_pass_the_gate() {
        List<String> violations =
                SchemaGate.violations(RepositoryRoot.find().resolve("schemas"), KnownContexts.UPCASTERS);

        assertThat(violations)
                .as("schema compatibility gate:%n  %s", String.join("\n  ", violations))
                .isEmpty();
    }
}

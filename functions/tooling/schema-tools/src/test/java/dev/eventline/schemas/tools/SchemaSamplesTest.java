package dev.eventline.schemas.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.KnownContexts;
import dev.eventline.schemas.tools.SchemaSamples.Sample;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Golden samples: every shape ever stored validates at its own version and, lifted, at the latest one. */
class SchemaSamplesTest {

    private static final Path ROOT = RepositoryRoot.find();

    static Stream<Sample> samples() {
        return KnownContexts.UPCASTERS.keySet().stream()
                .sorted()
                .flatMap(context -> SchemaSamples.of(ROOT, context).stream());
    }

    static Stream<Sample> oldVersionSamples() {
        return samples().filter(sample -> sample.version() < schemas(sample).currentVersion(sample.type()));
    }

    private static EventSchemas schemas(Sample sample) {
        return KnownContexts.schemas(sample.context());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void every_sample_validates_against_its_own_version(Sample sample) {
        assertThatCode(() -> schemas(sample).validate(sample.type(), sample.version(), sample.payload()))
                .doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oldVersionSamples")
    void every_old_version_sample_upcasts_to_a_payload_valid_against_the_latest_schema(Sample sample) {
        EventSchemas schemas = schemas(sample);

        JsonNode current = schemas.upcast(sample.type(), sample.version(), sample.payload());

        assertThatCode(() -> schemas.validate(sample.type(), schemas.currentVersion(sample.type()), current))
                .doesNotThrowAnyException();
    }

    @Test
    void every_type_and_version_has_at_least_one_sample() {
        for (String context : KnownContexts.UPCASTERS.keySet()) {
            EventSchemas schemas = KnownContexts.schemas(context);
            Set<String> expected = new TreeSet<>();
            schemas.types()
                    .forEach(type -> schemas.versions(type).forEach(version -> expected.add(type + "/v" + version)));
            List<Sample> samples = SchemaSamples.of(ROOT, context);
            Set<String> covered = new TreeSet<>();
            samples.forEach(sample -> covered.add(sample.type() + "/v" + sample.version()));

            assertThat(covered).as("events-samples/schemas/%s", context).isEqualTo(expected);
        }
    }

    @Test
    void there_are_old_version_samples_so_the_upcast_golden_test_is_not_vacuous() {
        assertThat(oldVersionSamples().map(Sample::toString))
                .contains(
                        "ordering/OrderPlaced/v1",
                        "ordering/OrderPlaced/v1.jpy",
                        "ordering/ItemAdded/v1",
                        "ordering/OrderShipped/v1");
    }
}

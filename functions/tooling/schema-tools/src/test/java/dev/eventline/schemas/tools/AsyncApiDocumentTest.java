package dev.eventline.schemas.tools;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.eventline.schemas.SchemaCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AsyncApiDocumentTest {

    private static final Path ROOT = RepositoryRoot.find();

    @Test
    void committed_document_is_up_to_date_with_the_schemas() throws IOException {
        String fresh = AsyncApiGenerator.generate(ROOT.resolve("schemas"));
        String committed = Files.readString(ROOT.resolve(AsyncApiGenerator.OUTPUT), StandardCharsets.UTF_8);

        assertThat(committed.equals(fresh))
                .as(
                        "docs/asyncapi.yaml is stale (first difference at line %d): run `make docs` "
                                + "(mvn -B -q -pl functions/tooling/schema-tools exec:java@asyncapi) and commit it",
                        firstDifference(committed, fresh))
                .isTrue();
    }

    private static int firstDifference(String a, String b) {
        String[] left = a.split("\n", -1);
        String[] right = b.split("\n", -1);
        int line = 0;
        while (line < left.length && line < right.length && left[line].equals(right[line])) {
            line++;
        }
        return line + 1;
    }

    @Test
    void generation_is_deterministic() {
        assertThat(AsyncApiGenerator.generate(ROOT.resolve("schemas")))
                .isEqualTo(AsyncApiGenerator.generate(ROOT.resolve("schemas")));
    }

    @Test
    void the_yaml_reads_back_as_exactly_the_model() throws IOException {
        JsonNode model = AsyncApiGenerator.document(catalogs());

        JsonNode parsed = new YAMLMapper().readTree(AsyncApiGenerator.generate(ROOT.resolve("schemas")));

        assertThat(parsed).isEqualTo(model);
    }

    @Test
    void describes_every_ordering_event_at_its_latest_version_in_a_cloud_events_envelope() {
        JsonNode doc = AsyncApiGenerator.document(catalogs());
        SchemaCatalog ordering = catalogs().getFirst();

        assertThat(doc.get("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(doc.at("/channels/eventlineBus/address").asText()).isEqualTo("eventline-{env}");
        assertThat(doc.at("/operations/publishOrderingEvents/action").asText()).isEqualTo("send");
        for (String type : ordering.types()) {
            int latest = ordering.latestVersion(type);
            assertThat(doc.at("/channels/eventlineBus/messages/" + type + "/$ref")
                            .asText())
                    .isEqualTo("#/components/messages/" + type);
            JsonNode envelope = doc.at("/components/schemas/" + type + "Envelope");
            assertThat(envelope.at("/properties/source/enum/0").asText()).isEqualTo("eventline.ordering");
            assertThat(envelope.at("/properties/type/enum/0").asText()).isEqualTo(type);
            assertThat(envelope.at("/properties/data/$ref").asText())
                    .isEqualTo("#/components/schemas/" + type + "V" + latest);
            assertThat(envelope.get("required"))
                    .extracting(JsonNode::asText)
                    .contains(
                            "id",
                            "source",
                            "type",
                            "subject",
                            "time",
                            "sequence",
                            "datacontenttype",
                            "data",
                            "correlationid",
                            "causationid");
            JsonNode data = doc.at("/components/schemas/" + type + "V" + latest);
            assertThat(data.get("properties"))
                    .isEqualTo(ordering.schema(type, latest).get("properties"));
        }
        assertThat(doc.at("/components/schemas/OrderShippedV2/properties/trackingNumber")
                        .isMissingNode())
                .isFalse();
    }

    @Test
    void accounts_events_are_not_published() {
        assertThat(AsyncApiGenerator.document(catalogs())
                        .at("/components/messages/AccountOpened")
                        .isMissingNode())
                .isTrue();
    }

    private static List<SchemaCatalog> catalogs() {
        return AsyncApiGenerator.PUBLISHED_CONTEXTS.stream()
                .map(context -> SchemaCatalog.fromDirectory(ROOT.resolve("schemas"), context))
                .toList();
    }
}

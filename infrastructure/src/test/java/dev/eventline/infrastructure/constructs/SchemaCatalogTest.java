package dev.eventline.infrastructure.constructs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaCatalogTest {

    @Test
    void picks_the_highest_version_numerically_and_ignores_other_files(@TempDir Path schemas) throws IOException {
        for (String file : new String[] {
            "ordering/OrderPlaced/v2.schema.json",
            "ordering/OrderPlaced/v10.schema.json",
            "ordering/OrderPlaced/README.md",
            "ordering/ItemAdded/v1.schema.json",
            "accounts/AccountOpened/v3.schema.json"
        }) {
            Path path = schemas.resolve(file);
            Files.createDirectories(path.getParent());
            Files.writeString(path, "{}");
        }
        assertThat(SchemaCatalog.latestIn(schemas))
                .extracting(schema -> schema.schemaName() + " v" + schema.version())
                .containsExactly(
                        "eventline.accounts@AccountOpened v3",
                        "eventline.ordering@ItemAdded v1",
                        "eventline.ordering@OrderPlaced v10");
    }

    @Test
    void no_folder_no_schemas(@TempDir Path root) {
        assertThat(SchemaCatalog.latestIn(root.resolve("schemas"))).isEmpty();
        assertThat(SchemaCatalog.latestIn(root)).isEmpty();
    }
}

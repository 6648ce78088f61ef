package dev.eventline.infrastructure.constructs;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.services.eventschemas.CfnRegistry;
import software.amazon.awscdk.services.eventschemas.CfnRegistryProps;
import software.amazon.awscdk.services.eventschemas.CfnSchema;
import software.amazon.awscdk.services.eventschemas.CfnSchemaProps;
import software.constructs.Construct;

/**
 * An EventBridge schema registry holding the latest JSON Schema (draft 4) of every event type
 * found in the repository's {@code schemas/} folder, so consumers can discover and generate
 * bindings for the events on the bus.
 */
public final class EventSchemaRegistry extends Construct {

    public static final String SCHEMA_TYPE = "JSONSchemaDraft4";

    private final CfnRegistry registry;
    private final List<SchemaCatalog.LatestSchema> schemas;

    public EventSchemaRegistry(Construct scope, String id, Props props) {
        super(scope, id);
        this.registry = new CfnRegistry(
                this,
                "Registry",
                CfnRegistryProps.builder()
                        .registryName(props.registryName())
                        .description("Eventline integration event schemas (latest version of each event type)")
                        .build());
        this.schemas = SchemaCatalog.latestIn(props.schemasDirectory());
        for (SchemaCatalog.LatestSchema schema : schemas) {
            var resource = new CfnSchema(
                    this,
                    schema.context() + "-" + schema.eventType(),
                    CfnSchemaProps.builder()
                            .registryName(props.registryName())
                            .schemaName(schema.schemaName())
                            .type(SCHEMA_TYPE)
                            .description(schema.eventType() + " v" + schema.version() + " of " + schema.context())
                            .content(schema.content())
                            .build());
            resource.addResourceDependency(registry);
        }
    }

    public List<SchemaCatalog.LatestSchema> schemas() {
        return schemas;
    }

    /**
     * @param registryName     physical registry name (required)
     * @param schemasDirectory the {@code schemas/} folder; absent or empty means no schemas (required)
     */
    public record Props(String registryName, Path schemasDirectory) {
        public Props {
            Objects.requireNonNull(registryName, "registryName");
            Objects.requireNonNull(schemasDirectory, "schemasDirectory");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String registryName;
            private Path schemasDirectory;

            public Builder registryName(String registryName) {
                this.registryName = registryName;
                return this;
            }

            public Builder schemasDirectory(Path schemasDirectory) {
                this.schemasDirectory = schemasDirectory;
                return this;
            }

            public Props build() {
                return new Props(registryName, schemasDirectory);
            }
        }
    }
}

package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.AlarmTopic;
import dev.eventline.infrastructure.constructs.ContextEncryption;
import dev.eventline.infrastructure.constructs.EventSchemaRegistry;
import dev.eventline.infrastructure.constructs.PlatformEventBus;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/** What every context shares: the event bus and its archive, the schema registry, the alarm topic. */
public final class PlatformStack extends Stack {

    private final PlatformEventBus eventBus;
    private final EventSchemaRegistry schemaRegistry;
    private final AlarmTopic alarmTopic;

    public PlatformStack(Construct scope, String id, Deployment deployment) {
        super(scope, id, deployment.stackProps("Eventline platform: event bus, archive, schema registry, alarm topic"));
        ResourceNames names = deployment.names();
        // the archive keeps every published event for up to a year: under the platform's own key in staging and prod
        var archiveKey = deployment.config().customerManagedKeys()
                ? new ContextEncryption(
                                this,
                                "Encryption",
                                new ContextEncryption.Props(
                                        "platform",
                                        names.contextKeyAlias("platform"),
                                        deployment.config().removalPolicy()))
                        .key()
                : null;
        this.eventBus = new PlatformEventBus(
                this,
                "EventBus",
                PlatformEventBus.Props.builder()
                        .busName(names.eventBus())
                        .archiveName(names.eventArchive())
                        .archiveRetention(deployment.config().archiveRetention())
                        .archiveKey(archiveKey)
                        .build());
        this.schemaRegistry = new EventSchemaRegistry(
                this,
                "SchemaRegistry",
                EventSchemaRegistry.Props.builder()
                        .registryName(names.schemaRegistry())
                        .schemasDirectory(deployment.schemasDirectory())
                        .build());
        this.alarmTopic = new AlarmTopic(
                this,
                "Alarms",
                AlarmTopic.Props.builder()
                        .topicName(names.alarmTopic())
                        .keyAlias(names.alarmTopicKeyAlias())
                        .removalPolicy(deployment.config().removalPolicy())
                        .build());
    }

    public PlatformEventBus eventBus() {
        return eventBus;
    }

    public EventSchemaRegistry schemaRegistry() {
        return schemaRegistry;
    }

    public AlarmTopic alarmTopic() {
        return alarmTopic;
    }
}

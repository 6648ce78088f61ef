package dev.eventline.bench;

import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalConsistencyKeys;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.local.emulator.Provisioner;
import dev.eventline.local.emulator.TemplateReader;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The templates' resources in a benchmark's moto, as {@code make up} provisions them: tables,
 * queues, bus, KMS keys and each API's consistency-token key (the APIs read it when they are
 * built, as on AWS, so a benchmark that left it out would measure a cold start that fails).
 */
final class BenchStack {
    private BenchStack() {}

    static LocalResources provision(AwsEndpoint endpoint) {
        LocalResources resources = new Provisioner(
                        endpoint.dynamoDb(), endpoint.sqs(), endpoint.eventBridge(), endpoint.kms())
                .provision(TemplateReader.read(ProjectLayout.templates()));
        try (SsmClient ssm = endpoint.ssm()) {
            LocalConsistencyKeys.provision(ssm, resources.topology());
        }
        return resources;
    }
}

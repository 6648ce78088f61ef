package dev.eventline.local.emulator;

import dev.eventline.local.emulator.Topology.IndexSpec;
import dev.eventline.local.emulator.Topology.KeyAttribute;
import dev.eventline.local.emulator.Topology.QueueSpec;
import dev.eventline.local.emulator.Topology.RuleSpec;
import dev.eventline.local.emulator.Topology.TableSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the resources of a {@link Topology} in an emulator (moto, LocalStack) and can tear them
 * down again. Event source mappings are deliberately not created: moto without Docker would consume
 * and wipe the stream buffer; the local event-source runtime plays Lambda's part instead.
 */
public final class Provisioner {
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final EventBridgeClient eventBridge;
    private final KmsClient kms;

    /** Without KMS: the topology's key aliases are not created (callers that seal no personal data). */
    public Provisioner(DynamoDbClient dynamoDb, SqsClient sqs, EventBridgeClient eventBridge) {
        this(dynamoDb, sqs, eventBridge, null);
    }

    public Provisioner(DynamoDbClient dynamoDb, SqsClient sqs, EventBridgeClient eventBridge, KmsClient kms) {
        this.dynamoDb = dynamoDb;
        this.sqs = sqs;
        this.eventBridge = eventBridge;
        this.kms = kms;
    }

    public LocalResources provision(Topology topology) {
        Map<String, String> streamArns = new LinkedHashMap<>();
        for (TableSpec table : topology.tables()) {
            createTable(table).ifPresent(arn -> streamArns.put(table.name(), arn));
        }
        Map<String, String> queueUrls = new LinkedHashMap<>();
        Map<String, String> queueArns = new HashMap<>();
        // dead-letter queues first, so redrive policies can point at them
        List<QueueSpec> ordered = new ArrayList<>(topology.queues());
        ordered.sort(Comparator.comparing(q -> q.redrive().isPresent()));
        for (QueueSpec queue : ordered) {
            Map<QueueAttributeName, String> attributes = new HashMap<>();
            queue.visibilityTimeoutSeconds()
                    .ifPresent(v -> attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, v.toString()));
            queue.messageRetentionSeconds()
                    .ifPresent(v -> attributes.put(QueueAttributeName.MESSAGE_RETENTION_PERIOD, v.toString()));
            if (queue.fifo()) {
                attributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            }
            queue.redrive()
                    .ifPresent(r -> attributes.put(
                            QueueAttributeName.REDRIVE_POLICY,
                            "{\"deadLetterTargetArn\":\"" + queueArns.get(r.deadLetterQueueName())
                                    + "\",\"maxReceiveCount\":\"" + r.maxReceiveCount() + "\"}"));
            String url = sqs.createQueue(b -> b.queueName(queue.name()).attributes(attributes))
                    .queueUrl();
            queueUrls.put(queue.name(), url);
            queueArns.put(
                    queue.name(),
                    sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                            .attributes()
                            .get(QueueAttributeName.QUEUE_ARN));
        }
        for (var bus : topology.buses()) {
            String busArn = eventBridge.createEventBus(b -> b.name(bus.name())).eventBusArn();
            // no pattern: every event the bus receives, as the template's (its pattern is only "this account")
            bus.archives()
                    .forEach(archive -> eventBridge.createArchive(
                            b -> b.archiveName(archive).eventSourceArn(busArn)));
        }
        for (RuleSpec rule : topology.rules()) {
            eventBridge.putRule(
                    b -> b.name(rule.name()).eventBusName(rule.busName()).eventPattern(rule.eventPattern()));
            List<Target> targets = new ArrayList<>();
            for (String queue : rule.targetQueueNames()) {
                targets.add(Target.builder().id(queue).arn(queueArns.get(queue)).build());
            }
            if (!targets.isEmpty()) {
                eventBridge.putTargets(
                        b -> b.rule(rule.name()).eventBusName(rule.busName()).targets(targets));
            }
        }
        if (kms != null) {
            topology.keyAliases().forEach(this::createKey);
        }
        return new LocalResources(topology, streamArns, queueUrls, queueArns);
    }

    /**
     * A customer-managed key behind each alias the templates define; the functions address keys by
     * alias, so locally as in AWS nothing else names them. An alias that survived a reset keeps its key.
     */
    private void createKey(String alias) {
        boolean exists =
                kms.listAliases().aliases().stream().anyMatch(a -> a.aliasName().equals(alias));
        if (!exists) {
            String keyId = kms.createKey(b -> b.description("local " + alias))
                    .keyMetadata()
                    .keyId();
            kms.createAlias(b -> b.aliasName(alias).targetKeyId(keyId));
        }
    }

    /** Deletes what {@link #provision} created; for emulators without a reset API (LocalStack). */
    public void teardown(Topology topology) {
        for (RuleSpec rule : topology.rules()) {
            ignoreMissing(() -> {
                List<String> ids = rule.targetQueueNames();
                if (!ids.isEmpty()) {
                    eventBridge.removeTargets(b ->
                            b.rule(rule.name()).eventBusName(rule.busName()).ids(ids));
                }
                eventBridge.deleteRule(b -> b.name(rule.name()).eventBusName(rule.busName()));
            });
        }
        topology.buses()
                .forEach(bus -> bus.archives()
                        .forEach(archive ->
                                ignoreMissing(() -> eventBridge.deleteArchive(b -> b.archiveName(archive)))));
        topology.buses().forEach(bus -> ignoreMissing(() -> eventBridge.deleteEventBus(b -> b.name(bus.name()))));
        topology.queues()
                .forEach(q -> ignoreMissing(() -> sqs.deleteQueue(b ->
                        b.queueUrl(sqs.getQueueUrl(g -> g.queueName(q.name())).queueUrl()))));
        topology.tables().forEach(t -> ignoreMissing(() -> dynamoDb.deleteTable(b -> b.tableName(t.name()))));
    }

    private Optional<String> createTable(TableSpec table) {
        Map<String, String> attributes = new LinkedHashMap<>();
        List<KeySchemaElement> keys = keySchema(table.partitionKey(), table.sortKey(), attributes);
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        for (IndexSpec index : table.globalSecondaryIndexes()) {
            indexes.add(GlobalSecondaryIndex.builder()
                    .indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey(), attributes))
                    .projection(Projection.builder()
                            .projectionType(ProjectionType.fromValue(index.projectionType()))
                            .build())
                    .build());
        }
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table.name())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(keys)
                .attributeDefinitions(attributes.entrySet().stream()
                        .map(e -> AttributeDefinition.builder()
                                .attributeName(e.getKey())
                                .attributeType(e.getValue())
                                .build())
                        .toList());
        if (!indexes.isEmpty()) {
            request.globalSecondaryIndexes(indexes);
        }
        table.streamViewType()
                .ifPresent(view -> request.streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true)
                        .streamViewType(StreamViewType.fromValue(view))
                        .build()));
        String streamArn =
                dynamoDb.createTable(request.build()).tableDescription().latestStreamArn();
        table.ttlAttribute()
                .ifPresent(attribute -> dynamoDb.updateTimeToLive(b -> b.tableName(table.name())
                        .timeToLiveSpecification(t -> t.enabled(true).attributeName(attribute))));
        return Optional.ofNullable(streamArn);
    }

    private static List<KeySchemaElement> keySchema(
            KeyAttribute partition, Optional<KeyAttribute> sort, Map<String, String> attributes) {
        List<KeySchemaElement> keys = new ArrayList<>();
        keys.add(KeySchemaElement.builder()
                .attributeName(partition.name())
                .keyType(KeyType.HASH)
                .build());
        attributes.put(partition.name(), partition.type());
        sort.ifPresent(s -> {
            keys.add(KeySchemaElement.builder()
                    .attributeName(s.name())
                    .keyType(KeyType.RANGE)
                    .build());
            attributes.put(s.name(), s.type());
        });
        return keys;
    }

    private static void ignoreMissing(Runnable action) {
        try {
            action.run();
        } catch (ResourceNotFoundException
                | software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException
                | software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
            // already gone: teardown is idempotent
        }
    }
}

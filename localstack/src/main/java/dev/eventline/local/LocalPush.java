package dev.eventline.local;

import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.JwtAuthorizer;
import dev.eventline.local.emulator.LocalIssuer;
import dev.eventline.local.emulator.LocalTokens;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import dev.eventline.streams.push.Subscriptions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The server push of the local stack: the connections table, the push function and
 * {@link LocalPushGateway}, and the variables that turn the ordering projector's notifier on.
 *
 * <p>The templates do not deploy the WebSocket API yet, so the push function and its table are
 * defined here under the names the deployed ones will have; a template that has the table already
 * provisioned it, and it is used as it is.
 */
final class LocalPush {
    static final String FUNCTION_NAME = "eventline-dev-ordering-push";
    static final String CONNECTIONS_TABLE = "eventline-dev-ordering-push-connections";
    private static final String PUSH_HANDLER = "dev.eventline.ordering.push.PushHandler::handleRequest";
    private static final String PROJECTOR_HANDLER = "dev.eventline.ordering.projector.ProjectionHandler";

    private LocalPush() {}

    /** The gateway, or empty (logged) when the template has no ordering projector or the push function is not built. */
    static Optional<LocalPushGateway> start(Topology topology, AwsEndpoint endpoint, Clock clock) {
        Optional<FunctionSpec> projector = projector(topology);
        if (projector.isEmpty() || !projector.get().environment().containsKey("EVENTS_TABLE")) {
            LocalLog.warn("server push not started: no ordering projector with EVENTS_TABLE in the template");
            return Optional.empty();
        }
        if (topology.tables().stream().noneMatch(t -> t.name().equals(CONNECTIONS_TABLE))) {
            try (DynamoDbClient dynamoDb = endpoint.dynamoDb()) {
                createConnectionsTable(dynamoDb);
            }
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("EVENTS_TABLE", projector.get().environment().get("EVENTS_TABLE"));
        variables.put("PUSH_CONNECTIONS_TABLE", CONNECTIONS_TABLE);
        variables.put("POWERTOOLS_SERVICE_NAME", "ordering-push");
        variables.put("AWS_LAMBDA_FUNCTION_NAME", FUNCTION_NAME);
        FunctionSpec spec = new FunctionSpec("LocalPushFunction", FUNCTION_NAME, PUSH_HANDLER, Map.copyOf(variables));
        return LocalFunctions.instantiate(spec, new LambdaEnvironment(endpoint.lambdaEnvironment(variables)))
                .map(handler -> LocalPushGateway.start(
                        new LocalFunction(spec, handler, clock),
                        new JwtAuthorizer(LocalIssuer.ofProject().publicKeys()),
                        LocalTokens.authorizer(topology),
                        clock));
    }

    /** {@code PUSH_*} for the ordering projector, over the template's, so it announces to the gateway. */
    static Map<String, Map<String, String>> projectorVariables(Topology topology, LocalPushGateway gateway) {
        return projector(topology)
                .map(spec -> Map.of(
                        spec.functionName(),
                        Map.of(
                                "PUSH_CONNECTIONS_TABLE",
                                CONNECTIONS_TABLE,
                                "PUSH_ENDPOINT",
                                gateway.connectionsEndpoint().toString())))
                .orElse(Map.of());
    }

    private static Optional<FunctionSpec> projector(Topology topology) {
        return topology.functions().stream()
                .filter(f -> f.handlerClass().equals(PROJECTOR_HANDLER))
                .findFirst();
    }

    /**
     * The deployed table's keys and index ({@link Subscriptions}); recreated empty, as the provisioner
     * recreates the template's tables, since connections never outlive the stack that served them.
     */
    private static void createConnectionsTable(DynamoDbClient dynamoDb) {
        try {
            dynamoDb.deleteTable(b -> b.tableName(CONNECTIONS_TABLE));
        } catch (ResourceNotFoundException firstRun) {
            // nothing left from an earlier run
        }
        dynamoDb.createTable(b -> b.tableName(CONNECTIONS_TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(attribute(Subscriptions.CONNECTION_ID), attribute(Subscriptions.SUBSCRIPTION))
                .keySchema(
                        key(Subscriptions.CONNECTION_ID, KeyType.HASH), key(Subscriptions.SUBSCRIPTION, KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(Subscriptions.BY_SUBSCRIPTION)
                        .keySchema(
                                key(Subscriptions.SUBSCRIPTION, KeyType.HASH),
                                key(Subscriptions.CONNECTION_ID, KeyType.RANGE))
                        .projection(p ->
                                p.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(Subscriptions.EXPIRES_AT))
                        .build()));
    }

    private static AttributeDefinition attribute(String name) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(ScalarAttributeType.S)
                .build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}

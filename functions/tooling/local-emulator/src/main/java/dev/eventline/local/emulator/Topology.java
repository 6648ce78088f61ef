package dev.eventline.local.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The AWS resources of the synthesized CloudFormation templates that matter for running Eventline
 * locally: what to create in the emulator, and how Lambda would wire functions to streams and queues.
 * Read from the same templates that {@code cdk deploy} deploys, so local and cloud cannot drift.
 */
public record Topology(
        List<TableSpec> tables,
        List<QueueSpec> queues,
        List<BusSpec> buses,
        List<RuleSpec> rules,
        List<FunctionSpec> functions,
        List<MappingSpec> mappings,
        List<RouteSpec> routes,
        List<String> keyAliases) {

    public Topology {
        keyAliases = List.copyOf(keyAliases);
        routes = List.copyOf(routes);
        tables = List.copyOf(tables);
        queues = List.copyOf(queues);
        buses = List.copyOf(buses);
        rules = List.copyOf(rules);
        functions = List.copyOf(functions);
        mappings = List.copyOf(mappings);
    }

    /** A topology without KMS keys (templates that seal no personal data). */
    public Topology(
            List<TableSpec> tables,
            List<QueueSpec> queues,
            List<BusSpec> buses,
            List<RuleSpec> rules,
            List<FunctionSpec> functions,
            List<MappingSpec> mappings,
            List<RouteSpec> routes) {
        this(tables, queues, buses, rules, functions, mappings, routes, List.of());
    }

    /** A topology without HTTP routes (templates without an API, or before the API is synthesized). */
    public Topology(
            List<TableSpec> tables,
            List<QueueSpec> queues,
            List<BusSpec> buses,
            List<RuleSpec> rules,
            List<FunctionSpec> functions,
            List<MappingSpec> mappings) {
        this(tables, queues, buses, rules, functions, mappings, List.of());
    }

    public record KeyAttribute(String name, String type) {}

    public record IndexSpec(
            String name, KeyAttribute partitionKey, Optional<KeyAttribute> sortKey, String projectionType) {}

    public record TableSpec(
            String logicalId,
            String name,
            KeyAttribute partitionKey,
            Optional<KeyAttribute> sortKey,
            List<IndexSpec> globalSecondaryIndexes,
            Optional<String> streamViewType,
            Optional<String> ttlAttribute) {}

    public record Redrive(String deadLetterQueueName, int maxReceiveCount) {}

    public record QueueSpec(
            String logicalId,
            String name,
            Optional<Redrive> redrive,
            Optional<Integer> visibilityTimeoutSeconds,
            Optional<Integer> messageRetentionSeconds,
            boolean fifo) {}

    /** A bus and the archives that keep what it receives (for replays). */
    public record BusSpec(String logicalId, String name, List<String> archives) {
        public BusSpec {
            archives = List.copyOf(archives);
        }

        public BusSpec(String logicalId, String name) {
            this(logicalId, name, List.of());
        }
    }

    public record RuleSpec(
            String logicalId, String name, String busName, String eventPattern, List<String> targetQueueNames) {}

    public record FunctionSpec(String logicalId, String functionName, String handler, Map<String, String> environment) {
        /** The handler class, without the {@code ::method} suffix. */
        public String handlerClass() {
            int separator = handler.indexOf("::");
            return separator < 0 ? handler : handler.substring(0, separator);
        }
    }

    /**
     * A Lambda event source mapping, as configured in the template.
     *
     * @param sourceTable the table whose stream feeds the function, when the source is a stream
     * @param sourceQueue the queue feeding the function, when the source is SQS
     */
    public record MappingSpec(
            String logicalId,
            String functionName,
            Optional<String> sourceTable,
            Optional<String> sourceQueue,
            int batchSize,
            int maximumBatchingWindowSeconds,
            boolean bisectBatchOnFunctionError,
            int maximumRetryAttempts,
            int maximumRecordAgeSeconds,
            boolean reportBatchItemFailures,
            int parallelizationFactor,
            Optional<String> onFailureQueue,
            String startingPosition) {}

    /**
     * An HTTP API route ({@code AWS::ApiGatewayV2::Route}), the function its Lambda proxy
     * integration invokes, and its JWT authorizer when it has one.
     *
     * @param routeKey {@code "POST /orders/{orderId}/items"}, {@code "ANY /accounts/{proxy+}"} or {@code "$default"}
     * @param jwt      the route's {@code AuthorizationType: JWT} settings; empty for a route without (or
     *                 with another kind of) authorizer
     */
    public record RouteSpec(String routeKey, String functionName, Optional<JwtRouteAuth> jwt) {
        public RouteSpec(String routeKey, String functionName) {
            this(routeKey, functionName, Optional.empty());
        }
    }

    /**
     * What API Gateway's JWT authorizer checks for one route: the authorizer's issuer and audiences
     * ({@code JwtConfiguration}), and the route's {@code AuthorizationScopes} (a token needs one of
     * them; none means any valid token).
     */
    public record JwtRouteAuth(String issuer, List<String> audience, List<String> scopes) {
        public JwtRouteAuth {
            audience = List.copyOf(audience);
            scopes = List.copyOf(scopes);
        }
    }

    public Optional<TableSpec> table(String name) {
        return tables.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<QueueSpec> queue(String name) {
        return queues.stream().filter(q -> q.name().equals(name)).findFirst();
    }

    public Optional<FunctionSpec> function(String functionName) {
        return functions.stream()
                .filter(f -> f.functionName().equals(functionName))
                .findFirst();
    }

    /** The function whose handler is this class, e.g. to build its environment for a local run. */
    public Optional<FunctionSpec> functionByHandler(Class<?> handlerClass) {
        return functions.stream()
                .filter(f -> f.handlerClass().equals(handlerClass.getName()))
                .findFirst();
    }

    public List<MappingSpec> mappingsOf(String functionName) {
        return mappings.stream()
                .filter(m -> m.functionName().equals(functionName))
                .toList();
    }
}

package dev.eventline.local.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.local.emulator.Topology.BusSpec;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import dev.eventline.local.emulator.Topology.IndexSpec;
import dev.eventline.local.emulator.Topology.KeyAttribute;
import dev.eventline.local.emulator.Topology.MappingSpec;
import dev.eventline.local.emulator.Topology.QueueSpec;
import dev.eventline.local.emulator.Topology.Redrive;
import dev.eventline.local.emulator.Topology.RouteSpec;
import dev.eventline.local.emulator.Topology.RuleSpec;
import dev.eventline.local.emulator.Topology.TableSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads synthesized CloudFormation templates ({@code *.template.json}) into a {@link Topology}.
 * Only the intrinsic functions CDK emits for these resources are resolved (Ref, Fn::GetAtt,
 * Fn::Join, Fn::Select, Fn::Split, Fn::ImportValue and pseudo parameters); anything else fails loudly, because a
 * silently unresolved value would make the local stack differ from the cloud.
 */
public final class TemplateReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REGION = "us-east-1";
    private static final String ACCOUNT = "123456789012";

    private static final Pattern SSM_REFERENCE = Pattern.compile("\\{\\{resolve:ssm:([^}:]+)(?::\\d+)?}}");

    private final Map<String, JsonNode> resources = new LinkedHashMap<>();
    private final Map<String, JsonNode> exports = new HashMap<>();

    private TemplateReader() {}

    /** Reads every {@code *.template.json} in {@code directory}. */
    public static Topology read(Path directory) {
        TemplateReader reader = new TemplateReader();
        try (Stream<Path> files = Files.list(directory)) {
            List<Path> templates = files.filter(p -> p.getFileName().toString().endsWith(".template.json"))
                    .sorted()
                    .toList();
            if (templates.isEmpty()) {
                throw new IllegalStateException("no *.template.json in " + directory + ": run `make synth`");
            }
            for (Path template : templates) {
                reader.load(JSON.readTree(template.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read templates in " + directory, e);
        }
        return reader.topology();
    }

    private void load(JsonNode template) {
        template.path("Resources").properties().forEach(e -> resources.put(e.getKey(), e.getValue()));
        template.path("Outputs").properties().forEach(e -> {
            JsonNode export = e.getValue().path("Export").path("Name");
            if (!export.isMissingNode()) {
                exports.put(export.asText(), e.getValue().path("Value"));
            }
        });
    }

    private Topology topology() {
        List<TableSpec> tables = new ArrayList<>();
        List<QueueSpec> queues = new ArrayList<>();
        List<BusSpec> buses = new ArrayList<>();
        List<RuleSpec> rules = new ArrayList<>();
        List<FunctionSpec> functions = new ArrayList<>();
        List<MappingSpec> mappings = new ArrayList<>();
        List<RouteSpec> routes = new ArrayList<>();
        Map<String, List<String>> archivesByBus = new HashMap<>();
        List<String> keyAliases = new ArrayList<>();
        resources.forEach((id, resource) -> {
            JsonNode props = resource.path("Properties");
            switch (resource.path("Type").asText()) {
                case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> tables.add(table(id, props));
                case "AWS::SQS::Queue" -> queues.add(queue(id, props));
                case "AWS::Events::EventBus" -> buses.add(new BusSpec(id, text(props.path("Name"))));
                case "AWS::Events::Rule" -> rule(id, props).ifPresent(rules::add);
                case "AWS::Lambda::Function" -> functions.add(function(id, props));
                case "AWS::Lambda::EventSourceMapping" -> mappings.add(mapping(id, props));
                case "AWS::ApiGatewayV2::Route" -> route(props).ifPresent(routes::add);
                case "AWS::Events::Archive" -> {
                    String source = text(props.path("SourceArn"));
                    archivesByBus
                            .computeIfAbsent(source.substring(source.lastIndexOf('/') + 1), bus -> new ArrayList<>())
                            .add(text(props.path("ArchiveName")));
                }
                case "AWS::KMS::Alias" -> keyAliases.add(text(props.path("AliasName")));
                default -> {
                    // other resources (IAM, alarms, logs, API) have no local counterpart
                }
            }
        });
        List<BusSpec> withArchives = buses.stream()
                .map(bus -> new BusSpec(bus.logicalId(), bus.name(), archivesByBus.getOrDefault(bus.name(), List.of())))
                .toList();
        return new Topology(tables, queues, withArchives, rules, functions, mappings, routes, keyAliases);
    }

    private TableSpec table(String id, JsonNode props) {
        Map<String, String> types = new HashMap<>();
        props.path("AttributeDefinitions")
                .forEach(a -> types.put(
                        a.path("AttributeName").asText(),
                        a.path("AttributeType").asText()));
        List<IndexSpec> indexes = new ArrayList<>();
        props.path("GlobalSecondaryIndexes").forEach(gsi -> {
            List<KeyAttribute> keys = keys(gsi.path("KeySchema"), types);
            indexes.add(new IndexSpec(
                    gsi.path("IndexName").asText(),
                    keys.getFirst(),
                    keys.size() > 1 ? Optional.of(keys.get(1)) : Optional.empty(),
                    gsi.path("Projection").path("ProjectionType").asText("ALL")));
        });
        List<KeyAttribute> keys = keys(props.path("KeySchema"), types);
        JsonNode stream = props.path("StreamSpecification").path("StreamViewType");
        JsonNode ttl = props.path("TimeToLiveSpecification");
        return new TableSpec(
                id,
                text(props.path("TableName")),
                keys.getFirst(),
                keys.size() > 1 ? Optional.of(keys.get(1)) : Optional.empty(),
                indexes,
                stream.isMissingNode() ? Optional.empty() : Optional.of(stream.asText()),
                ttl.path("Enabled").asBoolean(false)
                        ? Optional.of(ttl.path("AttributeName").asText())
                        : Optional.empty());
    }

    private static List<KeyAttribute> keys(JsonNode keySchema, Map<String, String> types) {
        List<KeyAttribute> keys = new ArrayList<>();
        for (String keyType : List.of("HASH", "RANGE")) {
            keySchema.forEach(k -> {
                if (k.path("KeyType").asText().equals(keyType)) {
                    String name = k.path("AttributeName").asText();
                    keys.add(new KeyAttribute(name, types.getOrDefault(name, "S")));
                }
            });
        }
        return keys;
    }

    private QueueSpec queue(String id, JsonNode props) {
        JsonNode redrive = props.path("RedrivePolicy");
        Optional<Redrive> policy = redrive.isMissingNode()
                ? Optional.empty()
                : Optional.of(new Redrive(
                        nameFromArn(text(redrive.path("deadLetterTargetArn"))),
                        redrive.path("maxReceiveCount").asInt()));
        return new QueueSpec(
                id,
                text(props.path("QueueName")),
                policy,
                optionalInt(props.path("VisibilityTimeout")),
                optionalInt(props.path("MessageRetentionPeriod")),
                props.path("FifoQueue").asBoolean(false));
    }

    private Optional<RuleSpec> rule(String id, JsonNode props) {
        if (props.path("EventPattern").isMissingNode()) {
            return Optional.empty(); // scheduled rules have no local counterpart
        }
        List<String> targets = new ArrayList<>();
        props.path("Targets").forEach(t -> {
            String arn = text(t.path("Arn"));
            if (arn.contains(":sqs:")) {
                targets.add(nameFromArn(arn));
            }
        });
        String bus =
                props.path("EventBusName").isMissingNode() ? "default" : nameFromArn(text(props.path("EventBusName")));
        String name = props.path("Name").isMissingNode() ? id : text(props.path("Name"));
        return Optional.of(
                new RuleSpec(id, name, bus, props.path("EventPattern").toString(), targets));
    }

    private static final List<String> COLLECTOR_EXTENSION_VARIABLES =
            List.of("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OPENTELEMETRY_COLLECTOR_CONFIG_URI");

    private FunctionSpec function(String id, JsonNode props) {
        Map<String, String> env = new LinkedHashMap<>();
        props.path("Environment").path("Variables").properties().forEach(e -> env.put(e.getKey(), text(e.getValue())));
        // they name the ADOT collector extension, which does not run locally: without them tracing stays off
        // (a local run that wants spans sets its own OTLP endpoint)
        COLLECTOR_EXTENSION_VARIABLES.forEach(env::remove);
        return new FunctionSpec(
                id, text(props.path("FunctionName")), props.path("Handler").asText(), env);
    }

    /**
     * {@code Target: "integrations/<integration>"} leads to an {@code AWS::ApiGatewayV2::Integration}
     * whose {@code IntegrationUri} is the function (or alias) ARN. Routes without a Lambda
     * integration (none today) have no local counterpart.
     */
    private Optional<RouteSpec> route(JsonNode props) {
        // a WebSocket API's routes ($connect, $default, $disconnect) are served by the local push gateway
        JsonNode api = resources.get(props.path("ApiId").path("Ref").asText());
        if (api != null
                && "WEBSOCKET"
                        .equals(api.path("Properties").path("ProtocolType").asText())) {
            return Optional.empty();
        }
        String target = text(props.path("Target"));
        if (!target.startsWith("integrations/")) {
            return Optional.empty();
        }
        JsonNode integration = resources.get(target.substring("integrations/".length()));
        if (integration == null
                || !"AWS::ApiGatewayV2::Integration"
                        .equals(integration.path("Type").asText())) {
            return Optional.empty();
        }
        // the function ARN itself (payload 2.0), or wrapped in .../functions/<arn>/invocations
        String uri = text(integration.path("Properties").path("IntegrationUri"));
        int function = uri.indexOf(":function:");
        if (function < 0) {
            return Optional.empty();
        }
        String arn = uri.substring(uri.lastIndexOf("arn:", function)).replaceFirst("/invocations$", "");
        return Optional.of(new RouteSpec(text(props.path("RouteKey")), functionName(arn), jwt(props)));
    }

    /** The route's JWT authorizer, as API Gateway applies it: issuer and audiences, plus the route's scopes. */
    private Optional<Topology.JwtRouteAuth> jwt(JsonNode route) {
        if (!"JWT".equals(text(route.path("AuthorizationType")))) {
            return Optional.empty();
        }
        JsonNode authorizer =
                resources.get(route.path("AuthorizerId").path("Ref").asText());
        if (authorizer == null) {
            throw new IllegalStateException("a JWT route without its authorizer in the templates: " + route);
        }
        JsonNode jwt = authorizer.path("Properties").path("JwtConfiguration");
        List<String> audience = new ArrayList<>();
        jwt.path("Audience").forEach(value -> audience.add(text(value)));
        List<String> scopes = new ArrayList<>();
        route.path("AuthorizationScopes").forEach(value -> scopes.add(text(value)));
        return Optional.of(new Topology.JwtRouteAuth(text(jwt.path("Issuer")), audience, scopes));
    }

    private MappingSpec mapping(String id, JsonNode props) {
        String source = text(props.path("EventSourceArn"));
        boolean stream = source.contains(":dynamodb:");
        JsonNode onFailure = props.path("DestinationConfig").path("OnFailure").path("Destination");
        List<String> responseTypes = new ArrayList<>();
        props.path("FunctionResponseTypes").forEach(t -> responseTypes.add(t.asText()));
        return new MappingSpec(
                id,
                functionName(text(props.path("FunctionName"))),
                stream ? Optional.of(tableFromStreamArn(source)) : Optional.empty(),
                stream ? Optional.empty() : Optional.of(nameFromArn(source)),
                props.path("BatchSize").asInt(stream ? 100 : 10),
                props.path("MaximumBatchingWindowInSeconds").asInt(0),
                props.path("BisectBatchOnFunctionError").asBoolean(false),
                props.path("MaximumRetryAttempts").asInt(-1),
                props.path("MaximumRecordAgeInSeconds").asInt(-1),
                responseTypes.contains("ReportBatchItemFailures"),
                props.path("ParallelizationFactor").asInt(1),
                onFailure.isMissingNode() ? Optional.empty() : Optional.of(nameFromArn(text(onFailure))),
                props.path("StartingPosition").asText("TRIM_HORIZON"));
    }

    /** ESMs usually target an alias ARN ({@code ...:function:name:live}); we want the function name. */
    private static String functionName(String reference) {
        if (!reference.startsWith("arn:")) {
            // CDK names an alias target "name:live" in mappings; a function name never contains ':'
            int qualifier = reference.indexOf(':');
            return qualifier < 0 ? reference : reference.substring(0, qualifier);
        }
        String[] parts = reference.split(":");
        return parts.length > 6 ? parts[6] : reference;
    }

    private static String nameFromArn(String arnOrName) {
        if (!arnOrName.startsWith("arn:")) {
            return arnOrName;
        }
        String last = arnOrName.substring(arnOrName.lastIndexOf(':') + 1);
        return last.contains("/") ? last.substring(last.lastIndexOf('/') + 1) : last;
    }

    private static String tableFromStreamArn(String arn) {
        int table = arn.indexOf(":table/");
        String rest = arn.substring(table + ":table/".length());
        int slash = rest.indexOf('/');
        return slash < 0 ? rest : rest.substring(0, slash);
    }

    private static Optional<Integer> optionalInt(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.asInt());
    }

    /** Resolves a property value to a string. */
    private String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return "";
        }
        if (node.isValueNode()) {
            return dynamicReferences(node.asText());
        }
        if (node.has("Ref")) {
            return ref(node.get("Ref").asText());
        }
        if (node.has("Fn::GetAtt")) {
            JsonNode args = node.get("Fn::GetAtt");
            return getAtt(args.get(0).asText(), args.get(1).asText());
        }
        if (node.has("Fn::Join")) {
            JsonNode args = node.get("Fn::Join");
            List<String> parts = new ArrayList<>();
            args.get(1).forEach(p -> parts.add(text(p)));
            return String.join(args.get(0).asText(), parts);
        }
        if (node.has("Fn::Select")) {
            JsonNode args = node.get("Fn::Select");
            return list(args.get(1)).get(args.get(0).asInt());
        }
        if (node.has("Fn::ImportValue")) {
            String name = text(node.get("Fn::ImportValue"));
            JsonNode value = exports.get(name);
            if (value == null) {
                throw new IllegalStateException("template imports unknown export " + name);
            }
            return text(value);
        }
        throw new IllegalStateException("unsupported intrinsic in template: " + node);
    }

    /**
     * CloudFormation's {@code {{resolve:ssm:name}}}, resolved as a deployment resolves it: to the value of
     * the parameter of that name, which one of the templates creates (the stacks share names, not
     * exports). Any other dynamic reference fails, like any other unsupported intrinsic.
     */
    private String dynamicReferences(String value) {
        if (!value.contains("{{resolve:")) {
            return value;
        }
        Matcher reference = SSM_REFERENCE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(resolved, Matcher.quoteReplacement(ssmParameter(reference.group(1))));
        }
        reference.appendTail(resolved);
        if (resolved.indexOf("{{resolve:") >= 0) {
            throw new IllegalStateException("unsupported dynamic reference in template: " + value);
        }
        return resolved.toString();
    }

    private String ssmParameter(String name) {
        return resources.values().stream()
                .filter(resource -> resource.path("Type").asText().equals("AWS::SSM::Parameter"))
                .map(resource -> resource.path("Properties"))
                .filter(props -> text(props.path("Name")).equals(name))
                .map(props -> text(props.path("Value")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "template resolves SSM parameter " + name + ", which none of the templates creates"));
    }

    private List<String> list(JsonNode node) {
        if (node.has("Fn::Split")) {
            JsonNode args = node.get("Fn::Split");
            return List.of(text(args.get(1))
                    .split(java.util.regex.Pattern.quote(args.get(0).asText()), -1));
        }
        List<String> values = new ArrayList<>();
        node.forEach(v -> values.add(text(v)));
        return values;
    }

    private String ref(String logicalId) {
        switch (logicalId) {
            case "AWS::Region" -> {
                return REGION;
            }
            case "AWS::AccountId" -> {
                return ACCOUNT;
            }
            case "AWS::Partition" -> {
                return "aws";
            }
            case "AWS::URLSuffix" -> {
                return "amazonaws.com";
            }
            case "AWS::StackName" -> {
                return "local";
            }
            default -> {}
        }
        JsonNode resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalStateException("template references unknown resource " + logicalId);
        }
        JsonNode props = resource.path("Properties");
        return switch (resource.path("Type").asText()) {
            case "AWS::DynamoDB::Table", "AWS::DynamoDB::GlobalTable" -> text(props.path("TableName"));
            case "AWS::SQS::Queue" -> text(props.path("QueueName")); // locally we address queues by name
            case "AWS::Events::EventBus" -> text(props.path("Name"));
            case "AWS::Lambda::Function" -> text(props.path("FunctionName"));
            case "AWS::Lambda::Alias" ->
                "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:"
                        + functionName(text(props.path("FunctionName"))) + ":" + text(props.path("Name"));
            default -> logicalId;
        };
    }

    private String getAtt(String logicalId, String attribute) {
        JsonNode resource = resources.get(logicalId);
        if (resource == null) {
            throw new IllegalStateException("template references unknown resource " + logicalId);
        }
        String type = resource.path("Type").asText();
        String name = ref(logicalId);
        return switch (type + "." + attribute) {
            case "AWS::DynamoDB::Table.Arn", "AWS::DynamoDB::GlobalTable.Arn" ->
                "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name;
            case "AWS::DynamoDB::Table.StreamArn", "AWS::DynamoDB::GlobalTable.StreamArn" ->
                "arn:aws:dynamodb:" + REGION + ":" + ACCOUNT + ":table/" + name + "/stream/local";
            case "AWS::SQS::Queue.Arn" -> "arn:aws:sqs:" + REGION + ":" + ACCOUNT + ":" + name;
            case "AWS::SQS::Queue.QueueName" -> name;
            case "AWS::Events::EventBus.Arn" -> "arn:aws:events:" + REGION + ":" + ACCOUNT + ":event-bus/" + name;
            case "AWS::Events::EventBus.Name" -> name;
            case "AWS::Lambda::Function.Arn" -> "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + name;
            default ->
                type.startsWith("AWS::IAM")
                                || type.startsWith("AWS::Logs")
                                || type.startsWith("AWS::KMS")
                                || type.startsWith("AWS::SNS")
                        ? "arn:aws:local:" + logicalId
                        : failUnsupported(logicalId, attribute, type);
        };
    }

    private static String failUnsupported(String logicalId, String attribute, String type) {
        throw new IllegalStateException("unsupported Fn::GetAtt " + logicalId + "." + attribute + " on " + type);
    }
}

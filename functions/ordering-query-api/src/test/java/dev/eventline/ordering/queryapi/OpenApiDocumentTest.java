package dev.eventline.ordering.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.ordering.application.OrderEventCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/openapi/ordering-queries.json} documents exactly what the handler's router serves. */
class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final JsonNode document = read(ProjectLayout.root().resolve("docs/openapi/ordering-queries.json"));

    /** Constructing the handler opens no connection, so a placeholder environment will do. */
    private static List<String> servedRoutes() {
        LambdaEnvironment env = new LambdaEnvironment(Map.of("EVENTS_TABLE", "events", "ORDER_SUMMARY_TABLE", "summary",
                "ORDERS_BY_CUSTOMER_TABLE", "by-customer", "DAILY_SALES_TABLE", "sales", "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "unused", "AWS_SECRET_ACCESS_KEY", "unused"));
        return new QueryApiHandler(env, new AwsClients(env), new OrderEventCodec(), Clock.systemUTC(),
                Observability.fromEnvironment(env), d -> { }).routes().stream()
                .map(route -> route.method() + " " + route.template()).toList();
    }

    @Test
    void is_openapi_3_1() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void documents_every_route_the_handler_serves_and_no_other() {
        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(member -> {
            if (HTTP_METHODS.contains(member.getKey())) {
                documented.add(member.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));

        assertThat(documented).isEqualTo(new TreeSet<>(servedRoutes()));
    }

    @Test
    void declares_every_path_parameter_and_documents_etags_and_problems() {
        document.path("paths").properties().forEach(path -> {
            Set<String> declared = new TreeSet<>();
            parameters(path.getValue()).forEach(p -> declared.add(p.path("in").asText() + ":" + p.path("name").asText()));
            Matcher names = PATH_PARAMETER.matcher(path.getKey());
            while (names.find()) {
                assertThat(declared).as(path.getKey()).contains("path:" + names.group(1));
            }
            path.getValue().properties().stream().filter(m -> HTTP_METHODS.contains(m.getKey())).forEach(operation -> {
                JsonNode responses = operation.getValue().path("responses");
                assertThat(resolve(responses.path("200")).path("headers").has("ETag")).as(path.getKey()).isTrue();
                assertThat(resolve(responses.path("200")).path("headers").has("X-Read-Source")).as(path.getKey()).isTrue();
                assertThat(resolve(responses.path("304")).isMissingNode()).as(path.getKey() + " 304").isFalse();
                for (String status : List.of("400", "404", "500")) {
                    assertThat(resolve(responses.path(status)).path("content").has("application/problem+json"))
                            .as("%s %s", path.getKey(), status).isTrue();
                }
                Set<String> parameters = new TreeSet<>();
                parameters(operation.getValue()).forEach(p -> parameters.add(p.path("in").asText() + ":" + p.path("name").asText()));
                assertThat(parameters).as(path.getKey()).contains("header:If-None-Match");
            });
        });
        JsonNode order = document.at("/paths/~1orders~1{orderId}/get");
        Set<String> orderParameters = new TreeSet<>();
        parameters(order).forEach(p -> orderParameters.add(p.path("in").asText() + ":" + p.path("name").asText()));
        assertThat(orderParameters).contains("query:minVersion", "query:maxWaitMs", "query:asOf", "header:X-Consistency-Token");
        assertThat(resolve(order.path("responses").path("503")).path("content").has("application/problem+json")).isTrue();
    }

    @Test
    void every_reference_resolves() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);

        assertThat(refs).isNotEmpty();
        refs.forEach(ref -> assertThat(document.at(ref.substring(1)).isMissingNode()).as(ref).isFalse());
    }

    private List<JsonNode> parameters(JsonNode node) {
        List<JsonNode> resolved = new ArrayList<>();
        node.path("parameters").forEach(p -> resolved.add(resolve(p)));
        return resolved;
    }

    private JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.path("$ref").asText().substring(1)) : node;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.path("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }

    private static JsonNode read(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}

package dev.eventline.ordering.commandapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.http.Router;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.local.emulator.ProjectLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/openapi/ordering-commands.json} documents exactly what the handler's router serves. */
class OpenApiDocumentTest {
    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final JsonNode document = read(ProjectLayout.root().resolve("docs/openapi/ordering-commands.json"));

    /** Constructing the handler opens no connection, so a placeholder environment will do. */
    private static List<Router.Route> servedRoutes() {
        return new CommandApiHandler(new LambdaEnvironment(Map.of(
                "EVENTS_TABLE", "events", "IDEMPOTENCY_TABLE", "idempotency", "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "unused", "AWS_SECRET_ACCESS_KEY", "unused"))).routes();
    }

    @Test
    void is_openapi_3_1() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void documents_every_route_the_handler_serves_and_no_other() {
        Set<String> served = new TreeSet<>();
        servedRoutes().forEach(route -> served.add(route.method() + " " + route.template()));
        Set<String> documented = new TreeSet<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(member -> {
            if (HTTP_METHODS.contains(member.getKey())) {
                documented.add(member.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));

        assertThat(documented).isEqualTo(served);
    }

    @Test
    void declares_every_path_parameter_and_the_command_headers() {
        document.path("paths").properties().forEach(path -> {
            Set<String> declared = new TreeSet<>();
            parameters(path.getValue()).forEach(p -> declared.add(p.path("in").asText() + ":" + p.path("name").asText()));
            Matcher names = PATH_PARAMETER.matcher(path.getKey());
            while (names.find()) {
                assertThat(declared).as(path.getKey()).contains("path:" + names.group(1));
            }
            path.getValue().properties().stream().filter(m -> HTTP_METHODS.contains(m.getKey())).forEach(operation -> {
                Set<String> headers = new TreeSet<>();
                parameters(operation.getValue()).forEach(p -> headers.add(p.path("in").asText() + ":" + p.path("name").asText()));
                assertThat(headers).as(path.getKey()).contains("header:If-Match", "header:Idempotency-Key");
            });
        });
    }

    @Test
    void every_operation_documents_success_headers_and_problem_responses() {
        document.path("paths").properties().forEach(path -> path.getValue().properties().stream()
                .filter(m -> HTTP_METHODS.contains(m.getKey()))
                .forEach(operation -> {
                    JsonNode responses = operation.getValue().path("responses");
                    String success = path.getKey().equals("/orders") ? "201" : "200";
                    JsonNode ok = resolve(responses.path(success));
                    assertThat(ok.path("headers").has("ETag")).as(path.getKey()).isTrue();
                    assertThat(ok.path("headers").has("X-Consistency-Token")).as(path.getKey()).isTrue();
                    for (String status : List.of("400", "404", "409", "412", "413", "415", "422", "500")) {
                        JsonNode problem = resolve(responses.path(status));
                        assertThat(problem.path("content").has("application/problem+json"))
                                .as("%s %s", path.getKey(), status).isTrue();
                    }
                }));
        assertThat(resolve(document.at("/paths/~1orders/post/responses/201")).path("headers").has("Location")).isTrue();
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

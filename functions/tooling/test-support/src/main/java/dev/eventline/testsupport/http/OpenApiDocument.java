package dev.eventline.testsupport.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.http.Router;
import dev.eventline.local.emulator.ProjectLayout;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An OpenAPI document under {@code docs/openapi/}, read for tests that compare it with what a
 * handler's router serves. Routes on both sides are {@code "METHOD /path/{param}"} strings.
 */
public final class OpenApiDocument {
    /** The members of a path item that are operations. */
    public static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

    private final JsonNode document;

    private OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    /** Reads {@code docs/openapi/<fileName>} of the project. */
    public static OpenApiDocument read(String fileName) {
        Path file = ProjectLayout.root().resolve("docs/openapi").resolve(fileName);
        try {
            return new OpenApiDocument(new ObjectMapper().readTree(file.toFile()));
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }

    /** The document as JSON. */
    public JsonNode json() {
        return document;
    }

    /** Every documented operation as {@code "METHOD /path"}, sorted. */
    public Set<String> routes() {
        Set<String> documented = new TreeSet<>();
        document.path("paths")
                .properties()
                .forEach(path -> operations(path.getValue())
                        .forEach(operation ->
                                documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return documented;
    }

    /** A router's routes as {@code "METHOD /path"}, sorted, to compare with {@link #routes()}. */
    public static Set<String> routesOf(Collection<Router.Route> served) {
        Set<String> routes = new TreeSet<>();
        served.forEach(route -> routes.add(route.method() + " " + route.template()));
        return routes;
    }

    /** The operations (method members) of a path item. */
    public static List<Map.Entry<String, JsonNode>> operations(JsonNode pathItem) {
        return pathItem.properties().stream()
                .filter(m -> HTTP_METHODS.contains(m.getKey()))
                .toList();
    }

    /** The parameters of a path item or operation, references resolved. */
    public List<JsonNode> parameters(JsonNode node) {
        List<JsonNode> resolved = new ArrayList<>();
        node.path("parameters").forEach(p -> resolved.add(resolve(p)));
        return resolved;
    }

    /** The parameters of a path item or operation as {@code "in:name"}, e.g. {@code "header:If-Match"}. */
    public Set<String> parameterNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        parameters(node)
                .forEach(p ->
                        names.add(p.path("in").asText() + ":" + p.path("name").asText()));
        return names;
    }

    /** The node a local {@code $ref} points at, or the node itself if it is no reference. */
    public JsonNode resolve(JsonNode node) {
        return node.has("$ref") ? document.at(node.path("$ref").asText().substring(1)) : node;
    }

    /** Every {@code $ref} in the document, in document order. */
    public List<String> refs() {
        List<String> refs = new ArrayList<>();
        collectRefs(document, refs);
        return refs;
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject() && node.has("$ref")) {
            refs.add(node.path("$ref").asText());
        }
        node.forEach(child -> collectRefs(child, refs));
    }
}

package dev.eventline.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) JSON to and from {@link HttpApiEvent} and {@link HttpApiResponse},
 * written out field by field with Jackson's tree model. The HTTP functions' entry point
 * ({@link ApiGatewayHandler}) reads and writes the wire format with it, so the Lambda runtime's own
 * serializer (and the Joda-Time it loads) is never used; the tests, the benchmarks and the local
 * runtime use the same mapping.
 */
public final class ApiGatewayEvents {
    private ApiGatewayEvents() {}

    /**
     * The event as API Gateway's JWT authorizer hands it over for {@code subject} holding
     * {@code scopes} (the {@code scope} claim, space-separated); any other authorizer is replaced.
     */
    public static HttpApiEvent withCaller(HttpApiEvent event, String subject, String... scopes) {
        Map<String, String> claims = new LinkedHashMap<>();
        claims.put("sub", subject);
        if (scopes.length > 0) {
            claims.put("scope", String.join(" ", scopes));
        }
        return event.withAuthorizer(HttpApiEvent.Authorizer.ofJwt(claims, null));
    }

    /** @throws IllegalArgumentException when {@code json} is not a JSON object */
    public static HttpApiEvent fromJson(String json) {
        JsonNode root = Json.read(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("an API Gateway event is a JSON object");
        }
        JsonNode context = root.get("requestContext");
        return new HttpApiEvent(
                text(root, "version"),
                text(root, "routeKey"),
                text(root, "rawPath"),
                text(root, "rawQueryString"),
                texts(root.get("cookies")),
                map(root.get("headers")),
                map(root.get("queryStringParameters")),
                map(root.get("pathParameters")),
                context != null && context.isObject() ? requestContext(context) : null,
                text(root, "body"),
                root.path("isBase64Encoded").asBoolean(false));
    }

    public static String toJson(HttpApiResponse response) {
        ObjectNode json = Json.object();
        json.put("statusCode", response.statusCode());
        putMap(json, "headers", response.headers());
        putTexts(json, "cookies", response.cookies());
        if (response.body() != null) {
            json.put("body", response.body());
        }
        json.put("isBase64Encoded", response.isBase64Encoded());
        return Json.write(json);
    }

    /** The inverse of {@link #toJson(HttpApiResponse)}, e.g. for a Lambda invoked over HTTP. */
    public static HttpApiResponse responseFromJson(String json) {
        JsonNode root = Json.read(json);
        return new HttpApiResponse(
                root.path("statusCode").asInt(200),
                map(root.get("headers")),
                texts(root.get("cookies")),
                text(root, "body"),
                root.path("isBase64Encoded").asBoolean(false));
    }

    /** An event in the wire format, e.g. for the local server to invoke a Lambda with. */
    public static String toJson(HttpApiEvent event) {
        ObjectNode json = Json.object();
        putText(json, "version", event.version());
        putText(json, "routeKey", event.routeKey());
        putText(json, "rawPath", event.rawPath());
        putText(json, "rawQueryString", event.rawQueryString());
        putTexts(json, "cookies", event.cookies());
        putMap(json, "headers", event.headers());
        putMap(json, "queryStringParameters", event.queryStringParameters());
        putMap(json, "pathParameters", event.pathParameters());
        HttpApiEvent.RequestContext context = event.requestContext();
        if (context != null) {
            ObjectNode rc = json.putObject("requestContext");
            putText(rc, "accountId", context.accountId());
            putText(rc, "apiId", context.apiId());
            putText(rc, "domainName", context.domainName());
            putText(rc, "domainPrefix", context.domainPrefix());
            putText(rc, "requestId", context.requestId());
            putText(rc, "routeKey", context.routeKey());
            putText(rc, "stage", context.stage());
            putText(rc, "time", context.time());
            rc.put("timeEpoch", context.timeEpoch());
            HttpApiEvent.Http http = context.http();
            if (http != null) {
                ObjectNode h = rc.putObject("http");
                putText(h, "method", http.method());
                putText(h, "path", http.path());
                putText(h, "protocol", http.protocol());
                putText(h, "sourceIp", http.sourceIp());
                putText(h, "userAgent", http.userAgent());
            }
            if (context.authorizer() != null) {
                writeAuthorizer(rc.putObject("authorizer"), context.authorizer());
            }
        }
        putText(json, "body", event.body());
        json.put("isBase64Encoded", event.isBase64Encoded());
        return Json.write(json);
    }

    private static HttpApiEvent.RequestContext requestContext(JsonNode node) {
        JsonNode http = node.get("http");
        JsonNode authorizer = node.get("authorizer");
        return new HttpApiEvent.RequestContext(
                text(node, "accountId"),
                text(node, "apiId"),
                text(node, "domainName"),
                text(node, "domainPrefix"),
                text(node, "requestId"),
                text(node, "routeKey"),
                text(node, "stage"),
                text(node, "time"),
                node.path("timeEpoch").asLong(0),
                http != null && http.isObject()
                        ? new HttpApiEvent.Http(
                                text(http, "method"),
                                text(http, "path"),
                                text(http, "protocol"),
                                text(http, "sourceIp"),
                                text(http, "userAgent"))
                        : null,
                authorizer != null && authorizer.isObject() ? authorizer(authorizer) : null);
    }

    private static HttpApiEvent.Authorizer authorizer(JsonNode node) {
        JsonNode jwt = node.get("jwt");
        JsonNode iam = node.get("iam");
        JsonNode lambda = node.get("lambda");
        Map<String, Object> context = null;
        if (lambda != null && lambda.isObject()) {
            // a Lambda authorizer's context is free-form; untyped maps need no bean introspection
            @SuppressWarnings("unchecked")
            Map<String, Object> free = Json.MAPPER.convertValue(lambda, Map.class);
            context = free;
        }
        return new HttpApiEvent.Authorizer(
                jwt != null && jwt.isObject()
                        ? new HttpApiEvent.Jwt(map(jwt.get("claims")), texts(jwt.get("scopes")))
                        : null,
                iam != null && iam.isObject()
                        ? new HttpApiEvent.Iam(
                                text(iam, "accessKey"),
                                text(iam, "accountId"),
                                text(iam, "callerId"),
                                text(iam, "principalOrgId"),
                                text(iam, "userArn"),
                                text(iam, "userId"))
                        : null,
                context);
    }

    private static void writeAuthorizer(ObjectNode json, HttpApiEvent.Authorizer authorizer) {
        if (authorizer.jwt() != null) {
            ObjectNode jwt = json.putObject("jwt");
            putMap(jwt, "claims", authorizer.jwt().claims());
            putTexts(jwt, "scopes", authorizer.jwt().scopes());
        }
        HttpApiEvent.Iam iam = authorizer.iam();
        if (iam != null) {
            ObjectNode caller = json.putObject("iam");
            putText(caller, "accessKey", iam.accessKey());
            putText(caller, "accountId", iam.accountId());
            putText(caller, "callerId", iam.callerId());
            putText(caller, "principalOrgId", iam.principalOrgId());
            putText(caller, "userArn", iam.userArn());
            putText(caller, "userId", iam.userId());
        }
        if (authorizer.lambda() != null) {
            json.set("lambda", Json.MAPPER.valueToTree(authorizer.lambda()));
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Null when absent, so "no headers" stays distinguishable from "empty headers". */
    private static Map<String, String> map(JsonNode node) {
        return node == null || !node.isObject() ? null : Json.textFields(node);
    }

    private static List<String> texts(JsonNode node) {
        if (node == null || !node.isArray()) {
            return null;
        }
        List<String> values = new ArrayList<>(node.size());
        node.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static void putText(ObjectNode json, String field, String value) {
        if (value != null) {
            json.put(field, value);
        }
    }

    private static void putMap(ObjectNode json, String field, Map<String, String> values) {
        if (values != null) {
            ObjectNode object = json.putObject(field);
            values.forEach(object::put);
        }
    }

    private static void putTexts(ObjectNode json, String field, List<String> values) {
        if (values != null) {
            ArrayNode array = json.putArray(field);
            values.forEach(array::add);
        }
    }
}

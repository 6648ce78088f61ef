package dev.eventline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * API Gateway HTTP API (payload 2.0) JSON to and from the Lambda event classes, written out field
 * by field: the classes are Lombok beans whose property names do not all line up with the wire
 * format ({@code isBase64Encoded}). The HTTP functions' entry point ({@link ApiGatewayHandler}) reads
 * and writes the wire format with it, so the Lambda runtime's own serializer (and the Joda-Time it
 * loads) is never used; the tests, the benchmarks and the local runtime use the same mapping.
 */
public final class ApiGatewayEvents {
    private ApiGatewayEvents() {}

    /**
     * The event as API Gateway's JWT authorizer hands it over for {@code subject} holding
     * {@code scopes} (the {@code scope} claim, space-separated); any other authorizer is replaced.
     */
    public static APIGatewayV2HTTPEvent withCaller(APIGatewayV2HTTPEvent event, String subject, String... scopes) {
        RequestContext.Authorizer.JWT jwt = new RequestContext.Authorizer.JWT();
        Map<String, String> claims = new java.util.LinkedHashMap<>();
        claims.put("sub", subject);
        if (scopes.length > 0) {
            claims.put("scope", String.join(" ", scopes));
        }
        jwt.setClaims(claims);
        RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
        authorizer.setJwt(jwt);
        event.getRequestContext().setAuthorizer(authorizer);
        return event;
    }

    /** @throws IllegalArgumentException when {@code json} is not a JSON object */
    public static APIGatewayV2HTTPEvent fromJson(String json) {
        JsonNode root = Json.read(json);
        if (!root.isObject()) {
            throw new IllegalArgumentException("an API Gateway event is a JSON object");
        }
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion(text(root, "version"));
        event.setRouteKey(text(root, "routeKey"));
        event.setRawPath(text(root, "rawPath"));
        event.setRawQueryString(text(root, "rawQueryString"));
        event.setCookies(texts(root.get("cookies")));
        event.setHeaders(map(root.get("headers")));
        event.setQueryStringParameters(map(root.get("queryStringParameters")));
        event.setPathParameters(map(root.get("pathParameters")));
        event.setStageVariables(map(root.get("stageVariables")));
        event.setBody(text(root, "body"));
        event.setIsBase64Encoded(root.path("isBase64Encoded").asBoolean(false));
        JsonNode context = root.get("requestContext");
        if (context != null && context.isObject()) {
            event.setRequestContext(requestContext(context));
        }
        return event;
    }

    public static String toJson(APIGatewayV2HTTPResponse response) {
        ObjectNode json = Json.object();
        json.put("statusCode", response.getStatusCode());
        putMap(json, "headers", response.getHeaders());
        if (response.getMultiValueHeaders() != null) {
            ObjectNode multi = json.putObject("multiValueHeaders");
            response.getMultiValueHeaders().forEach((name, values) -> putTexts(multi, name, values));
        }
        putTexts(json, "cookies", response.getCookies());
        if (response.getBody() != null) {
            json.put("body", response.getBody());
        }
        json.put("isBase64Encoded", response.getIsBase64Encoded());
        return Json.write(json);
    }

    /** The inverse of {@link #toJson(APIGatewayV2HTTPResponse)}, e.g. for a Lambda invoked over HTTP. */
    public static APIGatewayV2HTTPResponse responseFromJson(String json) {
        JsonNode root = Json.read(json);
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(root.path("statusCode").asInt(200));
        response.setHeaders(map(root.get("headers")));
        response.setCookies(texts(root.get("cookies")));
        response.setBody(text(root, "body"));
        response.setIsBase64Encoded(root.path("isBase64Encoded").asBoolean(false));
        return response;
    }

    /** An event in the wire format, e.g. for the local server to invoke a Lambda with. */
    public static String toJson(APIGatewayV2HTTPEvent event) {
        ObjectNode json = Json.object();
        putText(json, "version", event.getVersion());
        putText(json, "routeKey", event.getRouteKey());
        putText(json, "rawPath", event.getRawPath());
        putText(json, "rawQueryString", event.getRawQueryString());
        putTexts(json, "cookies", event.getCookies());
        putMap(json, "headers", event.getHeaders());
        putMap(json, "queryStringParameters", event.getQueryStringParameters());
        putMap(json, "pathParameters", event.getPathParameters());
        putMap(json, "stageVariables", event.getStageVariables());
        RequestContext context = event.getRequestContext();
        if (context != null) {
            ObjectNode rc = json.putObject("requestContext");
            putText(rc, "accountId", context.getAccountId());
            putText(rc, "apiId", context.getApiId());
            putText(rc, "domainName", context.getDomainName());
            putText(rc, "domainPrefix", context.getDomainPrefix());
            putText(rc, "requestId", context.getRequestId());
            putText(rc, "routeKey", context.getRouteKey());
            putText(rc, "stage", context.getStage());
            putText(rc, "time", context.getTime());
            rc.put("timeEpoch", context.getTimeEpoch());
            if (context.getHttp() != null) {
                ObjectNode http = rc.putObject("http");
                putText(http, "method", context.getHttp().getMethod());
                putText(http, "path", context.getHttp().getPath());
                putText(http, "protocol", context.getHttp().getProtocol());
                putText(http, "sourceIp", context.getHttp().getSourceIp());
                putText(http, "userAgent", context.getHttp().getUserAgent());
            }
            if (context.getAuthorizer() != null) {
                writeAuthorizer(rc.putObject("authorizer"), context.getAuthorizer());
            }
        }
        putText(json, "body", event.getBody());
        json.put("isBase64Encoded", event.getIsBase64Encoded());
        return Json.write(json);
    }

    private static RequestContext requestContext(JsonNode node) {
        RequestContext context = new RequestContext();
        context.setAccountId(text(node, "accountId"));
        context.setApiId(text(node, "apiId"));
        context.setDomainName(text(node, "domainName"));
        context.setDomainPrefix(text(node, "domainPrefix"));
        context.setRequestId(text(node, "requestId"));
        context.setRouteKey(text(node, "routeKey"));
        context.setStage(text(node, "stage"));
        context.setTime(text(node, "time"));
        context.setTimeEpoch(node.path("timeEpoch").asLong(0));
        JsonNode http = node.get("http");
        if (http != null && http.isObject()) {
            RequestContext.Http h = new RequestContext.Http();
            h.setMethod(text(http, "method"));
            h.setPath(text(http, "path"));
            h.setProtocol(text(http, "protocol"));
            h.setSourceIp(text(http, "sourceIp"));
            h.setUserAgent(text(http, "userAgent"));
            context.setHttp(h);
        }
        JsonNode authorizer = node.get("authorizer");
        if (authorizer != null && authorizer.isObject()) {
            context.setAuthorizer(authorizer(authorizer));
        }
        return context;
    }

    private static RequestContext.Authorizer authorizer(JsonNode node) {
        RequestContext.Authorizer authorizer = new RequestContext.Authorizer();
        JsonNode jwt = node.get("jwt");
        if (jwt != null && jwt.isObject()) {
            RequestContext.Authorizer.JWT token = new RequestContext.Authorizer.JWT();
            token.setClaims(map(jwt.get("claims")));
            token.setScopes(texts(jwt.get("scopes")));
            authorizer.setJwt(token);
        }
        JsonNode iam = node.get("iam");
        if (iam != null && iam.isObject()) {
            RequestContext.IAM caller = new RequestContext.IAM();
            caller.setAccessKey(text(iam, "accessKey"));
            caller.setAccountId(text(iam, "accountId"));
            caller.setCallerId(text(iam, "callerId"));
            caller.setPrincipalOrgId(text(iam, "principalOrgId"));
            caller.setUserArn(text(iam, "userArn"));
            caller.setUserId(text(iam, "userId"));
            JsonNode cognito = iam.get("cognitoIdentity");
            if (cognito != null && cognito.isObject()) {
                RequestContext.CognitoIdentity identity = new RequestContext.CognitoIdentity();
                identity.setAmr(texts(cognito.get("amr")));
                identity.setIdentityId(text(cognito, "identityId"));
                identity.setIdentityPoolId(text(cognito, "identityPoolId"));
                caller.setCognitoIdentity(identity);
            }
            authorizer.setIam(caller);
        }
        JsonNode lambda = node.get("lambda");
        if (lambda != null && lambda.isObject()) {
            // a Lambda authorizer's context is free-form; untyped maps need no bean introspection
            @SuppressWarnings("unchecked")
            Map<String, Object> context = Json.MAPPER.convertValue(lambda, Map.class);
            authorizer.setLambda(context);
        }
        return authorizer;
    }

    private static void writeAuthorizer(ObjectNode json, RequestContext.Authorizer authorizer) {
        if (authorizer.getJwt() != null) {
            ObjectNode jwt = json.putObject("jwt");
            putMap(jwt, "claims", authorizer.getJwt().getClaims());
            putTexts(jwt, "scopes", authorizer.getJwt().getScopes());
        }
        RequestContext.IAM iam = authorizer.getIam();
        if (iam != null) {
            ObjectNode caller = json.putObject("iam");
            putText(caller, "accessKey", iam.getAccessKey());
            putText(caller, "accountId", iam.getAccountId());
            putText(caller, "callerId", iam.getCallerId());
            putText(caller, "principalOrgId", iam.getPrincipalOrgId());
            putText(caller, "userArn", iam.getUserArn());
            putText(caller, "userId", iam.getUserId());
            if (iam.getCognitoIdentity() != null) {
                ObjectNode identity = caller.putObject("cognitoIdentity");
                putTexts(identity, "amr", iam.getCognitoIdentity().getAmr());
                putText(identity, "identityId", iam.getCognitoIdentity().getIdentityId());
                putText(identity, "identityPoolId", iam.getCognitoIdentity().getIdentityPoolId());
            }
        }
        if (authorizer.getLambda() != null) {
            json.set("lambda", Json.MAPPER.valueToTree(authorizer.getLambda()));
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

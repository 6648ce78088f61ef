package dev.eventline.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request as API Gateway's HTTP API hands it to a Lambda function (payload format 2.0), holding
 * the parts Eventline reads or writes, under their wire names. Eventline's own record rather than
 * the Lambda events library's bean: {@link ApiGatewayEvents} reads and writes it field by field, so a
 * function's jar carries neither the events library nor the Joda-Time its serializer would load,
 * and the JSON in is exactly the JSON API Gateway sends.
 *
 * <p>Maps and lists are {@code null} when the event has none (as on the wire, where API Gateway
 * leaves them out); the {@code with…} methods give a changed copy, for tests and the local server.
 */
public record HttpApiEvent(
        String version,
        String routeKey,
        String rawPath,
        String rawQueryString,
        List<String> cookies,
        Map<String, String> headers,
        Map<String, String> queryStringParameters,
        Map<String, String> pathParameters,
        RequestContext requestContext,
        String body,
        boolean isBase64Encoded) {

    /** {@code requestContext}: who called, how, and which route API Gateway selected. */
    public record RequestContext(
            String accountId,
            String apiId,
            String domainName,
            String domainPrefix,
            String requestId,
            String routeKey,
            String stage,
            String time,
            long timeEpoch,
            Http http,
            Authorizer authorizer) {

        public RequestContext withRequestId(String id) {
            return new RequestContext(
                    accountId, apiId, domainName, domainPrefix, id, routeKey, stage, time, timeEpoch, http, authorizer);
        }

        public RequestContext withRouteKey(String key) {
            return new RequestContext(
                    accountId,
                    apiId,
                    domainName,
                    domainPrefix,
                    requestId,
                    key,
                    stage,
                    time,
                    timeEpoch,
                    http,
                    authorizer);
        }

        public RequestContext withHttp(Http changed) {
            return new RequestContext(
                    accountId,
                    apiId,
                    domainName,
                    domainPrefix,
                    requestId,
                    routeKey,
                    stage,
                    time,
                    timeEpoch,
                    changed,
                    authorizer);
        }

        public RequestContext withAuthorizer(Authorizer changed) {
            return new RequestContext(
                    accountId,
                    apiId,
                    domainName,
                    domainPrefix,
                    requestId,
                    routeKey,
                    stage,
                    time,
                    timeEpoch,
                    http,
                    changed);
        }
    }

    /** {@code requestContext.http}. */
    public record Http(String method, String path, String protocol, String sourceIp, String userAgent) {
        public Http withMethod(String changed) {
            return new Http(changed, path, protocol, sourceIp, userAgent);
        }

        public Http withPath(String changed) {
            return new Http(method, changed, protocol, sourceIp, userAgent);
        }
    }

    /**
     * {@code requestContext.authorizer}: what the route's authorizer let through, one of a JWT
     * authorizer's token, an IAM caller or a Lambda authorizer's free-form context.
     */
    public record Authorizer(Jwt jwt, Iam iam, Map<String, Object> lambda) {
        public static Authorizer ofJwt(Map<String, String> claims, List<String> scopes) {
            return new Authorizer(new Jwt(claims, scopes), null, null);
        }
    }

    /** {@code authorizer.jwt}: the token's claims (as strings) and the scopes API Gateway matched. */
    public record Jwt(Map<String, String> claims, List<String> scopes) {}

    /** {@code authorizer.iam}: the SigV4 caller. */
    public record Iam(
            String accessKey,
            String accountId,
            String callerId,
            String principalOrgId,
            String userArn,
            String userId) {}

    /** The HTTP method, {@code null} when the event has none. */
    public String method() {
        return requestContext == null || requestContext.http() == null
                ? null
                : requestContext.http().method();
    }

    public HttpApiEvent withRawPath(String path) {
        return new HttpApiEvent(
                version,
                routeKey,
                path,
                rawQueryString,
                cookies,
                headers,
                queryStringParameters,
                pathParameters,
                requestContext,
                body,
                isBase64Encoded);
    }

    /** Another path, in {@code rawPath} and in {@code requestContext.http.path}. */
    public HttpApiEvent withPath(String path) {
        return withRawPath(path).withHttp(http -> http.withPath(path));
    }

    public HttpApiEvent withMethod(String method) {
        return withHttp(http -> http.withMethod(method));
    }

    public HttpApiEvent withHeaders(Map<String, String> changed) {
        return new HttpApiEvent(
                version,
                routeKey,
                rawPath,
                rawQueryString,
                cookies,
                changed,
                queryStringParameters,
                pathParameters,
                requestContext,
                body,
                isBase64Encoded);
    }

    /** One header added or replaced, the others kept. */
    public HttpApiEvent withHeader(String name, String value) {
        Map<String, String> changed = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        changed.put(name, value);
        return withHeaders(changed);
    }

    public HttpApiEvent withBody(String changed) {
        return new HttpApiEvent(
                version,
                routeKey,
                rawPath,
                rawQueryString,
                cookies,
                headers,
                queryStringParameters,
                pathParameters,
                requestContext,
                changed,
                isBase64Encoded);
    }

    public HttpApiEvent withBase64Encoded(boolean encoded) {
        return new HttpApiEvent(
                version,
                routeKey,
                rawPath,
                rawQueryString,
                cookies,
                headers,
                queryStringParameters,
                pathParameters,
                requestContext,
                body,
                encoded);
    }

    /** Both query forms: the parsed parameters and the raw string (either may be {@code null}). */
    public HttpApiEvent withQuery(Map<String, String> parameters, String raw) {
        return new HttpApiEvent(
                version,
                routeKey,
                rawPath,
                raw,
                cookies,
                headers,
                parameters,
                pathParameters,
                requestContext,
                body,
                isBase64Encoded);
    }

    /**
     * The route API Gateway selected: the key, at the top level and in the request context, and the
     * path parameters ({@code null} when there are none, as API Gateway leaves them out).
     */
    public HttpApiEvent withRoute(String key, Map<String, String> parameters) {
        return new HttpApiEvent(
                version,
                key,
                rawPath,
                rawQueryString,
                cookies,
                headers,
                queryStringParameters,
                parameters == null || parameters.isEmpty() ? null : new LinkedHashMap<>(parameters),
                requestContext == null ? null : requestContext.withRouteKey(key),
                body,
                isBase64Encoded);
    }

    /** Only the top-level route key and path parameters, the request context left as it is. */
    public HttpApiEvent withRouteKey(String key, Map<String, String> parameters) {
        return new HttpApiEvent(
                version,
                key,
                rawPath,
                rawQueryString,
                cookies,
                headers,
                queryStringParameters,
                parameters,
                requestContext,
                body,
                isBase64Encoded);
    }

    public HttpApiEvent withRequestContext(RequestContext changed) {
        return new HttpApiEvent(
                version,
                routeKey,
                rawPath,
                rawQueryString,
                cookies,
                headers,
                queryStringParameters,
                pathParameters,
                changed,
                body,
                isBase64Encoded);
    }

    public HttpApiEvent withAuthorizer(Authorizer authorizer) {
        return withRequestContext(requestContext.withAuthorizer(authorizer));
    }

    private HttpApiEvent withHttp(java.util.function.UnaryOperator<Http> change) {
        return withRequestContext(requestContext.withHttp(change.apply(requestContext.http())));
    }
}

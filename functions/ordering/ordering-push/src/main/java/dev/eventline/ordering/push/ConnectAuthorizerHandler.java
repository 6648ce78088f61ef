package dev.eventline.ordering.push;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.StructuredLogger;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket API's {@code $connect} authorizer (a Lambda REQUEST authorizer, identity source
 * {@code route.request.querystring.token}: a browser cannot set headers on a WebSocket): the token
 * passes the HTTP API's JWT checks ({@link JwtVerifier}, issuer {@code JWT_ISSUER}, audiences
 * {@code JWT_AUDIENCE}, comma-separated), then the answer is an IAM policy allowing
 * {@code execute-api:Invoke} on exactly the route being authorized ({@code methodArn}), with the
 * token's {@code sub} as {@code principalId} and {@code sub}, {@code scopes} (space-separated) in
 * the context: API Gateway repeats both on every route of the connection, where {@link PushHandler}
 * reads the principal.
 *
 * <p>A token that fails a check is denied (API Gateway answers 403, the handshake fails); an issuer
 * whose keys cannot be read makes the invocation fail (500), since that says nothing about the token.
 */
public final class ConnectAuthorizerHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final JwtVerifier verifier;
    private final StructuredLogger log;

    /** Called by Lambda. */
    public ConnectAuthorizerHandler() {
        this(LambdaEnvironment.fromSystem(), Clock.systemUTC());
    }

    /** For the local runtime, which builds every function of the templates (its gateway checks tokens itself). */
    public ConnectAuthorizerHandler(LambdaEnvironment env) {
        this(env, Clock.systemUTC());
    }

    public ConnectAuthorizerHandler(LambdaEnvironment env, Clock clock) {
        this(
                new JwtVerifier(
                        env.require("JWT_ISSUER"),
                        audiences(env.require("JWT_AUDIENCE")),
                        new IssuerKeys(
                                env.require("JWT_ISSUER"),
                                HttpClient.newBuilder()
                                        .connectTimeout(Duration.ofSeconds(2))
                                        .build(),
                                clock),
                        clock),
                StructuredLogger.fromEnvironment(env, clock));
    }

    ConnectAuthorizerHandler(JwtVerifier verifier, StructuredLogger log) {
        this.verifier = verifier;
        this.log = log;
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String methodArn = String.valueOf(event.get("methodArn"));
        return switch (verifier.verify(token(event))) {
            case JwtVerifier.Verified verified -> {
                Map<String, Object> claims = new LinkedHashMap<>();
                claims.put("sub", verified.subject());
                claims.put("scopes", String.join(" ", verified.scopes()));
                yield policy(verified.subject(), "Allow", methodArn, claims);
            }
            case JwtVerifier.Rejected rejected -> {
                log.with("reason", rejected.reason()).info("websocket connect refused");
                yield policy("anonymous", "Deny", methodArn, Map.of());
            }
        };
    }

    private static String token(Map<String, Object> event) {
        if (event.get("queryStringParameters") instanceof Map<?, ?> query && query.get("token") instanceof String t) {
            return t;
        }
        return null;
    }

    private static Map<String, Object> policy(
            String principal, String effect, String methodArn, Map<String, Object> context) {
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("Action", "execute-api:Invoke");
        statement.put("Effect", effect);
        statement.put("Resource", methodArn);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", List.of(statement));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("principalId", principal);
        response.put("policyDocument", document);
        response.put("context", context);
        return response;
    }

    static List<String> audiences(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }
}

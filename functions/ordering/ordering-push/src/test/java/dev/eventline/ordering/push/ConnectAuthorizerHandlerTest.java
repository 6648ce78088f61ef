package dev.eventline.ordering.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.eventline.lambda.LambdaEnvironment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code $connect} authorizer against an issuer served by the JDK's HTTP server: a discovery
 * document and a JWKS of key pairs generated here, tokens signed here.
 */
class ConnectAuthorizerHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUDIENCE = "eventline-dev-api";
    private static final String METHOD_ARN = "arn:aws:execute-api:eu-west-1:123456789012:abc123/dev/$connect";

    private final Clock clock = Clock.systemUTC();
    private final KeyPair key = rsaKeyPair();
    private final Map<String, KeyPair> published = new LinkedHashMap<>(Map.of("k1", key));
    private final AtomicInteger jwksRequests = new AtomicInteger();
    private final HttpServer issuerServer = issuer();
    private final String issuer =
            "http://127.0.0.1:" + issuerServer.getAddress().getPort();
    private final ConnectAuthorizerHandler handler = new ConnectAuthorizerHandler(
            new LambdaEnvironment(Map.of("JWT_ISSUER", issuer, "JWT_AUDIENCE", "other-api, " + AUDIENCE)), clock);

    @AfterEach
    void stop() {
        issuerServer.stop(0);
    }

    @Test
    void a_valid_token_is_allowed_to_invoke_exactly_the_connect_route_as_its_subject_with_its_scopes() {
        var response = handler.handleRequest(connect(token("k1", key, claims("alice"))), null);

        assertThat(response).containsEntry("principalId", "alice");
        assertThat(response.get("policyDocument"))
                .isEqualTo(Map.of(
                        "Version",
                        "2012-10-17",
                        "Statement",
                        List.of(Map.of("Action", "execute-api:Invoke", "Effect", "Allow", "Resource", METHOD_ARN))));
        assertThat(response.get("context")).isEqualTo(Map.of("sub", "alice", "scopes", "orders/read orders/write"));
    }

    @Test
    void tokens_failing_any_check_of_the_http_apis_jwt_authorizer_are_denied() {
        Instant now = clock.instant();
        var otherKey = rsaKeyPair();
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("expired", with(claims("alice"), "exp", now.minusSeconds(1).getEpochSecond()));
        refused.put("no exp", without(claims("alice"), "exp"));
        refused.put(
                "not yet valid",
                with(claims("alice"), "nbf", now.plusSeconds(60).getEpochSecond()));
        refused.put("another issuer", with(claims("alice"), "iss", issuer + "/other"));
        refused.put("another audience", with(claims("alice"), "aud", "someone-else"));
        refused.put("no subject", without(claims("alice"), "sub"));
        for (var entry : refused.entrySet()) {
            assertThat(denied(token("k1", key, entry.getValue())))
                    .as(entry.getKey())
                    .isTrue();
        }
        assertThat(denied(token("k1", otherKey, claims("alice"))))
                .as("signed by another key")
                .isTrue();
        assertThat(denied(token("k9", otherKey, claims("alice"))))
                .as("a kid the issuer does not have")
                .isTrue();
        assertThat(denied(unsigned(claims("alice")))).as("alg none").isTrue();
        assertThat(denied("not.a.jwt")).as("garbage").isTrue();
        assertThat(denied("x".repeat(JwtVerifier.MAX_TOKEN_LENGTH + 1)))
                .as("oversized")
                .isTrue();
        assertThat(handler.handleRequest(Map.of("type", "REQUEST", "methodArn", METHOD_ARN), null))
                .as("no token")
                .containsEntry("principalId", "anonymous");
    }

    @Test
    void the_audience_may_be_a_list_or_the_client_id() {
        assertThat(denied(token("k1", key, with(claims("alice"), "aud", List.of("x", AUDIENCE)))))
                .isFalse();
        assertThat(denied(token("k1", key, with(without(claims("alice"), "aud"), "client_id", AUDIENCE))))
                .isFalse();
    }

    @Test
    void the_issuers_keys_are_fetched_once_and_a_rotated_key_is_fetched_when_a_token_names_it() {
        for (int i = 0; i < 5; i++) {
            assertThat(denied(token("k1", key, claims("alice")))).isFalse();
        }
        assertThat(jwksRequests).as("cached").hasValue(1);

        var rotated = rsaKeyPair();
        published.put("k2", rotated);
        var keys = new IssuerKeys(issuer, HttpClient.newHttpClient(), clock);
        assertThat(keys.key("k1")).isPresent();
        assertThat(keys.key("k2")).as("published before the first fetch").isPresent();
        var later = Clock.offset(clock, IssuerKeys.REFETCH_INTERVAL.plus(Duration.ofSeconds(1)));
        var handlerLater = new ConnectAuthorizerHandler(
                new LambdaEnvironment(Map.of("JWT_ISSUER", issuer, "JWT_AUDIENCE", AUDIENCE)), later);
        assertThat(handlerLater.handleRequest(connect(token("k2", rotated, claims("bob"))), null))
                .containsEntry("principalId", "bob");
    }

    @Test
    void an_unreachable_issuer_fails_the_invocation_instead_of_denying_a_token_it_never_checked() {
        issuerServer.stop(0);

        assertThatThrownBy(() -> handler.handleRequest(connect(token("k1", key, claims("alice"))), null))
                .isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void keys_are_fetched_over_https_except_from_this_machine() {
        assertThatThrownBy(() -> new IssuerKeys("http://issuer.example.com", HttpClient.newHttpClient(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HTTPS");
        new IssuerKeys("https://issuer.example.com", HttpClient.newHttpClient(), clock);
        new IssuerKeys("http://127.0.0.1:1", HttpClient.newHttpClient(), clock);
    }

    private boolean denied(String token) {
        var response = handler.handleRequest(connect(token), null);
        @SuppressWarnings("unchecked")
        var statement = ((List<Map<String, Object>>)
                        ((Map<String, Object>) response.get("policyDocument")).get("Statement"))
                .getFirst();
        return statement.get("Effect").equals("Deny")
                && response.get("principalId").equals("anonymous");
    }

    private static Map<String, Object> connect(String token) {
        return Map.of("type", "REQUEST", "methodArn", METHOD_ARN, "queryStringParameters", Map.of("token", token));
    }

    private Map<String, Object> claims(String subject) {
        Instant now = clock.instant();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer);
        claims.put("sub", subject);
        claims.put("aud", AUDIENCE);
        claims.put("scope", "orders/read orders/write");
        claims.put("iat", now.getEpochSecond());
        claims.put("nbf", now.minusSeconds(5).getEpochSecond());
        claims.put("exp", now.plusSeconds(300).getEpochSecond());
        return claims;
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        var copy = new LinkedHashMap<>(claims);
        copy.put(name, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        var copy = new LinkedHashMap<>(claims);
        copy.remove(name);
        return copy;
    }

    private static String token(String kid, KeyPair signer, Map<String, Object> claims) {
        try {
            String input = b64(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT", "kid", kid))) + "."
                    + b64(JSON.writeValueAsBytes(claims));
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(signer.getPrivate());
            signature.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64(signature.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String unsigned(Map<String, Object> claims) {
        try {
            return b64(JSON.writeValueAsBytes(Map.of("alg", "none", "kid", "k1"))) + "."
                    + b64(JSON.writeValueAsBytes(claims)) + ".";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsaKeyPair() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpServer issuer() {
        try {
            var server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            server.createContext("/.well-known/openid-configuration", exchange -> {
                byte[] body = JSON.writeValueAsBytes(Map.of("issuer", base, "jwks_uri", base + "/jwks.json"));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.createContext("/jwks.json", exchange -> {
                jwksRequests.incrementAndGet();
                var keys = published.entrySet().stream()
                        .map(e -> {
                            var rsa = (RSAPublicKey) e.getValue().getPublic();
                            return Map.of(
                                    "kty",
                                    "RSA",
                                    "kid",
                                    e.getKey(),
                                    "use",
                                    "sig",
                                    "alg",
                                    "RS256",
                                    "n",
                                    b64(unsigned(rsa.getModulus())),
                                    "e",
                                    b64(unsigned(rsa.getPublicExponent())));
                        })
                        .toList();
                byte[] body = JSON.writeValueAsBytes(Map.of("keys", keys));
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        return bytes[0] == 0 ? java.util.Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
    }
}

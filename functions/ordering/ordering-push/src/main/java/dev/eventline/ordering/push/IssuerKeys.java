package dev.eventline.ordering.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The issuer's signing keys, as API Gateway's JWT authorizer finds them: the issuer's OpenID
 * discovery document ({@code <issuer>/.well-known/openid-configuration}) names the {@code jwks_uri};
 * its RSA keys are kept by {@code kid}. Fetched over HTTPS (plain HTTP only for a loopback issuer,
 * which is a test's or the local stack's) and cached for {@link #TIME_TO_LIVE}; a {@code kid} not in
 * the cache refetches, at most once per {@link #REFETCH_INTERVAL}, so a rotated key is picked up
 * without letting tokens with made-up {@code kid}s turn every connect into a request to the issuer.
 */
public final class IssuerKeys {
    public static final Duration TIME_TO_LIVE = Duration.ofMinutes(10);
    public static final Duration REFETCH_INTERVAL = Duration.ofSeconds(30);
    /** A JWKS or discovery document larger than this is refused (no limit sized by the other side). */
    static final int MAX_DOCUMENT_BYTES = 64 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final URI issuer;
    private final HttpClient http;
    private final Clock clock;
    private Map<String, PublicKey> keys = Map.of();
    private Instant fetchedAt = Instant.MIN;

    public IssuerKeys(String issuer, HttpClient http, Clock clock) {
        this.issuer = URI.create(issuer);
        this.http = http;
        this.clock = clock;
        requireSecure(this.issuer);
    }

    /**
     * The key {@code kid} names, or empty when the issuer has none by that id.
     *
     * @throws UncheckedIOException when the issuer cannot be reached or answers nonsense: the caller
     *     must not take that for a bad token (API Gateway answers 500, the client retries)
     */
    public synchronized Optional<PublicKey> key(String kid) {
        Instant now = clock.instant();
        boolean stale = now.isAfter(fetchedAt.plus(TIME_TO_LIVE));
        boolean unknownAndMayRefetch = !keys.containsKey(kid) && now.isAfter(fetchedAt.plus(REFETCH_INTERVAL));
        if (stale || unknownAndMayRefetch) {
            keys = fetch();
            fetchedAt = now;
        }
        return Optional.ofNullable(keys.get(kid));
    }

    private Map<String, PublicKey> fetch() {
        String base = issuer.toString().endsWith("/")
                ? issuer.toString().substring(0, issuer.toString().length() - 1)
                : issuer.toString();
        JsonNode discovery = get(URI.create(base + "/.well-known/openid-configuration"));
        String jwksUri = discovery.path("jwks_uri").asText("");
        if (jwksUri.isEmpty()) {
            throw new UncheckedIOException(new IOException("the discovery document of " + issuer + " has no jwks_uri"));
        }
        URI jwks = URI.create(jwksUri);
        requireSecure(jwks);
        Map<String, PublicKey> found = new HashMap<>();
        for (JsonNode key : get(jwks).path("keys")) {
            if ("RSA".equals(key.path("kty").asText())
                    && !key.path("kid").asText("").isEmpty()
                    && !"enc".equals(key.path("use").asText())) {
                found.put(key.path("kid").asText(), rsa(key));
            }
        }
        return Map.copyOf(found);
    }

    private JsonNode get(URI uri) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            if (response.body().length > MAX_DOCUMENT_BYTES) {
                throw new IOException(uri + " answered more than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted reading " + uri, e));
        }
    }

    private static PublicKey rsa(JsonNode key) {
        try {
            var modulus = new BigInteger(
                    1, Base64.getUrlDecoder().decode(key.path("n").asText()));
            var exponent = new BigInteger(
                    1, Base64.getUrlDecoder().decode(key.path("e").asText()));
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new UncheckedIOException(
                    new IOException("the issuer's key " + key.path("kid") + " is no RSA key", e));
        }
    }

    /** HTTPS, except towards this machine: a key fetched in the clear could be anyone's. */
    static void requireSecure(URI uri) {
        if ("https".equals(uri.getScheme())) {
            return;
        }
        if ("http".equals(uri.getScheme()) && isLoopback(uri.getHost())) {
            return;
        }
        throw new IllegalArgumentException("the issuer's keys must be fetched over HTTPS: " + uri);
    }

    private static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        // literal addresses only: a name would be resolved, and could resolve anywhere
        if (!host.matches("[0-9.]+|\\[[0-9a-fA-F:]+]")) {
            return false;
        }
        try {
            return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}

package dev.eventline.ordering.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The checks API Gateway's JWT authorizer makes on the HTTP API, for the WebSocket API's
 * {@code $connect}, which has no JWT authorizer of its own: a compact JWS signed RS256 by a key of
 * the issuer's JWKS (by {@code kid}); {@code iss} is the issuer; {@code aud} (or {@code client_id})
 * is one of the audiences; {@code exp} in the future, {@code nbf} (when present) in the past. JDK
 * crypto and Jackson only, so the function jar carries no JOSE library.
 */
public final class JwtVerifier {
    /** A token longer than this is refused before any decoding (a query parameter has no other bound). */
    public static final int MAX_TOKEN_LENGTH = 8 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String issuer;
    private final List<String> audiences;
    private final IssuerKeys keys;
    private final Clock clock;

    public JwtVerifier(String issuer, List<String> audiences, IssuerKeys keys, Clock clock) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audiences = List.copyOf(audiences);
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (this.audiences.isEmpty()) {
            throw new IllegalArgumentException("at least one audience");
        }
    }

    public sealed interface Result {}

    /** @param scopes of the token's {@code scope} (or {@code scp}) claim, possibly none */
    public record Verified(String subject, List<String> scopes) implements Result {}

    /** {@code reason} is for the function's log, never for the caller. */
    public record Rejected(String reason) implements Result {}

    /**
     * @throws java.io.UncheckedIOException when the issuer's keys cannot be read: not the token's fault
     */
    public Result verify(String token) {
        if (token == null || token.isBlank()) {
            return new Rejected("no token");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            return new Rejected("token longer than " + MAX_TOKEN_LENGTH);
        }
        String[] parts = token.strip().split("\\.", -1);
        if (parts.length != 3) {
            return new Rejected("not a compact JWS");
        }
        JsonNode header;
        JsonNode claims;
        byte[] signature;
        try {
            header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IOException | IllegalArgumentException e) {
            return new Rejected("not a signed JWT");
        }
        if (header == null || !header.isObject() || claims == null || !claims.isObject()) {
            return new Rejected("not a signed JWT");
        }
        if (!"RS256".equals(header.path("alg").asText())) {
            return new Rejected("algorithm " + header.path("alg") + " is not RS256");
        }
        String kid = header.path("kid").asText("");
        if (kid.isEmpty()) {
            return new Rejected("no kid");
        }
        Optional<PublicKey> key = keys.key(kid);
        if (key.isEmpty()) {
            return new Rejected("no key " + kid + " in the issuer's JWKS");
        }
        if (!signatureValid(key.get(), parts[0] + "." + parts[1], signature)) {
            return new Rejected("bad signature");
        }
        if (!issuer.equals(claims.path("iss").asText(null))) {
            return new Rejected("issuer " + claims.path("iss") + " is not " + issuer);
        }
        if (!audienceMatches(claims)) {
            return new Rejected("audience " + claims.path("aud") + " is none of " + audiences);
        }
        Instant now = clock.instant();
        if (!claims.path("exp").isNumber()
                || !now.isBefore(Instant.ofEpochSecond(claims.path("exp").asLong()))) {
            return new Rejected("expired or without exp");
        }
        if (claims.has("nbf")
                && (!claims.path("nbf").isNumber()
                        || now.isBefore(Instant.ofEpochSecond(claims.path("nbf").asLong())))) {
            return new Rejected("not valid yet");
        }
        String subject = claims.path("sub").asText("");
        if (subject.isEmpty()) {
            return new Rejected("no sub");
        }
        return new Verified(subject, scopes(claims));
    }

    private static boolean signatureValid(PublicKey key, String signingInput, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private boolean audienceMatches(JsonNode claims) {
        JsonNode aud = claims.path("aud");
        if (aud.isTextual() && audiences.contains(aud.asText())) {
            return true;
        }
        if (aud.isArray()) {
            for (JsonNode value : aud) {
                if (value.isTextual() && audiences.contains(value.asText())) {
                    return true;
                }
            }
        }
        JsonNode clientId = claims.path("client_id");
        return clientId.isTextual() && audiences.contains(clientId.asText());
    }

    private static List<String> scopes(JsonNode claims) {
        JsonNode scope = claims.has("scope") ? claims.get("scope") : claims.path("scp");
        List<String> scopes = new ArrayList<>();
        if (scope.isTextual()) {
            for (String value : scope.asText().strip().split("\\s+")) {
                if (!value.isEmpty()) {
                    scopes.add(value);
                }
            }
        } else if (scope.isArray()) {
            scope.forEach(value -> scopes.add(value.asText()));
        }
        return List.copyOf(scopes);
    }
}

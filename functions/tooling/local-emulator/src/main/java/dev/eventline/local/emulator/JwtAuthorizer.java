package dev.eventline.local.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.eventline.local.emulator.Topology.JwtRouteAuth;
import java.text.ParseException;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What API Gateway's JWT authorizer does before a request reaches a function, for whatever stands
 * in for API Gateway locally: the {@code Authorization} header holds a bearer JWT; signed RS256
 * by a key of the issuer's JWKS (found by {@code kid}); {@code iss} is the authorizer's issuer;
 * {@code aud} (or {@code client_id}) is one of its audiences; {@code exp} is in the future and
 * {@code nbf}, when present, in the past. Any failure is a 401. A route with authorization scopes
 * further needs one of them in the token's {@code scope} (or {@code scp}) claim, else 403.
 * On success the claims go to the function as API Gateway passes them: every value as a string.
 */
public final class JwtAuthorizer {
    private final JWKSet keys;

    public JwtAuthorizer(JWKSet keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** The outcome for one request. */
    public sealed interface Result {}

    /** @param claims as the event's {@code requestContext.authorizer.jwt.claims} carries them */
    public record Authorized(Map<String, String> claims, List<String> scopes) implements Result {}

    /** 401: no token, or one API Gateway would not accept. {@code reason} is for the local log only. */
    public record Unauthorized(String reason) implements Result {}

    /** 403: a valid token without any of the route's scopes. */
    public record Forbidden(List<String> requiredScopes) implements Result {}

    /**
     * @param authorization the request's {@code Authorization} header, if any
     * @param now           the local stack's clock
     */
    public Result authorize(Optional<String> authorization, JwtRouteAuth route, Instant now) {
        if (authorization.isEmpty()) {
            return new Unauthorized("no Authorization header");
        }
        String header = authorization.get().trim();
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new Unauthorized("not a bearer token");
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(header.substring(7).trim());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return new Unauthorized("not a signed JWT");
        }
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            return new Unauthorized("algorithm " + jwt.getHeader().getAlgorithm() + " is not RS256");
        }
        JWK key = jwt.getHeader().getKeyID() == null
                ? null
                : keys.getKeyByKeyId(jwt.getHeader().getKeyID());
        if (!(key instanceof RSAKey rsa)) {
            return new Unauthorized("no key " + jwt.getHeader().getKeyID() + " in the issuer's JWKS");
        }
        try {
            if (!jwt.verify(new RSASSAVerifier(rsa))) {
                return new Unauthorized("bad signature");
            }
        } catch (JOSEException e) {
            return new Unauthorized("signature not verifiable: " + e.getMessage());
        }
        if (!route.issuer().equals(claims.getIssuer())) {
            return new Unauthorized("issuer " + claims.getIssuer() + " is not " + route.issuer());
        }
        if (!audienceMatches(claims, route.audience())) {
            return new Unauthorized("audience " + claims.getAudience() + " is none of " + route.audience());
        }
        Date expires = claims.getExpirationTime();
        if (expires == null || !now.isBefore(expires.toInstant())) {
            return new Unauthorized("expired or without exp");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant())) {
            return new Unauthorized("not valid before " + notBefore.toInstant());
        }
        List<String> scopes = scopes(claims);
        if (!route.scopes().isEmpty() && route.scopes().stream().noneMatch(scopes::contains)) {
            return new Forbidden(route.scopes());
        }
        return new Authorized(asStrings(claims), route.scopes().isEmpty() ? null : scopes);
    }

    private static boolean audienceMatches(JWTClaimsSet claims, List<String> accepted) {
        if (claims.getAudience() != null && claims.getAudience().stream().anyMatch(accepted::contains)) {
            return true;
        }
        Object clientId = claims.getClaim("client_id");
        return clientId instanceof String id && accepted.contains(id);
    }

    private static List<String> scopes(JWTClaimsSet claims) {
        Object scope = claims.getClaim("scope") != null ? claims.getClaim("scope") : claims.getClaim("scp");
        if (scope instanceof String text) {
            return List.of(text.trim().split("\\s+"));
        }
        if (scope instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    /** Numbers as digits, arrays as {@code [a b]}: how API Gateway flattens claims for the function. */
    private static Map<String, String> asStrings(JWTClaimsSet claims) {
        Map<String, String> flat = new LinkedHashMap<>();
        claims.toJSONObject().forEach((name, value) -> {
            if (value instanceof Collection<?> values) {
                flat.put(
                        name,
                        "["
                                + String.join(
                                        " ",
                                        values.stream().map(String::valueOf).toList()) + "]");
            } else if (value != null) {
                flat.put(name, String.valueOf(value));
            }
        });
        // a single audience is a plain string in API Gateway's claims too
        if (claims.getAudience() != null && claims.getAudience().size() == 1) {
            flat.put("aud", claims.getAudience().getFirst());
        }
        return flat;
    }
}

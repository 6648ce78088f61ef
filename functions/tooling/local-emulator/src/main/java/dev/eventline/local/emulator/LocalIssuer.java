package dev.eventline.local.emulator;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The local stack's token issuer, standing in for Cognito or any OpenID provider: one RSA key pair
 * (RS256, what API Gateway's JWT authorizer accepts), generated at first start and kept in the
 * local state directory ({@code target/local-state/}, never committed), so tokens minted by
 * {@code make token} stay valid across restarts of {@code make up}. {@link #publicKeys()} is the
 * JWKS the local authorizer verifies against, as API Gateway fetches the issuer's.
 */
public final class LocalIssuer {
    static final String KEY_FILE = "local-issuer-key.json";

    private final RSAKey key;

    private LocalIssuer(RSAKey key) {
        this.key = key;
    }

    /** The project's issuer: {@code target/local-state/} under the repository root. */
    public static LocalIssuer ofProject() {
        return at(ProjectLayout.root().resolve("target/local-state"));
    }

    /** Loads the key pair kept in {@code stateDir}, or generates and keeps one there. */
    public static synchronized LocalIssuer at(Path stateDir) {
        Path file = stateDir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return new LocalIssuer(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
            }
            RSAKey generated = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyID(UUID.randomUUID().toString())
                    .generate();
            Files.createDirectories(stateDir);
            Path temporary = Files.createTempFile(stateDir, "issuer", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the file keeps the directory's ACL; it is a throw-away development key
            }
            Files.writeString(temporary, generated.toJSONString(), StandardCharsets.UTF_8);
            try {
                // a hard link appears whole and fails if the file exists: of two processes starting at
                // once (the local stack and make token), both end up with the key that won
                Files.createLink(file, temporary);
                return new LocalIssuer(generated);
            } catch (FileAlreadyExistsException anotherWon) {
                return new LocalIssuer(RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8)));
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the local issuer's key in " + stateDir, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(
                    "the local issuer's key in " + file + " is unusable; delete it to generate another", e);
        }
    }

    /** The public half only: what an authorizer needs. */
    public JWKSet publicKeys() {
        return new JWKSet(key.toPublicJWK());
    }

    /**
     * A signed access token as an OAuth 2.0 server issues it: {@code sub}, space-separated
     * {@code scope}, {@code iss}, {@code aud}, {@code iat}, {@code nbf} and {@code exp}.
     */
    public String mint(Claims claims) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                .subject(claims.subject())
                .issuer(claims.issuer())
                .audience(claims.audience())
                .issueTime(Date.from(claims.issuedAt()))
                .notBeforeTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.issuedAt().plus(claims.lifetime())))
                .jwtID(UUID.randomUUID().toString());
        if (!claims.scopes().isEmpty()) {
            set.claim("scope", String.join(" ", claims.scopes()));
        }
        return sign(set.build(), key);
    }

    /** Signs with any key; for tests that need a token this issuer did not sign. */
    public static String sign(JWTClaimsSet claims, RSAKey signingKey) {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(signingKey.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new RSASSASigner(signingKey));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }

    /** The signing key itself; for tests that forge tokens with another key of the same id. */
    public String keyId() {
        return key.getKeyID();
    }

    /**
     * @param lifetime from {@code issuedAt} to {@code exp}
     */
    public record Claims(
            String subject, List<String> scopes, String issuer, String audience, Instant issuedAt, Duration lifetime) {
        public Claims {
            Objects.requireNonNull(subject, "subject");
            scopes = List.copyOf(scopes);
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(audience, "audience");
            Objects.requireNonNull(issuedAt, "issuedAt");
            Objects.requireNonNull(lifetime, "lifetime");
        }
    }
}

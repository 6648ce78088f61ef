package dev.eventline.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.eventline.local.emulator.JwtAuthorizer.Authorized;
import dev.eventline.local.emulator.JwtAuthorizer.Forbidden;
import dev.eventline.local.emulator.JwtAuthorizer.Unauthorized;
import dev.eventline.local.emulator.Topology.JwtRouteAuth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtAuthorizerTest {
    private static final String ISSUER = "https://auth.eventline.example/dev";
    private static final String AUDIENCE = "eventline-dev-api";
    private static final JwtRouteAuth ANY_TOKEN = new JwtRouteAuth(ISSUER, List.of(AUDIENCE), List.of());
    private static final JwtRouteAuth STAFF_ONLY =
            new JwtRouteAuth(ISSUER, List.of(AUDIENCE), List.of("eventline/staff"));

    @TempDir
    Path state;

    private final Instant now = Clock.systemUTC().instant();

    private String token(LocalIssuer issuer, String issuerUrl, String audience, Instant issuedAt, String... scopes) {
        return "Bearer "
                + issuer.mint(new LocalIssuer.Claims(
                        "alice", List.of(scopes), issuerUrl, audience, issuedAt, Duration.ofHours(1)));
    }

    @Test
    void the_key_pair_is_made_once_and_kept_in_the_state_directory_for_the_owner_only() throws Exception {
        LocalIssuer first = LocalIssuer.at(state);
        LocalIssuer again = LocalIssuer.at(state);

        assertThat(again.keyId()).isEqualTo(first.keyId());
        assertThat(Files.getPosixFilePermissions(state.resolve(LocalIssuer.KEY_FILE))
                        .toString())
                .isEqualTo("[OWNER_READ, OWNER_WRITE]");
        assertThat(first.publicKeys().getKeys())
                .singleElement()
                .satisfies(key -> assertThat(key.isPrivate()).isFalse());
    }

    @Test
    void a_valid_token_passes_with_its_claims_as_strings() {
        LocalIssuer issuer = LocalIssuer.at(state);
        JwtAuthorizer authorizer = new JwtAuthorizer(issuer.publicKeys());

        JwtAuthorizer.Result result = authorizer.authorize(
                Optional.of(token(issuer, ISSUER, AUDIENCE, now, "eventline/staff")), STAFF_ONLY, now);

        assertThat(result).isInstanceOfSatisfying(Authorized.class, authorized -> {
            assertThat(authorized.claims())
                    .containsEntry("sub", "alice")
                    .containsEntry("scope", "eventline/staff")
                    .containsEntry("iss", ISSUER)
                    .containsEntry("aud", AUDIENCE);
            assertThat(authorized.claims().get("exp")).matches("[0-9]+");
        });
    }

    @Test
    void a_valid_token_without_the_routes_scope_is_forbidden() {
        LocalIssuer issuer = LocalIssuer.at(state);

        assertThat(new JwtAuthorizer(issuer.publicKeys())
                        .authorize(Optional.of(token(issuer, ISSUER, AUDIENCE, now)), STAFF_ONLY, now))
                .isEqualTo(new Forbidden(List.of("eventline/staff")));
    }

    @Test
    void what_api_gateway_refuses_is_unauthorized() throws Exception {
        LocalIssuer issuer = LocalIssuer.at(state);
        JwtAuthorizer authorizer = new JwtAuthorizer(issuer.publicKeys());
        RSAKey impostor = new RSAKeyGenerator(2048)
                .algorithm(JWSAlgorithm.RS256)
                .keyID(issuer.keyId())
                .generate();
        String forged = "Bearer "
                + LocalIssuer.sign(
                        new JWTClaimsSet.Builder()
                                .subject("alice")
                                .issuer(ISSUER)
                                .audience(AUDIENCE)
                                .expirationTime(Date.from(now.plusSeconds(600)))
                                .build(),
                        impostor);
        List<Optional<String>> refused = List.of(
                Optional.empty(),
                Optional.of("Basic YWxpY2U6c2VjcmV0"),
                Optional.of("Bearer not-a-jwt"),
                Optional.of(token(issuer, ISSUER, AUDIENCE, now.minus(Duration.ofHours(2)))),
                Optional.of(token(issuer, ISSUER, AUDIENCE, now.plus(Duration.ofMinutes(5)))),
                Optional.of(token(issuer, "https://evil.example/", AUDIENCE, now)),
                Optional.of(token(issuer, ISSUER, "another-api", now)),
                Optional.of(forged));

        for (Optional<String> authorization : refused) {
            assertThat(authorizer.authorize(authorization, ANY_TOKEN, now))
                    .as(authorization.toString())
                    .isInstanceOf(Unauthorized.class);
        }
    }
}

package dev.eventline.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrincipalTest {
    private static HttpApiEvent withClaims(Map<String, String> claims, List<String> scopes) {
        return Samples.event("get-order.json").withAuthorizer(HttpApiEvent.Authorizer.ofJwt(claims, scopes));
    }

    @Test
    void the_caller_is_the_jwt_subject_with_the_scopes_of_its_scope_claim_and_the_authorizers_list() {
        HttpRequest request = HttpRequest.from(
                withClaims(Map.of("sub", "alice", "scope", "openid  eventline/staff"), List.of("orders/read")));

        assertThat(request.principal())
                .isEqualTo(new Principal("alice", java.util.Set.of("openid", "eventline/staff", "orders/read")));
        assertThat(request.principal().isStaff()).isTrue();
    }

    @Test
    void without_staff_scope_a_caller_is_a_customer() {
        HttpRequest request = HttpRequest.from(withClaims(Map.of("sub", "alice"), null));

        assertThat(request.principal().isStaff()).isFalse();
        assertThat(request.principal().scopes()).isEmpty();
    }

    @Test
    void a_request_without_a_usable_subject_has_no_caller_and_asking_for_one_is_a_401() {
        for (Map<String, String> claims : List.of(Map.<String, String>of(), Map.of("sub", ""), Map.of("sub", "a b"))) {
            HttpRequest request = HttpRequest.from(withClaims(claims, null));

            assertThat(request.authenticated()).as(claims.toString()).isFalse();
            try {
                request.principal();
                throw new AssertionError("expected a 401 for " + claims);
            } catch (ProblemException e) {
                assertThat(e.problem().status()).isEqualTo(401);
            }
        }
        assertThat(HttpRequest.from(Samples.event("post-orders-base64-iam.json"))
                        .authenticated())
                .isFalse();
    }

    @Test
    void scoped_keys_of_different_callers_never_collide_whatever_the_subjects_contain() {
        Principal ab = new Principal("a:b", java.util.Set.of());
        Principal a = new Principal("a", java.util.Set.of());

        assertThat(ab.scopedKey("ordering:", "c")).isNotEqualTo(a.scopedKey("ordering:", "b:c"));
        assertThat(a.scopedKey("ordering:", "k")).isEqualTo("ordering:1:a:k");
    }
}

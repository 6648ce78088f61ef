package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.eventline.local.emulator.LocalIssuer;
import dev.eventline.local.emulator.Topology.JwtRouteAuth;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API as an attacker meets it, black box, through the local stack as {@code make up} runs it
 * (the local JWT authorizer in front, the real functions behind): every route with no token, with
 * another customer's, with the owner's and with staff's; forged, expired and misdirected tokens;
 * pre-claimed idempotency keys; forged consistency tokens; audit trails without staff.
 */
@WithEmulator
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessAttackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ALICE = "alice-" + UUID.randomUUID();
    private static final String MALLORY = "mallory-" + UUID.randomUUID();

    private final Emulator emulator;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient client = HttpClient.newHttpClient();
    private LocalRuntime runtime;
    private String alice;
    private String mallory;
    private String staff;

    AccessAttackTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @BeforeAll
    void start() {
        runtime = LocalRuntime.start(
                emulator.resources(), emulator.endpoint(), RuntimeSettings.FAST, Optional.of(0), Map.of(), clock);
        alice = Callers.bearer(clock, ALICE);
        mallory = Callers.bearer(clock, MALLORY);
        staff = Callers.staff(clock);
    }

    @AfterAll
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    /** Who calls. */
    enum Caller {
        NO_TOKEN,
        OTHER_CUSTOMER,
        CUSTOMER,
        STAFF
    }

    /** What a caller must get: exactly 401, 403 or 404, or through to the function's own answer. */
    enum Expect {
        UNAUTHORIZED,
        FORBIDDEN,
        NOT_FOUND,
        PASSES
    }

    /**
     * A route with the expectation per caller, in the order {@link Caller} lists them. The resource
     * ids are filled in per test: {@code {orderId}}, {@code {accountId}}, {@code {customerId}} and {@code {ownerId}} (both the customer).
     */
    record Route(String method, String path, String body, List<Expect> expected) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static Route route(String method, String path, String body, Expect other, Expect customer) {
        return new Route(method, path, body, List.of(Expect.UNAUTHORIZED, other, customer, Expect.PASSES));
    }

    /** Every route; the last of each resource ends it (cancel, close), so the others meet a live one. */
    static Stream<Route> routes() {
        Expect hidden = Expect.NOT_FOUND;
        Expect staffOnly = Expect.FORBIDDEN;
        Expect passes = Expect.PASSES;
        return Stream.of(
                route("GET", "/orders/{orderId}", null, hidden, passes),
                route("GET", "/orders/{orderId}/events", null, hidden, passes),
                route("GET", "/customers/{customerId}/orders", null, hidden, passes),
                route(
                        "POST",
                        "/orders/{orderId}/items",
                        "{\"sku\":\"SKU-2\",\"quantity\":1,\"unitPrice\":500}",
                        hidden,
                        passes),
                route("DELETE", "/orders/{orderId}/items/SKU-2", null, hidden, passes),
                route("POST", "/orders/{orderId}/confirm", null, hidden, passes),
                route("POST", "/orders/{orderId}/pay", "{\"amount\":3998}", hidden, passes),
                route(
                        "POST",
                        "/orders/{orderId}/ship",
                        "{\"carrier\":\"DHL\",\"trackingNumber\":\"T-1\"}",
                        staffOnly,
                        staffOnly),
                route("POST", "/orders/{orderId}/deliver", null, staffOnly, staffOnly),
                route("POST", "/orders/{orderId}/cancel", "{\"reason\":\"changed my mind\"}", hidden, passes),
                route("GET", "/accounts/{accountId}", null, hidden, passes),
                route("GET", "/accounts/{accountId}/statement", null, hidden, passes),
                route("POST", "/accounts/{accountId}/deposits", "{\"amount\":100}", hidden, passes),
                route("POST", "/accounts/{accountId}/withdrawals", "{\"amount\":50}", hidden, passes),
                route("PUT", "/accounts/{accountId}/overdraft-limit", "{\"limit\":500}", hidden, passes),
                route("PUT", "/accounts/{accountId}/overdraft-limit", "{\"limit\":1000000000}", staffOnly, staffOnly),
                route("POST", "/accounts/{accountId}/freeze", "{\"reason\":\"fraud check\"}", staffOnly, staffOnly),
                route("POST", "/accounts/{accountId}/unfreeze", null, staffOnly, staffOnly),
                // erasure is refused, not hidden: the answer depends only on who asks for which owner id
                route("DELETE", "/owners/{ownerId}/personal-data", null, staffOnly, passes),
                route("POST", "/accounts/{accountId}/close", null, hidden, passes));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void every_route_answers_each_caller_as_the_access_rules_say(Route route) {
        String orderId = placeOrder(alice);
        String accountId = openAccount(alice);
        Function<String, String> path = template -> template.replace("{orderId}", orderId)
                .replace("{accountId}", accountId)
                .replace("{customerId}", ALICE)
                .replace("{ownerId}", ALICE);
        long orderVersion = version(send("GET", "/orders/" + orderId, null, alice));
        long accountVersion = version(send("GET", "/accounts/" + accountId, null, alice));

        List<String> failures = new ArrayList<>();
        for (Caller caller : Caller.values()) {
            Answer answer = send(route.method(), path.apply(route.path()), route.body(), token(caller));
            Expect expected = route.expected().get(caller.ordinal());
            if (!meets(answer, expected)) {
                failures.add(caller + ": expected " + expected + ", got " + answer.status() + " " + answer.body());
            }
            if (caller == Caller.OTHER_CUSTOMER) {
                // a refused caller changed nothing
                assertThat(version(send("GET", "/orders/" + orderId, null, alice)))
                        .isEqualTo(orderVersion);
                assertThat(version(send("GET", "/accounts/" + accountId, null, alice)))
                        .isEqualTo(accountVersion);
            }
        }
        assertThat(failures).as(route.toString()).isEmpty();
    }

    @Test
    void an_order_is_placed_for_the_caller_and_naming_another_customer_is_staff_only() {
        Answer own = send("POST", "/orders", "{\"currency\":\"EUR\"}", alice);
        Answer forBob = send("POST", "/orders", "{\"customerId\":\"bob\",\"currency\":\"EUR\"}", alice);
        Answer byStaff = send("POST", "/orders", "{\"customerId\":\"bob\",\"currency\":\"EUR\"}", staff);
        Answer anonymous = send("POST", "/orders", "{\"currency\":\"EUR\"}", null);

        assertThat(own.status()).isEqualTo(201);
        assertThat(customerOf(own)).isEqualTo(ALICE);
        assertThat(forBob.status()).isEqualTo(403);
        assertThat(forBob.contentType()).isEqualTo("application/problem+json");
        assertThat(byStaff.status()).isEqualTo(201);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void someone_elses_order_is_as_missing_as_one_that_never_existed() {
        String orderId = placeOrder(alice);

        Answer others = send("GET", "/orders/" + orderId, null, mallory);
        Answer missing = send("GET", "/orders/o-" + UUID.randomUUID(), null, mallory);

        assertThat(others.status()).isEqualTo(missing.status()).isEqualTo(404);
        assertThat(others.body().path("type")).isEqualTo(missing.body().path("type"));
    }

    @Test
    void a_pre_claimed_idempotency_key_is_another_callers_and_neither_blocks_nor_replays_to_the_owner() {
        String key = "first-order-" + UUID.randomUUID();
        Answer claimed = send("POST", "/orders", "{\"currency\":\"EUR\"}", mallory, Map.of("Idempotency-Key", key));
        Answer sameBody = send("POST", "/orders", "{\"currency\":\"EUR\"}", alice, Map.of("Idempotency-Key", key));
        Answer otherBody = send(
                "POST",
                "/orders",
                "{\"currency\":\"USD\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":1}]}",
                alice,
                Map.of("Idempotency-Key", "x" + key));
        Answer malloryAgain =
                send("POST", "/orders", "{\"currency\":\"USD\"}", mallory, Map.of("Idempotency-Key", "x" + key));

        assertThat(claimed.status()).isEqualTo(201);
        assertThat(sameBody.status()).isEqualTo(201);
        assertThat(sameBody.header("Location")).isNotEqualTo(claimed.header("Location"));
        assertThat(customerOf(sameBody)).isEqualTo(ALICE);
        assertThat(otherBody.status()).isEqualTo(201);
        assertThat(malloryAgain.status()).isEqualTo(201);
        assertThat(customerOf(malloryAgain)).isEqualTo(MALLORY);
    }

    @Test
    void a_customers_audit_trail_leaves_out_who_acted_and_the_trace_ids_and_staff_see_them() {
        String orderId = placeOrder(alice);

        JsonNode own =
                send("GET", "/orders/" + orderId + "/events", null, alice).body();
        JsonNode full =
                send("GET", "/orders/" + orderId + "/events", null, staff).body();

        JsonNode ownMetadata = own.path("events").get(0).path("metadata");
        assertThat(ownMetadata.has("occurredAt")).isTrue();
        assertThat(ownMetadata.has("actor")).isFalse();
        assertThat(ownMetadata.has("correlationId")).isFalse();
        assertThat(ownMetadata.has("traceId")).isFalse();
        assertThat(full.path("events").get(0).path("metadata").path("actor").asText())
                .isEqualTo(ALICE);
    }

    @Test
    void forged_raised_and_cross_stream_consistency_tokens_are_400_without_waiting() {
        Answer placed = send(
                "POST",
                "/orders",
                "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}",
                alice);
        String orderId = placed.body().path("orderId").asText();
        String token = placed.header("X-Consistency-Token");
        String otherOrder = placeOrder(alice);
        Map<String, String> forgeries = Map.of(
                "unsigned",
                "Order-" + orderId + "@999999",
                "signature made up",
                "Order-" + orderId + "@999999.local.AAAAAAAAAAAAAAAAAAAAAA",
                "version raised",
                token.replace("@1.", "@999999."),
                "another order's",
                send("GET", "/orders/" + otherOrder, null, alice).header("X-Consistency-Token"));
        Instant started = clock.instant();

        forgeries.forEach((why, forged) -> {
            for (String caller : List.of(alice, mallory)) {
                Answer answer = send(
                        "GET",
                        "/orders/" + orderId + "?maxWaitMs=5000",
                        null,
                        caller,
                        Map.of("X-Consistency-Token", forged));
                assertThat(answer.status()).as(why).isEqualTo(400);
                assertThat(answer.isProblem()).as(why).isTrue();
                assertThat(answer.body().path("type").asText()).as(why).endsWith("/invalid-header");
                assertThat(answer.body().path("header").asText()).as(why).isEqualTo("X-Consistency-Token");
            }
        });

        assertThat(Duration.between(started, clock.instant())).isLessThan(Duration.ofSeconds(4));
        assertThat(send("GET", "/orders/" + orderId, null, alice, Map.of("X-Consistency-Token", token))
                        .status())
                .as("the genuine token still reads")
                .isEqualTo(200);
    }

    @Test
    void an_accounts_token_of_another_account_or_raised_is_400_and_changes_nothing() {
        Answer opened = send("POST", "/accounts", "{\"currency\":\"EUR\"}", alice);
        Answer otherOpened = send("POST", "/accounts", "{\"currency\":\"EUR\"}", alice);
        String mine = opened.body().path("accountId").asText();
        String mineToken = opened.header("X-Consistency-Token");
        String otherToken = otherOpened.header("X-Consistency-Token");
        assertThat(mineToken).isNotNull();
        long before = version(send("GET", "/accounts/" + mine, null, alice));

        for (String forged : List.of(otherToken, mineToken.replace("@1.", "@77."))) {
            Answer answer = send("GET", "/accounts/" + mine, null, alice, Map.of("X-Consistency-Token", forged));
            assertThat(answer.status()).as(forged).isEqualTo(400);
            assertThat(answer.body().path("header").asText()).isEqualTo("X-Consistency-Token");
        }

        assertThat(version(send("GET", "/accounts/" + mine, null, alice))).isEqualTo(before);
    }

    @Test
    void a_token_api_gateway_would_refuse_is_a_401() throws Exception {
        JwtRouteAuth auth = Callers.authorizer();
        Instant now = clock.instant();
        RSAKey otherKey = new RSAKeyGenerator(2048)
                .keyUse(KeyUse.SIGNATURE)
                .algorithm(JWSAlgorithm.RS256)
                .keyID(keyIdOf(alice))
                .generate();
        LocalIssuer issuer = LocalIssuer.ofProject();
        Function<LocalIssuer.Claims, String> mint = claims -> "Bearer " + issuer.mint(claims);
        Map<String, String> refused = Map.of(
                "expired",
                mint.apply(new LocalIssuer.Claims(
                        ALICE,
                        List.of(),
                        auth.issuer(),
                        auth.audience().getFirst(),
                        now.minusSeconds(7200),
                        Duration.ofHours(1))),
                "not yet valid",
                mint.apply(new LocalIssuer.Claims(
                        ALICE,
                        List.of(),
                        auth.issuer(),
                        auth.audience().getFirst(),
                        now.plusSeconds(3600),
                        Duration.ofHours(1))),
                "wrong issuer",
                mint.apply(new LocalIssuer.Claims(
                        ALICE,
                        List.of(),
                        "https://evil.example/",
                        auth.audience().getFirst(),
                        now,
                        Duration.ofHours(1))),
                "wrong audience",
                mint.apply(new LocalIssuer.Claims(
                        ALICE, List.of(), auth.issuer(), "someone-else", now, Duration.ofHours(1))),
                "signed by another key with the same key id",
                "Bearer "
                        + LocalIssuer.sign(
                                new JWTClaimsSet.Builder()
                                        .subject(ALICE)
                                        .issuer(auth.issuer())
                                        .audience(auth.audience().getFirst())
                                        .expirationTime(Date.from(now.plusSeconds(3600)))
                                        .claim("scope", Callers.STAFF_SCOPE)
                                        .build(),
                                otherKey),
                "unsigned",
                "Bearer " + unsigned(alice),
                "not a bearer token",
                alice.substring("Bearer ".length()));

        String orderId = placeOrder(alice);
        refused.forEach((why, token) -> {
            Answer answer = send("GET", "/orders/" + orderId, null, token);
            assertThat(answer.status()).as(why).isEqualTo(401);
            assertThat(answer.contentType()).as(why).isEqualTo("application/problem+json");
        });
    }

    private String placeOrder(String token) {
        Answer placed = send(
                "POST",
                "/orders",
                "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}",
                token);
        assertThat(placed.status()).as(placed.body().toString()).isEqualTo(201);
        return placed.body().path("orderId").asText();
    }

    /** Whose order a placement made, as staff read it. */
    private String customerOf(Answer placed) {
        return send("GET", placed.header("Location"), null, staff)
                .body()
                .path("customerId")
                .asText();
    }

    private String openAccount(String token) {
        Answer opened = send("POST", "/accounts", "{\"currency\":\"EUR\"}", token);
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        return opened.body().path("accountId").asText();
    }

    private String token(Caller caller) {
        return switch (caller) {
            case NO_TOKEN -> null;
            case OTHER_CUSTOMER -> mallory;
            case CUSTOMER -> alice;
            case STAFF -> staff;
        };
    }

    private static boolean meets(Answer answer, Expect expected) {
        return switch (expected) {
            case UNAUTHORIZED -> answer.status() == 401 && answer.isProblem();
            case FORBIDDEN -> answer.status() == 403 && answer.isProblem();
            case NOT_FOUND -> answer.status() == 404 && answer.isProblem();
            // the function's own answer: success, or a business rule / state refusal of the resource
            case PASSES -> answer.status() < 300 || answer.status() == 409 || answer.status() == 422;
        };
    }

    private static long version(Answer answer) {
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        return answer.body().path("version").asLong();
    }

    private static String keyIdOf(String bearer) {
        return headerOf(bearer).path("kid").asText();
    }

    private static JsonNode headerOf(String bearer) {
        String jwt = bearer.substring("Bearer ".length());
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(jwt.substring(0, jwt.indexOf('.'))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same claims with {@code alg: none} and no signature. */
    private static String unsigned(String bearer) {
        String jwt = bearer.substring("Bearer ".length());
        String header = java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String[] parts = jwt.split("\\.");
        return header + "." + parts[1] + ".";
    }

    record Answer(int status, JsonNode body, java.net.http.HttpResponse<String> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String contentType() {
            return header("content-type");
        }

        boolean isProblem() {
            return "application/problem+json".equals(contentType());
        }
    }

    private Answer send(String method, String path, String body, String authorization) {
        return send(method, path, body, authorization, Map.of());
    }

    private Answer send(String method, String path, String body, String authorization, Map<String, String> headers) {
        URI base = runtime.httpUri();
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        if (body != null) {
            request.header("content-type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            java.net.http.HttpResponse<String> response = client.send(request.build(), BodyHandlers.ofString());
            JsonNode json = response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertInvalidHeader;
import static dev.eventline.http.ProblemAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeysTest {
    private static HttpRequest withKey(String key) {
        return HttpRequest.from(Samples.withHeader(Samples.event("post-order-items.json"), "idempotency-key", key));
    }

    private static String fingerprint(String method, String path, String body) {
        HttpApiEvent event = Samples.post(path, "application/json", body).withMethod(method);
        return IdempotencyKeys.fingerprint(HttpRequest.from(event));
    }

    @Test
    void key_from_header() {
        assertThat(IdempotencyKeys.fromHeader(Samples.request("post-order-items.json")))
                .contains("3b0e6f6c-4a8e-4c1e-9d55-2f2a3f0e9b11");
        assertThat(IdempotencyKeys.fromHeader(Samples.request("get-order.json")))
                .isEmpty();
        assertThat(IdempotencyKeys.fromHeader(withKey("!~" + "k".repeat(253))))
                .hasValueSatisfying(k -> assertThat(k).hasSize(255));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "tab\tkey", "ünïcode", "new\nline"})
    void malformed_keys_are_400_naming_the_header(String key) {
        assertInvalidHeader(problemOf(() -> IdempotencyKeys.fromHeader(withKey(key))), "Idempotency-Key");
    }

    @Test
    void key_longer_than_255_is_400() {
        assertInvalidHeader(problemOf(() -> IdempotencyKeys.fromHeader(withKey("k".repeat(256)))), "Idempotency-Key");
    }

    @Test
    void fingerprint_ignores_whitespace_and_key_order_at_every_level() {
        String a = fingerprint(
                "POST", "/orders/o-1/items", "{\"sku\":\"SKU-1\",\"quantity\":2,\"meta\":{\"b\":1,\"a\":[2,1]}}");
        String b = fingerprint(
                "POST",
                "/orders/o-1/items",
                "{\n  \"meta\" : { \"a\" : [ 2, 1 ], \"b\" : 1 },\n  \"quantity\" : 2,\n  \"sku\" : \"SKU-1\"\n}");
        assertThat(a).isEqualTo(b).matches("[0-9a-f]{64}");
    }

    @Test
    void fingerprint_distinguishes_method_path_values_and_array_order() {
        String base = fingerprint("POST", "/orders/o-1/items", "{\"quantity\":2}");
        assertThat(fingerprint("POST", "/orders/o-1/items", "{\"quantity\":3}")).isNotEqualTo(base);
        assertThat(fingerprint("POST", "/orders/o-2/items", "{\"quantity\":2}")).isNotEqualTo(base);
        assertThat(fingerprint("PUT", "/orders/o-1/items", "{\"quantity\":2}")).isNotEqualTo(base);
        assertThat(fingerprint("POST", "/orders/o-1/items", "{\"quantity\":\"2\"}"))
                .isNotEqualTo(base);
        assertThat(fingerprint("POST", "/x", "{\"l\":[1,2]}")).isNotEqualTo(fingerprint("POST", "/x", "{\"l\":[2,1]}"));
    }

    @Test
    void fingerprint_is_sha256_of_method_path_and_canonical_body() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String expected = HexFormat.of()
                .formatHex(sha.digest("POST\n/orders\n{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8)));
        assertThat(fingerprint("POST", "/orders", "{ \"b\": 2, \"a\": 1 }")).isEqualTo(expected);

        String noBody = HexFormat.of().formatHex(sha.digest("POST\n/orders\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(fingerprint("POST", "/orders", null)).isEqualTo(noBody);
        assertThat(fingerprint("POST", "/orders", "")).isEqualTo(noBody);
    }

    @Test
    void fingerprint_of_a_non_json_body_hashes_it_as_is() {
        assertThat(fingerprint("POST", "/orders", "not json"))
                .isNotEqualTo(fingerprint("POST", "/orders", "not  json"));
    }

    @Test
    void base64_and_plain_bodies_fingerprint_the_same() {
        HttpRequest base64 = Samples.request("post-orders-base64-iam.json");
        assertThat(IdempotencyKeys.fingerprint(base64))
                .isEqualTo(fingerprint("POST", "/orders", "{\"currency\":\"EUR\",\"customerId\":\"cust-9\"}"));
    }
}

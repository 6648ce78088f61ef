package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertInvalidHeader;
import static dev.eventline.http.ProblemAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokenTest {
    private static String b64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void round_trips_and_is_debuggable() {
        ConsistencyToken token = new ConsistencyToken("Order-7f0c_2a-x", 42);
        String encoded = token.encode();

        assertThat(encoded).matches("[A-Za-z0-9_-]+").doesNotContain("=");
        assertThat(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.US_ASCII)).isEqualTo("Order-7f0c_2a-x@42");
        assertThat(ConsistencyToken.decode(encoded)).isEqualTo(token);
        ConsistencyToken max = new ConsistencyToken("Account-" + "a".repeat(128), Long.MAX_VALUE);
        assertThat(ConsistencyToken.decode(max.encode())).isEqualTo(max);
    }

    @Test
    void reads_the_header() {
        HttpRequest request = HttpRequest.from(Samples.withHeader(Samples.event("get-order.json"),
                "X-Consistency-Token", new ConsistencyToken("Order-o-1", 3).encode()));
        assertThat(ConsistencyToken.fromHeader(request)).contains(new ConsistencyToken("Order-o-1", 3));
        assertThat(ConsistencyToken.fromHeader(Samples.request("get-order.json"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!!!", "a", "T3JkZXI=", "T3JkZXItby0xQDM=", "a+b/"})
    void garbage_text_is_400(String token) {
        assertInvalidHeader(problemOf(() -> ConsistencyToken.decode(token)), "X-Consistency-Token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Order-o-1", "Order-o-1@", "Order-o-1@0", "Order-o-1@-1", "Order-o-1@01", "Order-o-1@1.5",
            "Order-o-1@9223372036854775808", "Order-o-1@ 3", "order-o-1@3", "Order@3", "Order-@3", "Order-o 1@3",
            "Order-o/1@3", "Ord3r-o-1@3", "@3", "Order-o-1@3@4", "Order-ö@3"})
    void garbage_content_is_400(String content) {
        assertInvalidHeader(problemOf(() -> ConsistencyToken.decode(b64(content))), "X-Consistency-Token");
    }

    @Test
    void null_and_overlong_are_400() {
        assertInvalidHeader(problemOf(() -> ConsistencyToken.decode(null)), "X-Consistency-Token");
        assertInvalidHeader(problemOf(() -> ConsistencyToken.decode("A".repeat(513))), "X-Consistency-Token");
    }

    @Test
    void constructor_refuses_what_decode_refuses() {
        assertThatThrownBy(() -> new ConsistencyToken("Order-o-1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyToken("o-1", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

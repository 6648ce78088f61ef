package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertInvalidHeader;
import static dev.eventline.http.ProblemAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokenTest {
    private static final Pattern DOCUMENTED = Pattern.compile("^" + ConsistencyToken.PATTERN + "$");

    @Test
    void round_trips_and_reads_as_stream_and_version() {
        ConsistencyToken token = new ConsistencyToken("Order-7f0c_2a-x", 42);
        String encoded = token.encode();

        assertThat(encoded).isEqualTo("Order-7f0c_2a-x@42").matches(DOCUMENTED);
        assertThat(ConsistencyToken.decode(encoded)).isEqualTo(token);
        ConsistencyToken max = new ConsistencyToken("Account-" + "a".repeat(128), ConsistencyToken.MAX_VERSION);
        assertThat(ConsistencyToken.decode(max.encode())).isEqualTo(max);
        assertThat(max.encode()).matches(DOCUMENTED);
    }

    @Test
    void reads_the_header() {
        HttpRequest request = HttpRequest.from(Samples.withHeader(
                Samples.event("get-order.json"), "X-Consistency-Token", new ConsistencyToken("Order-o-1", 3).encode()));
        assertThat(ConsistencyToken.fromHeader(request)).contains(new ConsistencyToken("Order-o-1", 3));
        assertThat(ConsistencyToken.fromHeader(Samples.request("get-order.json")))
                .isEmpty();
    }

    @Test
    void a_list_read_takes_several_tokens_from_header_and_query_one_per_stream_the_highest() {
        var event = Samples.withHeader(
                Samples.event("get-order.json"), "X-Consistency-Token", "Order-o-1@3, Account-a-1@2,Order-o-1@5");
        event.setQueryStringParameters(new java.util.HashMap<>(java.util.Map.of("consistencyToken", "Order-o-2@1")));

        assertThat(ConsistencyToken.allFrom(HttpRequest.from(event)))
                .containsExactly(
                        new ConsistencyToken("Order-o-1", 5),
                        new ConsistencyToken("Account-a-1", 2),
                        new ConsistencyToken("Order-o-2", 1));
        assertThat(ConsistencyToken.allFrom(Samples.request("get-order.json"))).isEmpty();
    }

    @Test
    void a_list_read_refuses_more_than_ten_tokens_and_any_malformed_one() {
        String eleven = String.join(
                ",",
                java.util.stream.IntStream.rangeClosed(1, 11)
                        .mapToObj(i -> "Order-o-" + i + "@1")
                        .toList());
        HttpRequest tooMany =
                HttpRequest.from(Samples.withHeader(Samples.event("get-order.json"), "X-Consistency-Token", eleven));
        HttpRequest malformed = HttpRequest.from(
                Samples.withHeader(Samples.event("get-order.json"), "X-Consistency-Token", "Order-o-1@3,,"));

        assertThatThrownBy(() -> ConsistencyToken.allFrom(tooMany))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("at most 10");
        assertThatThrownBy(() -> ConsistencyToken.allFrom(malformed)).isInstanceOf(ProblemException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "!!!",
                "a",
                "T3JkZXItby0xQDM",
                "Order-o-1",
                "Order-o-1@",
                "Order-o-1@0",
                "Order-o-1@-1",
                "Order-o-1@01",
                "Order-o-1@1.5",
                "Order-o-1@9223372036854775808",
                "Order-o-1@1000000000000000000",
                "Order-o-1@ 3",
                "order-o-1@3",
                "Order@3",
                "Order-@3",
                "Order-o 1@3",
                "Order-o/1@3",
                "Ord3r-o-1@3",
                "@3",
                "Order-o-1@3@4",
                "Order-ö@3"
            })
    void anything_but_stream_at_version_is_400_and_outside_the_documented_pattern(String token) {
        assertInvalidHeader(problemOf(() -> ConsistencyToken.decode(token)), "X-Consistency-Token");
        assertThat(DOCUMENTED.matcher(token).matches()).isFalse();
    }

    @Test
    void null_and_overlong_are_400() {
        assertInvalidHeader(problemOf(() -> ConsistencyToken.decode(null)), "X-Consistency-Token");
        assertInvalidHeader(
                problemOf(() -> ConsistencyToken.decode("Order-" + "a".repeat(300) + "@1")), "X-Consistency-Token");
    }

    @Test
    void constructor_refuses_what_decode_refuses() {
        assertThatThrownBy(() -> new ConsistencyToken("Order-o-1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyToken("Order-o-1", ConsistencyToken.MAX_VERSION + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyToken("o-1", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

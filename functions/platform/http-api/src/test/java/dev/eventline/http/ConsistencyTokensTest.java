package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertInvalidHeader;
import static dev.eventline.http.ProblemAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConsistencyTokensTest {
    private static final Pattern DOCUMENTED = Pattern.compile("^" + ConsistencyToken.PATTERN + "$");
    private static final ConsistencyTokens.Key K1 = key("k1", 'a');
    private static final ConsistencyTokens.Key K2 = key("k2", 'b');
    private static final ConsistencyTokens TOKENS = new ConsistencyTokens(K1, Optional.empty());
    private static final ConsistencyToken ORDER = new ConsistencyToken("Order-7f0c_2a-x", 42);

    @Test
    void round_trips_a_signed_token_in_the_documented_form() {
        String signed = TOKENS.sign(ORDER);

        assertThat(signed).startsWith("Order-7f0c_2a-x@42.k1.").matches(DOCUMENTED);
        assertThat(TOKENS.verify(signed, "Order-7f0c_2a-x")).isEqualTo(ORDER);
        ConsistencyToken max = new ConsistencyToken("Account-" + "a".repeat(128), ConsistencyToken.MAX_VERSION);
        assertThat(TOKENS.verify(TOKENS.sign(max), max.streamId())).isEqualTo(max);
        assertThat(TOKENS.sign(max)).matches(DOCUMENTED);
    }

    @Test
    void a_raised_version_or_a_changed_stream_breaks_the_signature() {
        String signed = TOKENS.sign(ORDER);
        String raised = signed.replace("@42.", "@4200.");
        String moved = TOKENS.sign(new ConsistencyToken("Order-o-1", 3)).replace("Order-o-1@", "Order-o-2@");

        assertInvalidHeader(problemOf(() -> TOKENS.verify(raised, "Order-7f0c_2a-x")), ConsistencyToken.HEADER);
        assertInvalidHeader(problemOf(() -> TOKENS.verify(moved, "Order-o-2")), ConsistencyToken.HEADER);
        assertThat(problemOf(() -> TOKENS.verify(raised, "Order-7f0c_2a-x")).detail())
                .contains("not issued by this API");
    }

    @Test
    void every_flipped_mac_character_is_refused() {
        String signed = TOKENS.sign(ORDER);
        int macStart = signed.lastIndexOf('.') + 1;
        for (int i = macStart; i < signed.length(); i++) {
            char flipped = signed.charAt(i) == 'A' ? 'B' : 'A';
            String tampered = signed.substring(0, i) + flipped + signed.substring(i + 1);
            assertInvalidHeader(problemOf(() -> TOKENS.verify(tampered, "Order-7f0c_2a-x")), ConsistencyToken.HEADER);
        }
    }

    @Test
    void a_valid_token_of_another_stream_is_refused_as_such() {
        String otherOrder = TOKENS.sign(new ConsistencyToken("Order-other", 1));

        Problem problem = problemOf(() -> TOKENS.verify(otherOrder, "Order-7f0c_2a-x"));

        assertInvalidHeader(problem, ConsistencyToken.HEADER);
        assertThat(problem.detail()).contains("another resource");
    }

    @Test
    void a_token_signed_with_another_key_is_refused_even_under_the_same_key_id() {
        ConsistencyTokens attacker = new ConsistencyTokens(key("k1", 'z'), Optional.empty());
        ConsistencyTokens otherId = new ConsistencyTokens(K2, Optional.empty());

        assertInvalidHeader(
                problemOf(() -> TOKENS.verify(attacker.sign(ORDER), ORDER.streamId())), ConsistencyToken.HEADER);
        assertInvalidHeader(
                problemOf(() -> TOKENS.verify(otherId.sign(ORDER), ORDER.streamId())), ConsistencyToken.HEADER);
    }

    @Test
    void a_relabelled_key_id_is_refused_because_the_id_is_signed_too() {
        ConsistencyTokens sameSecretTwoIds = new ConsistencyTokens(K1, Optional.of(key("k0", 'a')));
        String signed = sameSecretTwoIds.sign(ORDER);

        String relabelled = signed.replace(".k1.", ".k0.");

        assertInvalidHeader(
                problemOf(() -> sameSecretTwoIds.verify(relabelled, ORDER.streamId())), ConsistencyToken.HEADER);
    }

    @Test
    void rotation_verifies_current_and_previous_signs_only_with_current_and_retires_the_oldest() {
        String signedWithK1 = TOKENS.sign(ORDER);
        ConsistencyTokens rotated = new ConsistencyTokens(K2, Optional.of(K1));
        ConsistencyTokens retired = new ConsistencyTokens(key("k3", 'c'), Optional.of(K2));

        assertThat(rotated.verify(signedWithK1, ORDER.streamId())).isEqualTo(ORDER);
        assertThat(rotated.sign(ORDER)).contains(".k2.");
        assertThat(rotated.currentKeyId()).isEqualTo("k2");
        assertThat(retired.verify(rotated.sign(ORDER), ORDER.streamId())).isEqualTo(ORDER);
        assertInvalidHeader(problemOf(() -> retired.verify(signedWithK1, ORDER.streamId())), ConsistencyToken.HEADER);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "!!!",
                "Order-o-1@3",
                "Order-o-1@3.k1",
                "Order-o-1@3.k1.",
                "Order-o-1@3.K1.AAAAAAAAAAAAAAAAAAAAAA",
                "Order-o-1@3..AAAAAAAAAAAAAAAAAAAAAA",
                "Order-o-1@3.k1.AAAAAAAAAAAAAAAAAAAAA",
                "Order-o-1@3.k1.AAAAAAAAAAAAAAAAAAAAAAA",
                "Order-o-1@3.k1.AAAAAAAAAAAAAAAAAAAA+/",
                "Order-o-1@0.k1.AAAAAAAAAAAAAAAAAAAAAA",
                "Order-o-1@03.k1.AAAAAAAAAAAAAAAAAAAAAA",
                "order-o-1@3.k1.AAAAAAAAAAAAAAAAAAAAAA",
                "Order-o-1@3.k1.AAAAAAAAAAAAAAAAAAAAAA.x",
                "Order-o-1@3.abcdefghijklmnopq.AAAAAAAAAAAAAAAAAAAAAA"
            })
    void anything_but_a_signed_token_is_400_and_outside_the_documented_pattern(String token) {
        assertInvalidHeader(problemOf(() -> TOKENS.verify(token, "Order-o-1")), ConsistencyToken.HEADER);
        assertThat(DOCUMENTED.matcher(token).matches()).isFalse();
    }

    @Test
    void null_and_overlong_are_400() {
        assertInvalidHeader(problemOf(() -> TOKENS.verify(null, "Order-o-1")), ConsistencyToken.HEADER);
        String overlong = "Order-" + "a".repeat(300) + "@1.k1.AAAAAAAAAAAAAAAAAAAAAA";
        assertInvalidHeader(problemOf(() -> TOKENS.verify(overlong, "Order-o-1")), ConsistencyToken.HEADER);
    }

    @Test
    void reads_the_header_for_the_stream_and_is_empty_without_one() {
        HttpRequest request = HttpRequest.from(Samples.withHeader(
                Samples.event("get-order.json"),
                ConsistencyToken.HEADER,
                TOKENS.sign(new ConsistencyToken("Order-o-1", 3))));

        assertThat(TOKENS.fromHeader(request, "Order-o-1")).contains(new ConsistencyToken("Order-o-1", 3));
        assertInvalidHeader(problemOf(() -> TOKENS.fromHeader(request, "Order-o-2")), ConsistencyToken.HEADER);
        assertThat(TOKENS.fromHeader(Samples.request("get-order.json"), "Order-o-1"))
                .isEmpty();
    }

    @Test
    void reads_current_and_previous_key_from_the_secret_json() {
        String secret = "{\"keyId\":\"k2\",\"key\":\"" + "b".repeat(64)
                + "\",\"previousKeyId\":\"k1\",\"previousKey\":\"" + "a".repeat(64) + "\"}";

        ConsistencyTokens fromSecret = ConsistencyTokens.fromSecretString(secret);

        assertThat(fromSecret.currentKeyId()).isEqualTo("k2");
        assertThat(fromSecret.verify(TOKENS.sign(ORDER), ORDER.streamId())).isEqualTo(ORDER);
        assertThat(ConsistencyTokens.fromSecretString("{\"keyId\":\"k1\",\"key\":\"" + "a".repeat(64) + "\"}")
                        .sign(ORDER))
                .isEqualTo(TOKENS.sign(ORDER));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "not json",
                "[]",
                "{}",
                "{\"keyId\":\"k1\"}",
                "{\"keyId\":\"k1\",\"key\":\"short\"}",
                "{\"keyId\":\"K 1\",\"key\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}",
                "{\"keyId\":\"k1\",\"key\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"previousKeyId\":\"k0\"}",
                "{\"keyId\":\"k1\",\"key\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\",\"previousKeyId\":\"k1\","
                        + "\"previousKey\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}"
            })
    void refuses_a_secret_it_cannot_trust_without_echoing_it(String secret) {
        assertThatThrownBy(() -> ConsistencyTokens.fromSecretString(secret))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("aaaaaaaa", "bbbbbbbb"));
    }

    @Test
    void a_key_never_shows_its_secret_and_keeps_its_own_copy() {
        byte[] secret = "s".repeat(32).getBytes(StandardCharsets.UTF_8);
        ConsistencyTokens.Key k = new ConsistencyTokens.Key("k9", secret);
        secret[0] = 'x';

        assertThat(k.toString()).isEqualTo("Key[k9]");
        assertThat(k.secret()[0]).isEqualTo((byte) 's');
        assertThat(Base64.getEncoder().encodeToString(k.secret())).isNotEmpty();
    }

    private static ConsistencyTokens.Key key(String id, char fill) {
        return new ConsistencyTokens.Key(id, String.valueOf(fill).repeat(64).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_list_read_takes_the_header_and_the_query_together_and_one_token_per_stream_the_highest() {
        String header = String.join(
                ", ", sign("Order-a", 3), sign("Order-b", 1), sign("Order-a", 2)); // a duplicate of a, older
        String query = String.join(",", sign("Order-a", 5), sign("Order-c", 2));

        var tokens = TOKENS.allFrom(listRead(Optional.of(header), Optional.of(query)));

        assertThat(tokens)
                .containsExactly(
                        new ConsistencyToken("Order-a", 5),
                        new ConsistencyToken("Order-b", 1),
                        new ConsistencyToken("Order-c", 2));
        assertThat(TOKENS.allFrom(listRead(Optional.empty(), Optional.empty()))).isEmpty();
    }

    @Test
    void ten_tokens_in_each_place_are_read_and_an_eleventh_in_either_is_400_naming_that_place() {
        String ten = tokens(10, "Order-h");
        String tenMore = tokens(10, "Order-q");
        String eleven = tokens(11, "Order-x");

        assertThat(TOKENS.allFrom(listRead(Optional.of(ten), Optional.of(tenMore))))
                .hasSize(20);
        assertInvalidHeader(
                problemOf(() -> TOKENS.allFrom(listRead(Optional.of(eleven), Optional.empty()))),
                ConsistencyToken.HEADER);
        Problem query = problemOf(() -> TOKENS.allFrom(listRead(Optional.empty(), Optional.of(eleven))));
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.type()).hasToString("https://eventline.dev/problems/invalid-field");
        assertThat(query.extension("field").asText()).isEqualTo(ConsistencyToken.QUERY_PARAMETER);
        assertThat(query.detail()).isEqualTo("at most 10 consistency tokens in " + ConsistencyToken.QUERY_PARAMETER);
    }

    @Test
    void one_forged_or_malformed_token_among_valid_ones_fails_the_read_with_400_wherever_it_came_from() {
        String valid = sign("Order-a", 3);
        String forged =
                new ConsistencyTokens(key("k1", 'z'), Optional.empty()).sign(new ConsistencyToken("Order-b", 9));
        String raised = sign("Order-c", 1).replace("@1.", "@1000.");

        for (String bad : List.of(forged, raised, "Order-d@1", "")) {
            String list = valid + "," + bad;
            // the class verifies every token as the header's, so a query-borne one is an invalid header too
            for (var request : List.of(
                    listRead(Optional.of(list), Optional.empty()), listRead(Optional.empty(), Optional.of(list)))) {
                assertInvalidHeader(problemOf(() -> TOKENS.allFrom(request)), ConsistencyToken.HEADER);
            }
        }
    }

    private static String sign(String streamId, long version) {
        return TOKENS.sign(new ConsistencyToken(streamId, version));
    }

    private static String tokens(int count, String streamPrefix) {
        var signed = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            signed.add(sign(streamPrefix + i, i + 1));
        }
        return String.join(",", signed);
    }

    /** A list read (GET with no path id) with the token header and the query parameter, each when present. */
    private static HttpRequest listRead(Optional<String> header, Optional<String> query) {
        var event = Samples.event("get-order.json")
                .withQuery(
                        query.map(q -> Map.of(ConsistencyToken.QUERY_PARAMETER, q))
                                .orElse(Map.of()),
                        Samples.event("get-order.json").rawQueryString());
        return HttpRequest.from(header.map(h -> Samples.withHeader(event, ConsistencyToken.HEADER, h))
                .orElse(event));
    }
}

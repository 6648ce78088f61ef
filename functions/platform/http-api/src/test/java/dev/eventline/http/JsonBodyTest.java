package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertBadRequest;
import static dev.eventline.http.ProblemAssertions.assertInvalidField;
import static dev.eventline.http.ProblemAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JsonBodyTest {
    private static JsonBody body(String json) {
        return JsonBody.parse(Samples.postRequest("/orders", "application/json", json));
    }

    @Test
    void typed_accessors_read_exact_types() {
        JsonBody body = body("{\"name\":\"Ada\",\"count\":3,\"big\":9223372036854775807,\"flag\":true,\"note\":null,"
                + "\"address\":{\"city\":\"Oslo\"}}");

        assertThat(body.requiredText("name", Pattern.compile("[A-Za-z]+"), 10)).isEqualTo("Ada");
        assertThat(body.optionalText("note", null, 10)).isEmpty();
        assertThat(body.optionalText("absent", null, 10)).isEmpty();
        assertThat(body.requiredInt("count", 1, 5)).isEqualTo(3);
        assertThat(body.requiredLong("big", 0, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
        assertThat(body.optionalLong("absent", 0, 1)).isEmpty();
        assertThat(body.optionalInt("count", 0, 9)).hasValue(3);
        assertThat(body.requiredBoolean("flag")).isTrue();
        assertThat(body.has("note")).as("null counts as absent").isFalse();
        assertThat(body.requiredObject("address").requiredText("city", null, 20))
                .isEqualTo("Oslo");
        assertThat(body.optionalObject("absent")).isEmpty();
        assertThat(body.path()).isEmpty();
        assertThat(body.tree().size()).isEqualTo(6);
    }

    @Test
    void text_rules_name_the_field() {
        JsonBody body = body("{\"name\":\"Ada Lovelace\",\"n\":5,\"emoji\":\"😀😀\"}");
        assertThat(problemOf(() -> body.requiredText("name", null, 5)).detail())
                .isEqualTo("name must be at most 5 characters");
        assertThat(problemOf(() -> body.requiredText("name", Pattern.compile("[a-z]+"), 50))
                        .detail())
                .isEqualTo("name has an invalid format");
        assertThat(problemOf(() -> body.requiredText("n", null, 5)).detail()).isEqualTo("n must be a string");
        assertThat(problemOf(() -> body.requiredText("missing", null, 5)).detail())
                .isEqualTo("missing is required");
        assertThat(body.requiredText("emoji", null, 2))
                .as("code points, not UTF-16 units")
                .isEqualTo("😀😀");
    }

    @Test
    void numbers_are_never_coerced() {
        JsonBody body =
                body("{\"s\":\"2\",\"f\":2.5,\"tiny\":1e-999999,\"b\":true,\"huge\":123456789012345678901234567890,"
                        + "\"neg\":-9223372036854775808,\"i\":3000000000,\"vast\":1e999999}");
        for (String field : List.of("s", "f", "tiny", "b")) {
            assertThat(problemOf(() -> body.requiredLong(field, 0, 10)).detail())
                    .isEqualTo(field + " must be an integer");
        }
        assertInvalidField(problemOf(() -> body.requiredLong("vast", Long.MIN_VALUE, Long.MAX_VALUE)), "vast");
        assertInvalidField(problemOf(() -> body.requiredLong("huge", Long.MIN_VALUE, Long.MAX_VALUE)), "huge");
        assertThat(body.requiredLong("neg", Long.MIN_VALUE, 0)).isEqualTo(Long.MIN_VALUE);
        assertThat(problemOf(() -> body.requiredInt("i", Integer.MIN_VALUE, Integer.MAX_VALUE))
                        .detail())
                .isEqualTo("i must be between -2147483648 and 2147483647");
        assertInvalidField(problemOf(() -> body.requiredBoolean("s")), "s");
    }

    @Test
    void an_integer_is_what_json_schema_calls_one_a_number_without_a_fraction() {
        JsonBody body = body("{\"whole\":2.0,\"e\":1e3,\"E\":25E-1,\"exact\":9007199254740993.0,\"zero\":-0.0}");

        assertThat(body.requiredLong("whole", 0, 10)).isEqualTo(2);
        assertThat(body.requiredLong("e", 0, 1000)).isEqualTo(1000);
        assertThat(body.requiredLong("exact", 0, Long.MAX_VALUE))
                .as("not rounded through a double")
                .isEqualTo(9007199254740993L);
        assertThat(body.requiredLong("zero", 0, 0)).isZero();
        assertThat(problemOf(() -> body.requiredLong("E", 0, 10)).detail()).isEqualTo("E must be an integer");
        assertThat(problemOf(() -> body.requiredLong("e", 0, 999)).detail()).isEqualTo("e must be between 0 and 999");
    }

    @Test
    void arrays_of_objects_carry_their_path() {
        JsonBody body = body("{\"items\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"b\",\"qty\":\"x\",\"extra\":1}],"
                + "\"tags\":[\"x\"],\"notArray\":{}}");
        List<JsonBody> items = body.requiredArray("items", 10);
        assertThat(items).hasSize(2);
        assertThat(items.get(1).path()).isEqualTo("items[1]");
        assertInvalidField(problemOf(() -> items.get(1).requiredLong("qty", 1, 9)), "items[1].qty");
        assertInvalidField(problemOf(() -> items.get(1).rejectUnknownFields(Set.of("sku", "qty"))), "items[1].extra");
        assertThat(problemOf(() -> body.requiredArray("items", 1)).detail())
                .isEqualTo("items must have at most 1 items");
        assertInvalidField(problemOf(() -> body.requiredArray("tags", 5)), "tags[0]");
        assertInvalidField(problemOf(() -> body.requiredArray("notArray", 5)), "notArray");
        assertInvalidField(problemOf(() -> body.requiredArray("absent", 5)), "absent");
        assertInvalidField(
                problemOf(() -> body.requiredObject("notArray").requiredArray("deeper", 1)), "notArray.deeper");
        assertThat(body("{\"none\":[]}").requiredArray("none", 5)).isEmpty();
    }

    @Test
    void nested_object_errors_use_dotted_paths() {
        JsonBody body = body("{\"address\":{\"lines\":[{\"zip\":12}]}}");
        JsonBody line = body.requiredObject("address").requiredArray("lines", 3).getFirst();
        assertInvalidField(problemOf(() -> line.requiredText("zip", null, 9)), "address.lines[0].zip");
    }

    @Test
    void reject_unknown_fields_names_the_first_unknown_one() {
        JsonBody body = body("{\"a\":1,\"zz\":2,\"b\":3}");
        assertThat(body.rejectUnknownFields(Set.of("a", "zz", "b"))).isSameAs(body);
        assertInvalidField(problemOf(() -> body.rejectUnknownFields(Set.of("a", "b"))), "zz");
    }

    @Test
    void string_and_name_limits() {
        assertBadRequest(
                problemOf(() -> body("{\"a\":\"" + "x".repeat(JsonBody.MAX_STRING_LENGTH + 1) + "\"}")), "JSON limits");
        assertBadRequest(
                problemOf(() -> body("{\"" + "k".repeat(JsonBody.MAX_NAME_LENGTH + 1) + "\":1}")), "JSON limits");
        assertBadRequest(
                problemOf(() -> body("{\"n\":" + "9".repeat(JsonBody.MAX_NUMBER_LENGTH + 1) + "}")), "JSON limits");
        String depth32 = "{\"a\":".repeat(31) + "{}" + "}".repeat(31);
        assertThat(body(depth32).has("a")).isTrue();
        String depth33 = "{\"a\":".repeat(32) + "{}" + "}".repeat(32);
        assertBadRequest(problemOf(() -> body(depth33)), "nesting depth");
    }

    @Test
    void error_details_never_echo_the_input() {
        Problem problem = problemOf(() -> body("{\"secret-token-123\": nope}"));
        assertBadRequest(problem, "not valid JSON (line 1, column");
        assertThat(problem.detail()).doesNotContain("secret-token-123").doesNotContain("nope");
    }

    @Test
    void empty_or_object() {
        assertThat(JsonBody.emptyOrObject(Samples.postRequest("/x", null, null)).isEmpty())
                .isTrue();
        assertThat(JsonBody.emptyOrObject(Samples.postRequest("/x", null, "")).isEmpty())
                .isTrue();
        assertThat(JsonBody.emptyOrObject(Samples.postRequest("/x", "application/json", "{}"))
                        .isEmpty())
                .isTrue();
        assertThat(JsonBody.emptyOrObject(Samples.postRequest("/x", "application/json", "{\"a\":1}"))
                        .has("a"))
                .isTrue();
        assertBadRequest(
                problemOf(() -> JsonBody.emptyOrObject(Samples.postRequest("/x", "application/json", "[]"))),
                "JSON object");
        assertThat(problemOf(() -> JsonBody.emptyOrObject(Samples.postRequest("/x", null, "{}")))
                        .status())
                .isEqualTo(415);
    }

    @Test
    void media_types() {
        assertThat(JsonBody.isJsonMediaType("application/json")).isTrue();
        assertThat(JsonBody.isJsonMediaType("application/problem+json")).isTrue();
        assertThat(JsonBody.isJsonMediaType("application/json; charset=utf-8; foo=bar"))
                .isTrue();
        assertThat(JsonBody.isJsonMediaType("application/json; charset=utf-16")).isFalse();
        assertThat(JsonBody.isJsonMediaType("text/json")).isFalse();
        assertThat(JsonBody.isJsonMediaType("application/+json")).isFalse();
        assertThat(JsonBody.isJsonMediaType("")).isFalse();
        assertThat(JsonBody.isJsonMediaType(null)).isFalse();
    }
}

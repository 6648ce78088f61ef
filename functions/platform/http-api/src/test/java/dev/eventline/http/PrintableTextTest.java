package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertInvalidField;
import static dev.eventline.http.ProblemAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class PrintableTextTest {
    private static final Pattern DOCUMENTED = Pattern.compile("^" + PrintableText.PATTERN + "$");

    private static final List<String> ACCEPTED = List.of(
            "DHL", "salary March", " padded ", "Zoë", "快递", "😀", "\u00A0x", "a\uE000b", "\uDB80\uDC00", "\u0378");
    private static final List<String> REFUSED = List.of(
            "",
            " ",
            "\u3000\u2003",
            "tab\there",
            "line\nbreak",
            "cr\r",
            "\u0000",
            "del\u007F",
            "c1\u0085",
            "a\u00ADb",
            "a\u200Bb",
            "zwj\u200D",
            "\u202Eevil",
            "\u2066iso",
            "\u2028",
            "\u2029",
            "\uFEFFbom");
    /** Refused too, but not in the documented pattern (no JSON text that keeps to RFC 8259 carries one). */
    private static final List<String> LONE_SURROGATES = List.of("\uD800", "x\uDC00", "\uDC00\uD800");

    private static JsonBody bodyWith(String value) {
        return JsonBody.of(JsonNodeFactory.instance.objectNode().put("reason", value));
    }

    @Test
    void accepts_visible_text_in_any_script_including_code_points_a_unicode_version_may_not_know() {
        for (String text : ACCEPTED) {
            assertThat(PrintableText.required(bodyWith(text), "reason", 50))
                    .as(text)
                    .isEqualTo(text);
        }
    }

    @Test
    void refuses_controls_invisible_formatting_separators_lone_surrogates_and_blank_text_naming_the_field() {
        for (String text : REFUSED) {
            assertInvalidField(problemOf(() -> PrintableText.required(bodyWith(text), "reason", 50)), "reason");
        }
        for (String text : LONE_SURROGATES) {
            assertInvalidField(problemOf(() -> PrintableText.required(bodyWith(text), "reason", 50)), "reason");
        }
    }

    @Test
    void the_documented_pattern_says_exactly_what_the_server_accepts() {
        for (String text : ACCEPTED) {
            assertThat(DOCUMENTED.matcher(text).matches()).as(text).isTrue();
        }
        for (String text : REFUSED) {
            assertThat(DOCUMENTED.matcher(text).matches()).as(text).isFalse();
        }
    }

    @Test
    void length_is_checked_before_the_characters_and_counted_in_code_points() {
        assertThat(PrintableText.required(bodyWith("😀".repeat(3)), "reason", 3))
                .hasSize(6);
        assertThat(problemOf(() -> PrintableText.required(bodyWith("x".repeat(4)), "reason", 3))
                        .detail())
                .isEqualTo("reason must be at most 3 characters");
    }
}

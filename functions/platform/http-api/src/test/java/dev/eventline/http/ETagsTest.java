package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertInvalidHeader;
import static dev.eventline.http.ProblemAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ETagsTest {
    @Test
    void etag_of_a_version_is_a_quoted_strong_tag() {
        assertThat(ETags.of(5)).isEqualTo("\"5\"");
        assertThat(ETags.of(0)).isEqualTo("\"0\"");
        assertThatThrownBy(() -> ETags.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void if_match_accepts_strong_weak_and_star() {
        assertThat(ETags.parseIfMatch(Optional.of("\"5\""))).contains(5L);
        assertThat(ETags.parseIfMatch(Optional.of(" W/\"5\" "))).contains(5L);
        assertThat(ETags.parseIfMatch(Optional.of("\"999999999999999999\""))).contains(999_999_999_999_999_999L);
        assertThat(ETags.parseIfMatch(Optional.of("*"))).isEmpty();
        assertThat(ETags.parseIfMatch(Optional.empty())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "5",
                "\"\"",
                "\"5",
                "5\"",
                "\"a\"",
                "\"1\", \"2\"",
                "w/\"5\"",
                "W/ \"5\"",
                "\"-3\"",
                "\"+3\"",
                "\"1.0\"",
                "\"1000000000000000000\"",
                "\"9223372036854775808\"",
                "**",
                "",
                " "
            })
    void if_match_garbage_is_400_naming_the_header(String value) {
        assertInvalidHeader(problemOf(() -> ETags.parseIfMatch(Optional.of(value))), "If-Match");
        assertThat(value.trim()).as("outside the documented pattern").doesNotMatch(ETags.IF_MATCH_PATTERN);
    }

    @Test
    void if_none_match_supports_lists_weak_tags_and_star() {
        assertThat(ETags.matchesIfNoneMatch(Optional.of("\"3\""), 3)).isTrue();
        assertThat(ETags.matchesIfNoneMatch(Optional.of("\"1\", \"2\""), 2)).isTrue();
        assertThat(ETags.matchesIfNoneMatch(Optional.of("\"1\",W/\"2\""), 2)).isTrue();
        assertThat(ETags.matchesIfNoneMatch(Optional.of("\"1\", \"2\""), 3)).isFalse();
        assertThat(ETags.matchesIfNoneMatch(Optional.of("*"), 7)).isTrue();
        assertThat(ETags.matchesIfNoneMatch(Optional.empty(), 7)).isFalse();
        assertThat(ETags.matchesIfNoneMatch(Optional.of("garbage, \"7\""), 7))
                .as("garbage entries are skipped")
                .isTrue();
        assertThat(ETags.matchesIfNoneMatch(Optional.of("garbage"), 7)).isFalse();
        assertThat(ETags.matchesIfNoneMatch(Optional.of("\"7\"".repeat(400)), 7))
                .isFalse();
    }
}

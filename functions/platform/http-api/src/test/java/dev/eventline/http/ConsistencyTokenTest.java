package dev.eventline.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The record a verified token reads as; the wire form is {@link ConsistencyTokensTest}'s. */
class ConsistencyTokenTest {
    @Test
    void names_a_stream_and_a_written_version() {
        ConsistencyToken token = new ConsistencyToken("Order-7f0c_2a-x", 42);

        assertThat(token.streamId()).isEqualTo("Order-7f0c_2a-x");
        assertThat(token.version()).isEqualTo(42);
        assertThat(new ConsistencyToken("Account-" + "a".repeat(128), ConsistencyToken.MAX_VERSION).version())
                .isEqualTo(ConsistencyToken.MAX_VERSION);
    }

    @Test
    void refuses_what_no_write_could_have_produced() {
        assertThatThrownBy(() -> new ConsistencyToken("Order-o-1", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyToken("Order-o-1", ConsistencyToken.MAX_VERSION + 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyToken("o-1", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConsistencyToken("Order-o/1", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}

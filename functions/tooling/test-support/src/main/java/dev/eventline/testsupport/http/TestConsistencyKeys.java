package dev.eventline.testsupport.http;

import dev.eventline.http.ConsistencyTokens;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Consistency-token keys for tests that build a handler without an emulator behind it (routes,
 * priming): the handlers take the keys instead of reading the parameter. Tests against the
 * emulator use the key it holds ({@code Emulator.consistencyTokens}).
 */
public final class TestConsistencyKeys {
    private TestConsistencyKeys() {}

    public static ConsistencyTokens tokens() {
        return new ConsistencyTokens(
                new ConsistencyTokens.Key("test", "test-key-".repeat(4).getBytes(StandardCharsets.UTF_8)),
                Optional.empty());
    }
}

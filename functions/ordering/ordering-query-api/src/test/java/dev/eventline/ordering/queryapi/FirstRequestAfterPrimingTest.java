package dev.eventline.ordering.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.FreshJvm;
import dev.eventline.testsupport.WithEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What SnapStart priming is for: after {@code beforeCheckpoint} the first real query finds its
 * classes loaded. Counted in a fresh JVM, since this test JVM has loaded them for other tests.
 */
@WithEmulator
class FirstRequestAfterPrimingTest {
    /** Classes the first query may still load after priming. Measured: 2. */
    static final int MAX_NEW_CLASSES = 50;

    private final Emulator emulator;

    FirstRequestAfterPrimingTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void the_first_query_after_priming_loads_fewer_than_fifty_classes() {
        List<String> out = FreshJvm.run(FirstQueryAfterPriming.class, emulator.environmentOf(QueryApiHandler.class));

        assertThat(out).as(String.join("\n", out)).anyMatch(line -> line.startsWith("status=4"));
        long loaded = value(out, "new-classes=");
        System.out.println("first query after priming loaded " + loaded + " classes");
        assertThat(loaded).as(String.join("\n", out)).isLessThan(MAX_NEW_CLASSES);
    }

    @Test
    void priming_answers_every_query_without_a_server_error() {
        QueryApiHandler handler = new QueryApiHandler(
                new dev.eventline.lambda.LambdaEnvironment(emulator.environmentOf(QueryApiHandler.class)));

        assertThat(handler.prime()).allMatch(status -> status < 500);
    }

    private static long value(List<String> lines, String prefix) {
        return lines.stream()
                .filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + lines));
    }
}

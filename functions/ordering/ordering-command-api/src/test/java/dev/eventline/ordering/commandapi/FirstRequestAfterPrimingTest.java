package dev.eventline.ordering.commandapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.FreshJvm;
import dev.eventline.testsupport.WithEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What SnapStart priming is for: after {@code beforeCheckpoint} the first real command finds its
 * classes loaded. Counted in a fresh JVM, since this test JVM has loaded them for other tests.
 */
@WithEmulator
class FirstRequestAfterPrimingTest {
    /**
     * Classes the first command may still load after priming. Measured: 16 (mostly the response
     * side of a PutItem that succeeds, which priming cannot reach without writing); when priming
     * left DynamoDB out it was 1,064.
     */
    static final int MAX_NEW_CLASSES = 50;

    private final Emulator emulator;

    FirstRequestAfterPrimingTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void the_first_command_after_priming_loads_fewer_than_fifty_classes() {
        List<String> out =
                FreshJvm.run(FirstCommandAfterPriming.class, emulator.environmentOf(CommandApiHandler.class));

        assertThat(out).as(String.join("\n", out)).contains("status=201");
        long loaded = value(out, "new-classes=");
        System.out.println("first command after priming loaded " + loaded + " classes");
        assertThat(loaded).as(String.join("\n", out)).isLessThan(MAX_NEW_CLASSES);
    }

    @Test
    void priming_against_dynamodb_writes_nothing() {
        CommandApiHandler handler =
                new CommandApiHandler(new LambdaEnvironment(emulator.environmentOf(CommandApiHandler.class)));

        assertThat(handler.prime()).startsWith(201);
        assertThat(emulator.dynamoDb()
                        .scan(scan -> scan.tableName(emulator.variable(CommandApiHandler.class, "EVENTS_TABLE")))
                        .items())
                .noneMatch(item -> item.toString().contains(Priming.ORDER_ID));
    }

    static long value(List<String> lines, String prefix) {
        return lines.stream()
                .filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + lines));
    }
}

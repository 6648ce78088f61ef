package dev.eventline.accounts.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.FreshJvm;
import dev.eventline.testsupport.WithEmulator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What SnapStart priming is for: after {@code beforeCheckpoint} the first real command and the
 * first real query find their classes loaded. Counted in a fresh JVM, since this test JVM has
 * loaded them for other tests.
 */
@WithEmulator
class FirstRequestAfterPrimingTest {
    /** Classes the first command, and then the first query, may each still load after priming. */
    static final int MAX_NEW_CLASSES = 50;

    private final Emulator emulator;

    FirstRequestAfterPrimingTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void the_first_command_and_query_after_priming_load_fewer_than_fifty_classes_each() {
        List<String> out =
                FreshJvm.run(FirstRequestsAfterPriming.class, emulator.environmentOf(AccountsApiHandler.class));
        String all = String.join("\n", out);

        assertThat(out).as(all).contains("command-status=201", "query-status=200");
        long command = value(out, "command-new-classes=");
        long query = value(out, "query-new-classes=");
        System.out.println("after priming: first command loaded " + command + " classes, first query " + query);
        assertThat(command).as(all).isLessThan(MAX_NEW_CLASSES);
        assertThat(query).as(all).isLessThan(MAX_NEW_CLASSES);
    }

    @Test
    void priming_runs_every_request_in_memory_and_writes_nothing() {
        AccountsApiHandler handler =
                new AccountsApiHandler(new LambdaEnvironment(emulator.environmentOf(AccountsApiHandler.class)));

        assertThat(handler.prime()).containsExactly(201, 200, 200, 200, 200, 200, 200, 200, 422, 422, 400);
        assertThat(emulator.dynamoDb()
                        .scan(scan ->
                                scan.tableName(emulator.variable(AccountsApiHandler.class, "ACCOUNTS_EVENTS_TABLE")))
                        .items())
                .noneMatch(item -> item.toString().contains(Priming.ACCOUNT_ID));
    }

    private static long value(List<String> lines, String prefix) {
        return lines.stream()
                .filter(line -> line.startsWith(prefix))
                .mapToLong(line -> Long.parseLong(line.substring(prefix.length())))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + prefix + " in " + lines));
    }
}

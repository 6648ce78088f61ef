package dev.eventline.ordering.commandapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.http.TestConsistencyKeys;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The SnapStart priming walks the whole request path in memory: the environment points at an
 * endpoint nothing listens on, so a single DynamoDB call on that path would turn a status into a
 * 500. Its DynamoDB part then fails to connect, which priming logs and survives (what it warms:
 * {@link FirstRequestAfterPrimingTest}).
 */
class PrimingTest {
    private final CommandApiHandler handler = new CommandApiHandler(
            new LambdaEnvironment(Map.of(
                    "EVENTS_TABLE",
                    "events",
                    "IDEMPOTENCY_TABLE",
                    "idempotency",
                    "AWS_REGION",
                    "us-east-1",
                    "AWS_ENDPOINT_URL",
                    "http://127.0.0.1:9",
                    "AWS_ACCESS_KEY_ID",
                    "unused",
                    "AWS_SECRET_ACCESS_KEY",
                    "unused")),
            TestConsistencyKeys.tokens());

    @Test
    void primes_every_command_and_the_problem_paths_in_memory() {
        assertThat(handler.prime()).containsExactly(201, 200, 200, 200, 200, 200, 200, 422, 404, 400, 405, 404);
    }

    @Test
    void can_prime_more_than_once() {
        handler.prime();

        assertThat(handler.prime()).startsWith(201);
    }

    @Test
    void the_checkpoint_hook_primes() {
        handler.beforeCheckpoint(null);
        handler.afterRestore(null);
    }
}

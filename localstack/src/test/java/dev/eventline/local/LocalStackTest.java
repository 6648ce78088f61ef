package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.MotoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code make up}'s start, with the emulator named by {@code AWS_ENDPOINT_URL} (bring your own). */
class LocalStackTest {
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    @Test
    void with_aws_endpoint_url_it_provisions_into_that_emulator_runs_against_it_and_leaves_it_running() {
        try (MotoServer theirs = MotoServer.start();
                var dynamoDb = new AwsEndpoint(theirs.endpoint()).dynamoDb()) {
            Map<String, String> env =
                    Map.of("AWS_ENDPOINT_URL", theirs.endpoint().toString(), "PORT", "0");
            String orderId;
            try (LocalStack.Running stack = LocalStack.start(env, Clock.systemUTC())) {
                assertThat(stack.ownMoto()).isEmpty();
                assertThat(stack.endpoint().uri()).isEqualTo(theirs.endpoint());
                assertThat(dynamoDb.listTables().tableNames()).contains("eventline-dev-ordering-events");
                OrdersApi api = new OrdersApi(stack.runtime().httpUri());
                orderId = OrdersApi.orderIdOf(api.place("c-" + UUID.randomUUID()));
                api.awaitProjected(orderId, 1, CONVERGENCE);
            }

            // started again into the same emulator: what the last run left is recreated empty
            try (LocalStack.Running again = LocalStack.start(env, Clock.systemUTC())) {
                OrdersApi api = new OrdersApi(again.runtime().httpUri());
                assertThat(api.get(orderId, Optional.empty(), "").status()).isEqualTo(404);
                api.awaitProjected(OrdersApi.orderIdOf(api.place("c-" + UUID.randomUUID())), 1, CONVERGENCE);
            }
            assertThat(dynamoDb.listTables().tableNames()).contains("eventline-dev-ordering-events");
        }
    }

    @Test
    void an_aws_endpoint_url_that_does_not_answer_is_a_clear_error() throws IOException {
        String nobody = "http://127.0.0.1:" + closedPort();

        assertThatThrownBy(() -> LocalStack.start(Map.of("AWS_ENDPOINT_URL", nobody, "PORT", "0"), Clock.systemUTC()))
                .isInstanceOf(LocalStack.EmulatorUnreachableException.class)
                .hasMessageStartingWith("AWS_ENDPOINT_URL=" + nobody + " does not answer DynamoDB")
                .hasMessageContaining("unset AWS_ENDPOINT_URL");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

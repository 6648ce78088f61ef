package dev.eventline.ordering.commandapi;

import static dev.eventline.ordering.commandapi.ApiSamples.event;
import static dev.eventline.ordering.commandapi.ApiSamples.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import dev.eventline.testsupport.capacity.CapacityMeter;
import dev.eventline.testsupport.capacity.CapacityMeter.Usage;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What one command costs in DynamoDB requests, counted on the handler's own SDK client: a cold
 * container reads the stream once and writes once; a warm one whose cached state is current only
 * writes. These numbers are the latency and the bill of the write path.
 */
@WithEmulator
class RequestCostTest {
    private final LambdaEnvironment env;
    private final CommandApiHandler setup;

    RequestCostTest(Emulator emulator) {
        env = new LambdaEnvironment(emulator.environmentOf(CommandApiHandler.class));
        setup = new CommandApiHandler(env);
    }

    /** A handler whose every DynamoDB request goes through {@code meter}. */
    private CommandApiHandler metered(CapacityMeter meter) {
        return new CommandApiHandler(env, new AwsClients(env, meter), Clock.systemUTC(), line -> {});
    }

    private static Map<String, Long> requests(
            CapacityMeter meter, CommandApiHandler handler, HttpApiEvent event, int expectedStatus) {
        Usage before = meter.usage();
        Response response = Response.of(handler.handleRequest(event, null));
        assertThat(response.status()).as(response.rawBody()).isEqualTo(expectedStatus);
        return meter.usage().minus(before).requestsByOperation();
    }

    @Test
    void a_cold_handler_reads_once_and_writes_once_and_a_create_only_writes() {
        String orderId =
                Response.of(setup.handleRequest(event("place-order"), null)).orderId();
        CapacityMeter meter = new CapacityMeter();

        assertThat(requests(meter, metered(meter), event("add-item", orderId), 200))
                .isEqualTo(Map.of("Query", 1L, "PutItem", 1L));
        assertThat(requests(meter, metered(meter), event("place-order"), 201))
                .as("a create only writes: the conditional put is the existence check")
                .isEqualTo(Map.of("PutItem", 1L));
    }

    @Test
    void a_warm_handler_with_current_state_only_writes() {
        CapacityMeter meter = new CapacityMeter();
        CommandApiHandler handler = metered(meter);
        String orderId =
                Response.of(handler.handleRequest(event("place-order"), null)).orderId();

        assertThat(requests(meter, handler, event("add-item", orderId), 200)).isEqualTo(Map.of("PutItem", 1L));
        assertThat(requests(meter, handler, event("remove-item", orderId), 200)).isEqualTo(Map.of("PutItem", 1L));
        assertThat(requests(meter, handler, withHeader(event("confirm", orderId), "If-Match", "\"3\""), 200))
                .as("a current If-Match costs nothing extra")
                .isEqualTo(Map.of("PutItem", 1L));
    }

    @Test
    void an_idempotent_command_writes_events_and_key_in_one_transaction() {
        CapacityMeter meter = new CapacityMeter();
        CommandApiHandler handler = metered(meter);
        String orderId =
                Response.of(handler.handleRequest(event("place-order"), null)).orderId();
        HttpApiEvent keyed = withHeader(
                event("add-item", orderId), "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(requests(meter, handler, keyed, 200)).isEqualTo(Map.of("TransactWriteItems", 1L));
    }

    @Test
    void a_warm_handler_that_missed_one_write_catches_up_from_the_failed_write_without_reading() {
        CapacityMeter meter = new CapacityMeter();
        CommandApiHandler handler = metered(meter);
        String orderId =
                Response.of(handler.handleRequest(event("place-order"), null)).orderId();
        Response.of(setup.handleRequest(event("add-item", orderId), null)); // another container moves the order on

        assertThat(requests(meter, handler, event("confirm", orderId), 200))
                .as("the lost conditional write returns the event that won")
                .isEqualTo(Map.of("PutItem", 2L));
    }

    @Test
    void a_refused_request_costs_nothing() {
        CapacityMeter meter = new CapacityMeter();
        CommandApiHandler handler = metered(meter);

        assertThat(requests(meter, handler, event("malformed-json"), 400)).isEmpty();
        assertThat(requests(meter, handler, event("hostile-id"), 400)).isEmpty();
        assertThat(requests(meter, handler, event("wrong-method", "any-order"), 405))
                .isEmpty();
    }
}

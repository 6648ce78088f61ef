package dev.eventline.ordering.commandapi;

import static dev.eventline.ordering.commandapi.ApiSamples.event;
import static dev.eventline.ordering.commandapi.ApiSamples.withBody;
import static dev.eventline.ordering.commandapi.ApiSamples.withHeader;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The command API with customers as callers (the samples are staff): the order is the caller's,
 * someone else's is missing, staff actions are refused, and idempotency keys are per caller.
 * The full route × caller matrix is {@code OrderAccessTest} and, through the local stack,
 * {@code AccessAttackTest}.
 */
@WithEmulator
class CallerAccessTest {
    private static final Clock CLOCK = MutableClock.startingNow();
    private static final String PLACE =
            "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}";

    private final CommandApiHandler handler;
    private final String alice = "alice-" + UUID.randomUUID();
    private final String mallory = "mallory-" + UUID.randomUUID();

    CallerAccessTest(Emulator emulator) {
        LambdaEnvironment env = new LambdaEnvironment(emulator.environmentOf(CommandApiHandler.class));
        handler = new CommandApiHandler(env, new AwsClients(env), CLOCK, line -> {});
    }

    private Response send(HttpApiEvent event, String caller) {
        return Response.of(handler.handleRequest(ApiGatewayEvents.withCaller(event, caller), null));
    }

    @Test
    void a_customer_places_orders_for_themselves_only() {
        Response own = send(withBody(event("place-order"), PLACE), alice);
        Response forSomeoneElse = send(event("place-order"), alice); // the sample names customer c-1

        assertThat(own.status()).isEqualTo(201);
        assertThat(forSomeoneElse.status()).isEqualTo(403);
        assertThat(forSomeoneElse.body().path("requiredScope").asText()).isEqualTo("eventline/staff");
    }

    @Test
    void another_customers_order_is_not_found_and_is_left_as_it_was() {
        String orderId = send(withBody(event("place-order"), PLACE), alice).orderId();

        Response confirm = send(event("confirm", orderId), mallory);
        Response cancel = send(event("cancel", orderId), mallory);
        Response missing = send(event("confirm", "o-" + UUID.randomUUID()), mallory);

        assertThat(confirm.status()).isEqualTo(404);
        assertThat(cancel.status()).isEqualTo(404);
        assertThat(confirm.body().path("code")).isEqualTo(missing.body().path("code"));
        assertThat(send(event("confirm", orderId), alice).status()).isEqualTo(200);
    }

    @Test
    void only_staff_ship_and_deliver() {
        String orderId = send(withBody(event("place-order"), PLACE), alice).orderId();

        assertThat(send(event("ship", orderId), alice).status()).isEqualTo(403);
        assertThat(send(event("deliver", orderId), alice).status()).isEqualTo(403);
    }

    @Test
    void the_same_idempotency_key_of_two_callers_is_two_keys() {
        String key = "first-order";
        Response mallorys = send(withHeader(withBody(event("place-order"), PLACE), "Idempotency-Key", key), mallory);
        Response alices = send(withHeader(withBody(event("place-order"), PLACE), "Idempotency-Key", key), alice);
        Response alicesRetry = send(withHeader(withBody(event("place-order"), PLACE), "Idempotency-Key", key), alice);

        assertThat(mallorys.status()).isEqualTo(201);
        assertThat(alices.status()).isEqualTo(201);
        assertThat(alices.orderId()).isNotEqualTo(mallorys.orderId());
        assertThat(alicesRetry.orderId()).isEqualTo(alices.orderId());
    }
}

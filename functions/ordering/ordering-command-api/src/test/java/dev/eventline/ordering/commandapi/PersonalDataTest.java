package dev.eventline.ordering.commandapi;

import static dev.eventline.ordering.commandapi.ApiSamples.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.personaldata.PersonalDataVault;
import dev.eventline.personaldata.SealedToken;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Placing an order with the customer's contact records it sealed, under the customer's key
 * (moto's KMS, the keys table of the template), and erasing the customer deletes that key: the
 * event stays, its contact no longer opens.
 */
@WithEmulator
class PersonalDataTest {
    private static final Clock CLOCK = MutableClock.startingNow();

    private final CommandApiHandler handler;
    private final EventsTable table;
    private final PersonalDataVault vault;
    private final List<String> log = new CopyOnWriteArrayList<>();

    PersonalDataTest(Emulator emulator) {
        LambdaEnvironment env = new LambdaEnvironment(emulator.environmentOf(CommandApiHandler.class));
        handler = new CommandApiHandler(env, new AwsClients(env), CLOCK, log::add);
        table = new EventsTable(emulator);
        vault = new PersonalDataVault(
                emulator.endpoint().kms(),
                emulator.dynamoDb(),
                env.require(PersonalDataVault.MASTER_KEY_VARIABLE),
                env.require(PersonalDataVault.KEYS_TABLE_VARIABLE),
                CLOCK);
    }

    private Response send(HttpApiEvent event) {
        return Response.of(handler.handleRequest(event, null));
    }

    private static HttpApiEvent placeFor(String customerId) {
        HttpApiEvent place = event("place-order-with-customer");
        place = place.withBody(place.body().replace("\"c-1\"", "\"" + customerId + "\""));
        // the customer places their own order
        return ApiGatewayEvents.withCaller(place, customerId);
    }

    private static HttpApiEvent erase(String customerId) {
        // the customer asks to be forgotten (staff may too: OrderAccess.erasePersonalData)
        return ApiGatewayEvents.withCaller(
                ApiGatewayEvents.fromJson(
                        Samples.text("api/orders/erase-personal-data.json").replace("{{customerId}}", customerId)),
                customerId);
    }

    @Test
    void the_contact_is_recorded_sealed_and_opens_only_while_the_customer_is_not_erased() throws Exception {
        String customerId = "c-" + UUID.randomUUID();
        String orderId =
                send(placeFor(customerId)).assertCommand(201, 1, "OrderPlaced").orderId();

        String data = table.events(orderId).getFirst().data();
        assertThat(data).doesNotContain("Ada", "ada@example.com", "James");
        String sealed = com.fasterxml.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(data)
                .path("customer")
                .asText();
        SealedToken token = SealedToken.parse(sealed).orElseThrow();
        assertThat(token.subjectId()).isEqualTo(customerId);
        assertThat(vault.session().open(token))
                .hasValueSatisfying(contact ->
                        assertThat(contact).contains("\"name\":\"Ada Lovelace\"", "\"email\":\"ada@example.com\""));
        assertThat(String.join("\n", log)).doesNotContain("Ada", "ada@example.com");

        assertThat(send(erase(customerId)).status()).isEqualTo(204);

        assertThat(vault.session().open(token)).isEqualTo(Optional.empty());
        assertThat(table.types(orderId)).as("the events stay").containsExactly("OrderPlaced");
        assertThat(send(erase(customerId)).status()).as("idempotent").isEqualTo(204);
    }

    @Test
    void erasing_someone_who_never_gave_personal_data_answers_the_same() {
        assertThat(send(erase("c-" + UUID.randomUUID())).status()).isEqualTo(204);
    }

    @Test
    void only_the_customer_or_staff_erase_a_customers_personal_data() {
        String customerId = "c-" + UUID.randomUUID();
        send(placeFor(customerId)).assertCommand(201, 1, "OrderPlaced");

        assertThat(send(ApiGatewayEvents.withCaller(erase(customerId), "someone-else"))
                        .status())
                .isEqualTo(403);
        assertThat(send(ApiGatewayEvents.withCaller(erase(customerId), "staff-1", "eventline/staff"))
                        .status())
                .isEqualTo(204);
    }
}

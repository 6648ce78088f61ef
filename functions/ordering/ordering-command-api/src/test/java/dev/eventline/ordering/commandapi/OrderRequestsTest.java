package dev.eventline.ordering.commandapi;

import static dev.eventline.ordering.commandapi.ApiSamples.event;
import static dev.eventline.ordering.commandapi.ApiSamples.withBody;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.eventline.http.HttpRequest;
import dev.eventline.http.ProblemException;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.CancelOrder;
import dev.eventline.ordering.PlaceOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The edge checks, without AWS: what reaches a command record is never null, coerced or unprintable. */
class OrderRequestsTest {
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00Z");

    private static HttpRequest request(String sample, String body) {
        return HttpRequest.from(withBody(event(sample, "o-1"), body)).withPathParams(Map.of("orderId", "o-1"));
    }

    private static String invalidField(Runnable parse) {
        ProblemException problem = catchThrowableOfType(ProblemException.class, parse::run);
        assertThat(problem).as("refused with a problem").isNotNull();
        assertThat(problem.problem().status()).isEqualTo(400);
        return problem.problem().extension("field").asText();
    }

    private static String refuseToSeal(String subject, String contact) {
        throw new AssertionError("nothing to seal");
    }

    @Test
    void a_contact_is_sealed_for_its_customer_in_a_fixed_shape_before_the_command_exists() {
        List<String> sealed = new ArrayList<>();
        PlaceOrder command = OrderRequests.placeOrder(
                request(
                        "place-order",
                        "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"customer\":{\"shippingAddress\":\"1 Main St\","
                                + "\"email\":\"ada@example.com\",\"name\":\"Ada\"}}"),
                () -> "generated",
                named -> named.orElse("the-caller"),
                AT,
                (subject, contact) -> {
                    sealed.add(subject + " " + contact);
                    return "pii1.sealed";
                });

        assertThat(sealed)
                .containsExactly(
                        "c-1 {\"name\":\"Ada\",\"email\":\"ada@example.com\",\"shippingAddress\":\"1 Main St\"}");
        assertThat(command.customer()).isEqualTo("pii1.sealed");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\"}                                   | customer.shippingAddress",
                "{\"name\":\"Ada\",\"email\":\"no-at-sign\",\"shippingAddress\":\"x\"}              | customer.email",
                "{\"name\":\" \",\"email\":\"a@b\",\"shippingAddress\":\"x\"}                       | customer.name",
                "{\"name\":\"Ada\",\"email\":\"a@b\",\"shippingAddress\":\"x\",\"phone\":\"1\"}      | customer.phone",
            })
    void an_invalid_contact_is_refused_before_anything_is_sealed(String contact, String field) {
        String body = "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"customer\":" + contact + "}";
        assertThat(invalidField(() -> OrderRequests.placeOrder(
                        request("place-order", body),
                        () -> "id",
                        named -> named.orElse("the-caller"),
                        AT,
                        OrderRequestsTest::refuseToSeal)))
                .isEqualTo(field);
    }

    @Test
    void a_valid_placement_becomes_a_complete_command() {
        PlaceOrder command = OrderRequests.placeOrder(
                request(
                        "place-order",
                        "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}"),
                () -> "generated",
                named -> named.orElse("the-caller"),
                AT,
                OrderRequestsTest::refuseToSeal);

        assertThat(command.orderId()).isEqualTo("generated");
        assertThat(command.customerId()).isEqualTo("c-1");
        assertThat(command.items()).singleElement().satisfies(line -> {
            assertThat(line.sku()).isEqualTo("SKU-1");
            assertThat(line.quantity()).isEqualTo(2);
            assertThat(line.unitPrice()).isEqualTo(1999);
        });
        assertThat(command.at()).isEqualTo(AT);
    }

    @Test
    void items_may_be_left_out_and_a_client_may_name_the_order() {
        PlaceOrder command = OrderRequests.placeOrder(
                request("place-order", "{\"orderId\":\"mine-1\",\"customerId\":\"c-1\",\"currency\":\"EUR\"}"),
                () -> "generated",
                named -> named.orElse("the-caller"),
                AT,
                OrderRequestsTest::refuseToSeal);

        assertThat(command.orderId()).isEqualTo("mine-1");
        assertThat(command.items()).isEmpty();
    }

    @Test
    void without_a_customer_id_the_order_is_the_callers() {
        PlaceOrder command = OrderRequests.placeOrder(
                request("place-order", "{\"currency\":\"EUR\"}"),
                () -> "generated",
                named -> named.orElse("the-caller"),
                AT,
                OrderRequestsTest::refuseToSeal);

        assertThat(command.customerId()).isEqualTo("the-caller");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"orderId\":\"a/b\",\"customerId\":\"c-1\",\"currency\":\"EUR\"}                   | orderId",
                "{\"orderId\":\"\",\"customerId\":\"c-1\",\"currency\":\"EUR\"}                      | orderId",
                "{\"customerId\":\"c 1\",\"currency\":\"EUR\"}                                       | customerId",
                "{\"customerId\":7,\"currency\":\"EUR\"}                                             | customerId",
                "{\"customerId\":\"c-1\",\"currency\":\"EURO\"}                                      | currency",
                "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":{}}                          | items",
                "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[7]}                         | items[0]",
                "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"S\",\"quantity\":1}]} | items[0].unitPrice",
                "{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"S\",\"quantity\":1,\"unitPrice\":1,\"x\":1}]} | items[0].x",
            })
    void a_placement_names_its_first_invalid_field(String body, String field) {
        assertThat(invalidField(() -> OrderRequests.placeOrder(
                        request("place-order", body),
                        () -> "id",
                        named -> named.orElse("the-caller"),
                        AT,
                        OrderRequestsTest::refuseToSeal)))
                .isEqualTo(field);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"sku\":\"SKU-1\",\"quantity\":1.5e0,\"unitPrice\":1}                 | quantity",
                "{\"sku\":\"SKU-1\",\"quantity\":true,\"unitPrice\":1}                  | quantity",
                "{\"sku\":\"SKU-1\",\"quantity\":2147483648,\"unitPrice\":1}            | quantity",
                "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":2.01}                  | unitPrice",
                "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":\"2\"}                   | unitPrice",
                "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":9223372036854775808}   | unitPrice",
                "{\"sku\":\"SKU-1\",\"quantity\":1,\"unitPrice\":null}                  | unitPrice",
                "{\"sku\":\"ÄÖÜ\",\"quantity\":1,\"unitPrice\":1}                       | sku",
            })
    void numbers_are_never_coerced_and_skus_are_plain(String body, String field) {
        assertThat(invalidField(() -> OrderRequests.addItem(request("add-item", body), AT)))
                .isEqualTo(field);
    }

    @Test
    void an_integer_is_what_json_schema_calls_one() {
        AddItem command = OrderRequests.addItem(
                request("add-item", "{\"sku\":\"SKU-1\",\"quantity\":2.0,\"unitPrice\":1e3}"), AT);

        assertThat(command.quantity()).isEqualTo(2);
        assertThat(command.unitPrice()).isEqualTo(1000);
    }

    @Test
    void an_item_becomes_the_command_as_sent() {
        AddItem command =
                OrderRequests.addItem(request("add-item", "{\"sku\":\"SKU-2\",\"quantity\":0,\"unitPrice\":-1}"), AT);

        assertThat(command.quantity())
                .as("ranges are the decider's rules (422), not format errors")
                .isZero();
        assertThat(command.unitPrice()).isEqualTo(-1);
    }

    @Test
    void texts_are_counted_in_characters_and_must_be_printable() {
        String emoji = "\uD83D\uDE9A"; // one character, two UTF-16 units
        CancelOrder longest = OrderRequests.cancel(request("cancel", "{\"reason\":\"" + emoji.repeat(200) + "\"}"), AT);
        assertThat(longest.reason().codePointCount(0, longest.reason().length()))
                .isEqualTo(200);
        assertThat(OrderRequests.cancel(request("cancel", "{\"reason\":\"Lieferung verspätet\"}"), AT)
                        .reason())
                .isEqualTo("Lieferung verspätet");

        for (String bad : new String[] {emoji.repeat(201), "\\u2028", "a\\u200Bb", "\\ud800", "tab\\there", "  "}) {
            assertThat(invalidField(() -> OrderRequests.cancel(request("cancel", "{\"reason\":\"" + bad + "\"}"), AT)))
                    .as(bad)
                    .isEqualTo("reason");
        }
    }
}

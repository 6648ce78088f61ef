package dev.eventline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.accounts.AccountsUpcasters;
import dev.eventline.schemas.ordering.OrderingUpcasters;
import org.junit.jupiter.api.Test;

class EventSchemasTest {

    private final EventSchemas ordering = EventSchemas.forContext("ordering", OrderingUpcasters.upcasters());

    private static ObjectNode orderPlacedV2() {
        ObjectNode payload = EventJson.object()
                .put("orderId", "ord-1")
                .put("customerId", "cust-1")
                .put("currency", "EUR");
        payload.putArray("lines")
                .addObject()
                .put("sku", "SKU-1")
                .put("quantity", 2)
                .put("unitPrice", 1999);
        return payload.put("placedAt", "2025-03-01T09:00:00Z");
    }

    @Test
    void knows_every_ordering_type_and_its_current_version() {
        assertThat(ordering.types())
                .containsExactlyInAnyOrder(
                        "OrderPlaced",
                        "ItemAdded",
                        "ItemRemoved",
                        "OrderConfirmed",
                        "PaymentCaptured",
                        "OrderShipped",
                        "OrderDelivered",
                        "OrderCancelled");
        assertThat(ordering.currentVersion("OrderPlaced")).isEqualTo(3);
        assertThat(ordering.currentVersion("ItemAdded")).isEqualTo(2);
        assertThat(ordering.currentVersion("OrderShipped")).isEqualTo(2);
        assertThat(ordering.currentVersion("OrderConfirmed")).isEqualTo(1);
        assertThat(ordering.versions("OrderPlaced")).containsExactly(1, 2, 3);
    }

    @Test
    void accounts_are_at_v1_but_account_opened_at_v2_behind_a_pass_through() {
        EventSchemas accounts = EventSchemas.forContext("accounts", AccountsUpcasters.upcasters());

        assertThat(accounts.types())
                .hasSize(7)
                .allSatisfy(type ->
                        assertThat(accounts.currentVersion(type)).isEqualTo(type.equals("AccountOpened") ? 2 : 1));
        assertThat(AccountsUpcasters.upcasters().isPassThrough("AccountOpened", 1))
                .isTrue();
    }

    @Test
    void for_context_is_cached_per_context_and_upcasters() {
        assertThat(EventSchemas.forContext("ordering", OrderingUpcasters.upcasters()))
                .isSameAs(ordering);
    }

    @Test
    void unknown_type_is_an_illegal_argument() {
        assertThatThrownBy(() -> ordering.currentVersion("OrderTeleported"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown event type 'OrderTeleported'");
    }

    @Test
    void unknown_context_fails_at_start_up() {
        assertThatThrownBy(() -> EventSchemas.forContext("billing", Upcasters.none()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no event schemas for context 'billing'");
    }

    @Test
    void a_missing_upcaster_fails_at_start_up_naming_every_missing_link() {
        assertThatThrownBy(() ->
                        EventSchemas.forContext("ordering", Upcasters.builder().build()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing upcaster ItemAdded v1->v2")
                .hasMessageContaining("missing upcaster OrderPlaced v1->v2")
                .hasMessageContaining("missing upcaster OrderShipped v1->v2");
    }

    @Test
    void an_upcaster_with_no_schema_to_lift_to_fails_at_start_up() {
        Upcasters tooFar = Upcasters.builder()
                .register("OrderPlaced", 1, p -> p)
                .register("OrderPlaced", 2, p -> p)
                .register("ItemAdded", 1, p -> p)
                .register("OrderShipped", 1, p -> p)
                .register("OrderShipped", 2, p -> p)
                .register("Ghost", 1, p -> p)
                .build();

        assertThatThrownBy(() -> EventSchemas.forContext("ordering", tooFar))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("upcaster OrderShipped v2->v3 lifts to a version without a schema")
                .hasMessageContaining("upcaster Ghost v1->v2 is for a type without schemas");
    }

    @Test
    void validate_accepts_a_conforming_payload() {
        assertThatCode(() -> ordering.validate("OrderPlaced", 2, orderPlacedV2()))
                .doesNotThrowAnyException();
    }

    @Test
    void validate_refuses_an_unknown_field_because_current_versions_are_closed() {
        assertThatThrownBy(() ->
                        ordering.validate("OrderPlaced", 2, orderPlacedV2().put("discount", 5)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("ordering OrderPlaced v2 does not match its schema")
                .hasMessageContaining("discount");
    }

    @Test
    void validate_refuses_a_missing_required_field() {
        ObjectNode payload = orderPlacedV2();
        payload.remove("customerId");

        assertThatThrownBy(() -> ordering.validate("OrderPlaced", 2, payload))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("customerId");
    }

    @Test
    void validate_refuses_a_lower_case_currency_a_decimal_price_and_a_non_instant_time() {
        assertThatThrownBy(() ->
                        ordering.validate("OrderPlaced", 2, orderPlacedV2().put("currency", "eur")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("currency");
        ObjectNode decimalPrice = orderPlacedV2();
        ((ObjectNode) decimalPrice.get("lines").get(0)).put("unitPrice", 19.99);
        assertThatThrownBy(() -> ordering.validate("OrderPlaced", 2, decimalPrice))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("unitPrice");
        assertThatThrownBy(() ->
                        ordering.validate("OrderPlaced", 2, orderPlacedV2().put("placedAt", "yesterday")))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("placedAt");
    }

    @Test
    void validate_checks_against_the_version_asked() {
        ObjectNode v1 = EventJson.object()
                .put("orderId", "ord-1")
                .put("carrier", "DHL")
                .put("trackingCode", "T1")
                .put("shippedAt", "2025-03-01T09:00:00Z");

        assertThatCode(() -> ordering.validate("OrderShipped", 1, v1)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ordering.validate("OrderShipped", 2, v1)).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> ordering.validate("OrderShipped", 3, v1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no schema v3");
    }

    @Test
    void upcast_from_the_current_version_returns_the_payload_as_is() {
        ObjectNode payload = orderPlacedV2();

        assertThat(ordering.upcast("OrderPlaced", 3, payload)).isSameAs(payload);
    }

    @Test
    void upcast_runs_the_chain_without_touching_the_stored_payload() {
        ObjectNode stored = EventJson.object()
                .put("orderId", "ord-1")
                .put("carrier", "DHL")
                .put("trackingCode", "T1")
                .put("shippedAt", "2025-03-01T09:00:00Z");
        ObjectNode before = stored.deepCopy();

        JsonNode current = ordering.upcast("OrderShipped", 1, stored);

        assertThat(current.get("trackingNumber").asText()).isEqualTo("T1");
        assertThat(current.has("trackingCode")).isFalse();
        assertThat(stored).isEqualTo(before);
    }

    @Test
    void upcast_from_a_version_this_reader_does_not_know_is_refused() {
        assertThatThrownBy(() -> ordering.upcast("OrderPlaced", 4, orderPlacedV2()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("OrderPlaced v4 is unknown here");
        assertThatThrownBy(() -> ordering.upcast("OrderPlaced", 0, orderPlacedV2()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void upcast_of_a_non_object_payload_is_refused() {
        assertThatThrownBy(() ->
                        ordering.upcast("OrderShipped", 1, EventJson.object().arrayNode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void schema_is_a_copy_so_callers_cannot_alter_validation() {
        ordering.schema("OrderConfirmed", 1).put("additionalProperties", true);

        assertThat(ordering.schema("OrderConfirmed", 1)
                        .get("additionalProperties")
                        .booleanValue())
                .isFalse();
    }
}

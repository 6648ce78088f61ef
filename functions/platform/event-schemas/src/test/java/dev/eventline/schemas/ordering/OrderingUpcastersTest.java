package dev.eventline.schemas.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.schemas.EventJson;
import dev.eventline.schemas.EventSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderingUpcastersTest {

    private final EventSchemas schemas = EventSchemas.forContext("ordering", OrderingUpcasters.upcasters());

    private static ObjectNode orderPlacedV1(String currency, String price) {
        ObjectNode v1 = EventJson.object()
                .put("orderId", "ord-1")
                .put("customerId", "cust-1")
                .put("currency", currency);
        v1.putArray("lines").addObject().put("sku", "SKU-1").put("quantity", 2).put("price", price);
        return v1.put("placedAt", "2025-03-01T09:00:00Z");
    }

    @ParameterizedTest(name = "{1} {0} -> {2} minor units")
    @CsvSource({
        "19.99, EUR, 1999",
        "5, EUR, 500",
        "19.9, EUR, 1990",
        "19.990, EUR, 1999",
        "0, EUR, 0",
        "1500, JPY, 1500",
        "2.125, KWD, 2125",
        "0.5, KWD, 500"
    })
    void orderPlaced_v1DecimalPrice_becomesIntegerMinorUnits_atTheCurrencysScale(
            String price, String currency, long minor) {
        JsonNode v2 = schemas.upcast("OrderPlaced", 1, orderPlacedV1(currency, price));

        JsonNode line = v2.get("lines").get(0);
        assertThat(line.get("unitPrice").isIntegralNumber()).isTrue();
        assertThat(line.get("unitPrice").longValue()).isEqualTo(minor);
        assertThat(line.has("price")).isFalse();
        assertThat(line.get("sku").asText()).isEqualTo("SKU-1");
        assertThat(line.get("quantity").intValue()).isEqualTo(2);
    }

    @ParameterizedTest(name = "{1} {0} is refused")
    @CsvSource({
        "19.999, EUR, does not convert exactly to EUR minor units (2 decimals)",
        "1500.5, JPY, does not convert exactly to JPY minor units (0 decimals)",
        "-1.00, EUR, is negative",
        "abc, EUR, is not a decimal",
        "10.00, XAU, has no minor unit",
        "10.00, ZZZ, is not an ISO 4217 code"
    })
    void orderPlaced_v1PriceThatWouldLosePrecision_isRefused_neverRounded(String price, String currency, String why) {
        assertThatThrownBy(() -> schemas.upcast("OrderPlaced", 1, orderPlacedV1(currency, price)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(why);
    }

    @Test
    void order_placed_v1_amount_too_large_for_a_long_is_refused() {
        assertThatThrownBy(() -> schemas.upcast("OrderPlaced", 1, orderPlacedV1("EUR", "99999999999999999999")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not convert exactly");
    }

    @Test
    void item_added_v1_gets_the_documented_unknown_price() {
        ObjectNode v1 = EventJson.object()
                .put("orderId", "ord-1")
                .put("sku", "SKU-1")
                .put("quantity", 1)
                .put("addedAt", "2025-03-01T09:00:00Z");

        JsonNode v2 = schemas.upcast("ItemAdded", 1, v1);

        assertThat(v2.get("unitPrice").longValue())
                .isEqualTo(ItemAddedV1ToV2.UNKNOWN_UNIT_PRICE)
                .isZero();
        assertThat(schemas.schema("ItemAdded", 2)
                        .at("/properties/unitPrice/default")
                        .longValue())
                .as("the v2 schema documents the same default")
                .isEqualTo(ItemAddedV1ToV2.UNKNOWN_UNIT_PRICE);
    }

    @Test
    void order_shipped_v1_tracking_code_is_renamed_tracking_number() {
        ObjectNode v1 = EventJson.object()
                .put("orderId", "ord-1")
                .put("carrier", "DHL")
                .put("trackingCode", "JD01")
                .put("shippedAt", "2025-03-01T09:00:00Z");

        JsonNode v2 = schemas.upcast("OrderShipped", 1, v1);

        assertThat(v2.get("trackingNumber").asText()).isEqualTo("JD01");
        assertThat(v2.has("trackingCode")).isFalse();
    }

    @Test
    void order_shipped_v1_without_tracking_code_is_refused_rather_than_inventing_one() {
        ObjectNode v1 = EventJson.object().put("orderId", "ord-1").put("carrier", "DHL");

        assertThatThrownBy(() -> schemas.upcast("OrderShipped", 1, v1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no trackingCode");
    }

    @Test
    void upcasters_are_pure_same_input_same_output() {
        ObjectNode v1 = orderPlacedV1("EUR", "19.99");

        assertThat(schemas.upcast("OrderPlaced", 1, v1)).isEqualTo(schemas.upcast("OrderPlaced", 1, v1));
    }
}

package dev.eventline.schemas.ordering;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OrderShipped v2 renamed {@code trackingCode} to {@code trackingNumber}, the carriers' own term. */
final class OrderShippedV1ToV2 {

    private OrderShippedV1ToV2() {}

    static ObjectNode upcast(ObjectNode v1) {
        JsonNode trackingCode = v1.remove("trackingCode");
        if (trackingCode == null) {
            throw new IllegalArgumentException("OrderShipped v1 has no trackingCode");
        }
        v1.set("trackingNumber", trackingCode);
        return v1;
    }
}

package dev.eventline.schemas.ordering;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** ItemAdded v2 added {@code unitPrice}; v1 events get {@link #UNKNOWN_UNIT_PRICE}. */
final class ItemAddedV1ToV2 {

    /**
     * The price unknown at the time: v1 only carried catalog SKUs. 0 keeps old orders loadable and is the
     * default the v2 schema documents; their totals under-count those items, as they always did.
     */
    static final long UNKNOWN_UNIT_PRICE = 0;

    private ItemAddedV1ToV2() {}

    static ObjectNode upcast(ObjectNode v1) {
        if (!v1.has("unitPrice")) {
            v1.put("unitPrice", UNKNOWN_UNIT_PRICE);
        }
        return v1;
    }
}

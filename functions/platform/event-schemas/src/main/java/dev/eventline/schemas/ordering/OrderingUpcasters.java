package dev.eventline.schemas.ordering;

import dev.eventline.schemas.Upcasters;

/**
 * Every link of the ordering context's upcaster chain. They live here, beside the schemas they bridge and
 * free of domain types, so the compatibility gate can check them against the schema files.
 */
public final class OrderingUpcasters {

    public static final String CONTEXT = "ordering";

    private static final Upcasters UPCASTERS = Upcasters.builder()
            .register("OrderPlaced", 1, OrderPlacedV1ToV2::upcast)
            .passThrough("OrderPlaced", 2) // v3 adds the optional sealed customer contact
            .register("ItemAdded", 1, ItemAddedV1ToV2::upcast)
            .register("OrderShipped", 1, OrderShippedV1ToV2::upcast)
            .build();

    private OrderingUpcasters() {}

    /** The same instance on every call, so {@code EventSchemas.forContext} serves it from its cache. */
    public static Upcasters upcasters() {
        return UPCASTERS;
    }
}

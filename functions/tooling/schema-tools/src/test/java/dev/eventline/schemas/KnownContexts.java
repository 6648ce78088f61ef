package dev.eventline.schemas;

import dev.eventline.schemas.accounts.AccountsUpcasters;
import dev.eventline.schemas.ordering.OrderingUpcasters;
import java.util.Map;

/** Every context with schemas, and the upcasters its codec registers: what the gate checks the files against. */
public final class KnownContexts {

    public static final Map<String, Upcasters> UPCASTERS = Map.of(
            OrderingUpcasters.CONTEXT, OrderingUpcasters.upcasters(),
            AccountsUpcasters.CONTEXT, AccountsUpcasters.upcasters());

    private KnownContexts() {}

    public static EventSchemas schemas(String context) {
        return EventSchemas.forContext(context, UPCASTERS.get(context));
    }
}

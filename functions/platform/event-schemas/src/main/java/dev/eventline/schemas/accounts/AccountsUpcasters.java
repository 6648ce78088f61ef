package dev.eventline.schemas.accounts;

import dev.eventline.schemas.Upcasters;

/**
 * The accounts context's upcaster chain. Links go here (not in the codec), where the compatibility
 * gate checks them against the files.
 */
public final class AccountsUpcasters {

    public static final String CONTEXT = "accounts";

    private static final Upcasters UPCASTERS = Upcasters.builder()
            .passThrough("AccountOpened", 1) // v2 adds the optional sealed holder name
            .build();

    private AccountsUpcasters() {}

    /** The same instance on every call, so {@code EventSchemas.forContext} serves it from its cache. */
    public static Upcasters upcasters() {
        return UPCASTERS;
    }
}

package dev.eventline.schemas.accounts;

import dev.eventline.schemas.Upcasters;

/**
 * The accounts context's upcaster chain: empty while every accounts event is at v1. When a v2 schema
 * appears, its link goes here (not in the codec), where the compatibility gate checks it against the files.
 */
public final class AccountsUpcasters {

    public static final String CONTEXT = "accounts";

    private AccountsUpcasters() {}

    public static Upcasters upcasters() {
        return Upcasters.none();
    }
}

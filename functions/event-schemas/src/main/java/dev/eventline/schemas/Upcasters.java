package dev.eventline.schemas;

/** Registry of pure functions lifting one event type from version N to N+1. API skeleton (issue 5). */
public final class Upcasters {
    private Upcasters() {
    }

    public static Upcasters none() {
        return new Upcasters();
    }
}

package dev.eventline.schemas;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The links of a context's upcaster chain, one per (event type, from-version). Immutable once built,
 * so one instance can be shared by every codec of a warm Lambda.
 *
 * <pre>{@code
 * Upcasters.builder()
 *         .register("OrderPlaced", 1, payload -> ...)   // v1 -> v2
 *         .passThrough("ItemRemoved", 1)              // v1 payloads are valid v2 payloads
 *         .build();
 * }</pre>
 *
 * <p>{@link EventSchemas#forContext} refuses to start when a link is missing, and the compatibility gate
 * refuses a pass-through link across a breaking schema change.
 */
public final class Upcasters {

    private static final Upcasters NONE = new Upcasters(Map.of(), Set.of());

    private final Map<Link, Upcaster> upcasters;
    private final Set<Link> passThroughs;

    private Upcasters(Map<Link, Upcaster> upcasters, Set<Link> passThroughs) {
        this.upcasters = Map.copyOf(upcasters);
        this.passThroughs = Set.copyOf(passThroughs);
    }

    /** For contexts whose event types are all still at v1. */
    public static Upcasters none() {
        return NONE;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The function lifting {@code type} from {@code fromVersion} to {@code fromVersion + 1}, if registered. */
    public Optional<Upcaster> find(String type, int fromVersion) {
        return Optional.ofNullable(upcasters.get(new Link(type, fromVersion)));
    }

    public boolean has(String type, int fromVersion) {
        return upcasters.containsKey(new Link(type, fromVersion));
    }

    /** Whether the link was declared with {@link Builder#passThrough}: the payload crosses it unchanged. */
    public boolean isPassThrough(String type, int fromVersion) {
        return passThroughs.contains(new Link(type, fromVersion));
    }

    /** Every registered link, for the start-up check that none points past a type's current version. */
    public Set<Link> links() {
        return upcasters.keySet();
    }

    /** One step of a chain: {@code type} from {@code fromVersion} to {@code fromVersion + 1}. */
    public record Link(String type, int fromVersion) {
        public Link {
            Objects.requireNonNull(type, "type");
        }

        @Override
        public String toString() {
            return type + " v" + fromVersion + "->v" + (fromVersion + 1);
        }
    }

    public static final class Builder {
        private final Map<Link, Upcaster> upcasters = new HashMap<>();
        private final Set<Link> passThroughs = new HashSet<>();

        private Builder() {}

        public Builder register(String type, int fromVersion, Upcaster upcaster) {
            Objects.requireNonNull(upcaster, "upcaster");
            Link link = link(type, fromVersion);
            if (upcasters.putIfAbsent(link, upcaster) != null) {
                // Two functions for one step would make the result depend on registration order.
                throw new IllegalArgumentException("upcaster " + link + " registered twice");
            }
            return this;
        }

        /**
         * Declares that a {@code fromVersion} payload is already a valid {@code fromVersion + 1} payload, e.g.
         * when the new version only added an optional field. Only allowed across non-breaking changes.
         */
        public Builder passThrough(String type, int fromVersion) {
            register(type, fromVersion, payload -> payload);
            passThroughs.add(link(type, fromVersion));
            return this;
        }

        public Upcasters build() {
            return new Upcasters(upcasters, passThroughs);
        }

        private static Link link(String type, int fromVersion) {
            if (type == null || type.isBlank()) {
                throw new IllegalArgumentException("event type must not be blank");
            }
            if (fromVersion < 1) {
                throw new IllegalArgumentException("versions start at 1; " + type + " from v" + fromVersion);
            }
            return new Link(type, fromVersion);
        }
    }
}

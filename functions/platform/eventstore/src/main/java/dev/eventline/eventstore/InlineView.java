package dev.eventline.eventstore;

import java.util.Map;
import java.util.Objects;

/**
 * One read-model item written with the events that produced it, in the same atomic write: a view
 * that is never behind its stream.
 *
 * @param view       the view's name; a store maps it to where the item lives (a table)
 * @param key        the item's key within the view, e.g. the account id
 * @param version    the stream version the item reflects; a store never lets an item go back
 * @param attributes the item's values: {@link String}, {@link Long}, {@link Integer} or {@link Boolean};
 *                   an absent value is left out, not stored as null
 */
public record InlineView(String view, String key, long version, Map<String, Object> attributes) {
    public InlineView {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(key, "key");
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        attributes.forEach((name, value) -> {
            if (!(value instanceof String
                    || value instanceof Long
                    || value instanceof Integer
                    || value instanceof Boolean)) {
                throw new IllegalArgumentException("attribute " + name + " of view " + view + " has unsupported value "
                        + (value == null ? "null" : value.getClass().getName()));
            }
        });
        attributes = Map.copyOf(attributes);
    }

    public String string(String name) {
        return (String) attributes.get(name);
    }

    public long number(String name) {
        return ((Number) attributes.get(name)).longValue();
    }
}

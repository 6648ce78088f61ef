package dev.eventline.eventstore;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identity of a stream: {@code <Category>-<id>}, e.g. {@code Order-7f0c...}. The id part is what
 * clients send in URLs, so it is restricted to a safe alphabet before it ever reaches a key.
 */
public record StreamId(String category, String id) {
    private static final Pattern CATEGORY = Pattern.compile("[A-Z][A-Za-z]{0,63}");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    public StreamId {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(id, "id");
        if (!CATEGORY.matcher(category).matches()) {
            throw new IllegalArgumentException("invalid stream category: " + category);
        }
        if (!isValidId(id)) {
            throw new IllegalArgumentException("invalid stream id: must be 1-128 characters of [A-Za-z0-9_-]");
        }
    }

    public static boolean isValidId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /** Parses {@code Category-id}; the id may itself contain dashes. */
    public static StreamId parse(String value) {
        Objects.requireNonNull(value, "value");
        int dash = value.indexOf('-');
        if (dash <= 0 || dash == value.length() - 1) {
            throw new IllegalArgumentException("not a stream id: " + value);
        }
        return new StreamId(value.substring(0, dash), value.substring(dash + 1));
    }

    public String value() {
        return category + "-" + id;
    }

    @Override
    public String toString() {
        return value();
    }
}

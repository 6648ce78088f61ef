package dev.eventline.http;

import java.util.regex.Pattern;

/**
 * The one alphabet for identifiers in URLs. It is the stream id alphabet of the event store, so a
 * path id can become part of a key without escaping, and nothing like {@code ../}, NUL, spaces or
 * look-alike Unicode ever reaches storage or logs.
 */
public final class PathIds {
    public static final int MAX_LENGTH = 128;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1," + MAX_LENGTH + "}");

    private PathIds() {}

    public static boolean isValid(String value) {
        return value != null && ID.matcher(value).matches();
    }

    /**
     * @return {@code value} when valid
     * @throws ProblemException 400 invalid field naming {@code name}; the value is not echoed
     */
    public static String require(String name, String value) {
        if (!isValid(value)) {
            throw ProblemException.invalidField(
                    name, name + " must be 1-" + MAX_LENGTH + " characters of A-Z, a-z, 0-9, '_' or '-'");
        }
        return value;
    }
}

package dev.eventline.http;

import java.util.Optional;

/**
 * Entity tags are stream versions: {@code "5"} is the resource as of event 5. That makes
 * {@code If-Match} the optimistic-concurrency expectation of a command and {@code If-None-Match}
 * a free 304 for a reader that is up to date.
 */
public final class ETags {
    public static final String IF_MATCH = "If-Match";
    public static final String IF_NONE_MATCH = "If-None-Match";
    /**
     * What {@code If-Match} may say: one tag of a version (up to 18 digits, like every version a
     * client sends) or {@code *}. The OpenAPI documents anchor it with ^ and $.
     */
    public static final String IF_MATCH_PATTERN = "\\*|(W/)?\"[0-9]{1,18}\"";

    private static final int MAX_HEADER_LENGTH = 1024;
    private static final int MAX_TAG_DIGITS = 18;

    private ETags() {}

    /** The strong entity tag of a version, quotes included: {@code "5"}. */
    public static String of(long version) {
        if (version < 0) {
            throw new IllegalArgumentException("a version is not negative: " + version);
        }
        return "\"" + version + "\"";
    }

    /**
     * The version an {@code If-Match} demands. {@code "5"} and {@code W/"5"} give 5 (weak tags are
     * accepted because intermediaries weaken tags when they compress); absent or {@code *} mean
     * no version condition. Lists are refused: a command expects exactly one version.
     *
     * @throws ProblemException 400 invalid header {@code If-Match}
     */
    public static Optional<Long> parseIfMatch(Optional<String> header) {
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        if (value.equals("*")) {
            return Optional.empty();
        }
        long version = parseTag(value);
        if (version < 0) {
            throw ProblemException.invalidHeader(
                    IF_MATCH, "If-Match must be one entity tag such as \"5\" (a version from an ETag) or *");
        }
        return Optional.of(version);
    }

    /**
     * Weak comparison (RFC 9110 section 13.1.2) against a comma-separated list or {@code *}.
     * A malformed header simply does not match, so the client gets a full 200 rather than an error.
     */
    public static boolean matchesIfNoneMatch(Optional<String> header, long version) {
        if (header.isEmpty() || header.get().length() > MAX_HEADER_LENGTH) {
            return false;
        }
        String value = header.get().trim();
        if (value.equals("*")) {
            return true;
        }
        for (String tag : value.split(",")) {
            if (parseTag(tag.trim()) == version) {
                return true;
            }
        }
        return false;
    }

    /** The version in {@code "n"} or {@code W/"n"}, or -1 when it is not such a tag. */
    private static long parseTag(String tag) {
        String quoted = tag.startsWith("W/") ? tag.substring(2) : tag;
        if (quoted.length() < 3
                || quoted.length() > MAX_TAG_DIGITS + 2
                || quoted.charAt(0) != '"'
                || quoted.charAt(quoted.length() - 1) != '"') {
            return -1;
        }
        String digits = quoted.substring(1, quoted.length() - 1);
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return -1;
            }
        }
        return Long.parseLong(digits); // at most 18 digits: always a long
    }
}

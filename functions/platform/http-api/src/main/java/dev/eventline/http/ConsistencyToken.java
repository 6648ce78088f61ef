package dev.eventline.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * "The write you just made is at version N of stream S": returned by commands, sent back by
 * clients to queries that must not answer from a projection older than that. On the wire a token
 * is always signed and bound to its stream by {@link ConsistencyTokens}; this record is what a
 * verified one says. Clients pass tokens on unchanged; the form is documented ({@link #PATTERN},
 * {@code Order-7f0c@42.k1.<MAC>}) so that a document can validate it, not so that clients build it.
 */
public record ConsistencyToken(String streamId, long version) {
    public static final String HEADER = "X-Consistency-Token";
    /** The highest version a token (or any version parameter) names: 18 digits, far beyond any stream. */
    public static final long MAX_VERSION = 999_999_999_999_999_999L;
    /** {@code <stream type>-<id>@<version>}; the OpenAPI documents anchor it with ^ and $. */
    static final String STREAM_AT_VERSION = "[A-Z][A-Za-z]{0,63}-[A-Za-z0-9_-]{1,128}@[1-9][0-9]{0,17}";
    /**
     * A token on the wire ({@link ConsistencyTokens}): {@code <stream type>-<id>@<version>.<key
     * id>.<MAC>}, the MAC HMAC-SHA256 cut to 128 bits, base64url without padding (22 characters). The
     * OpenAPI documents anchor it with ^ and $.
     */
    public static final String PATTERN =
            STREAM_AT_VERSION + "\\." + ConsistencyTokens.KEY_ID_PATTERN + "\\.[A-Za-z0-9_-]{22}";

    private static final Pattern STREAM_ID = Pattern.compile("[A-Z][A-Za-z]{0,63}-[A-Za-z0-9_-]{1,128}");
    /**
     * How many tokens a list read takes from the header, and as many from the query parameter: each one
     * may cost a read, so the caller cannot ask for more.
     */
    public static final int MAX_TOKENS = 10;
    /** The query parameter carrying tokens, for clients that cannot set headers (comma-separated, like the header). */
    public static final String QUERY_PARAMETER = "consistencyToken";
    /** The longest token text accepted. */
    static final int MAX_LENGTH = 256;

    public ConsistencyToken {
        Objects.requireNonNull(streamId, "streamId");
        if (!STREAM_ID.matcher(streamId).matches()) {
            throw new IllegalArgumentException("not a stream id: " + streamId);
        }
        if (version < 1 || version > MAX_VERSION) {
            throw new IllegalArgumentException(
                    "a consistency token names a written version (1.." + MAX_VERSION + "), not " + version);
        }
    }

    /** {@code streamId@version}: the part of a signed token the MAC covers, with the key id. */
    String payload() {
        return streamId + "@" + version;
    }

    /**
     * The token texts a list read names: {@value #HEADER} and the query parameter {@value #QUERY_PARAMETER},
     * each a comma-separated list, verified by {@link ConsistencyTokens#allFrom}.
     *
     * @throws ProblemException 400 for more than {@link #MAX_TOKENS} in either
     */
    static List<String> texts(HttpRequest request) {
        List<String> texts = new ArrayList<>();
        request.header(HEADER).ifPresent(value -> texts.addAll(split(value, HEADER)));
        request.queryParam(QUERY_PARAMETER).ifPresent(value -> texts.addAll(split(value, QUERY_PARAMETER)));
        return texts;
    }

    private static List<String> split(String value, String where) {
        // bounded before splitting: a huge header is refused without building a huge list
        if (value.length() > MAX_TOKENS * (MAX_LENGTH + 2)) {
            throw tooMany(where);
        }
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            parts.add(part.strip());
            if (parts.size() > MAX_TOKENS) {
                throw tooMany(where);
            }
        }
        return parts;
    }

    private static ProblemException tooMany(String where) {
        String detail = "at most " + MAX_TOKENS + " consistency tokens in " + where;
        return where.equals(HEADER)
                ? ProblemException.invalidHeader(HEADER, detail)
                : ProblemException.invalidField(QUERY_PARAMETER, detail);
    }
}

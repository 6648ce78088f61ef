package dev.eventline.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "The write you just made is at version N of stream S": returned by commands, sent back by
 * clients to queries that must not answer from a projection older than that. Clients pass it on
 * unchanged; its form is documented ({@link #PATTERN}, {@code Order-7f0c@42}) so that a
 * document can validate it, not so that clients build it. It is not a secret and grants nothing:
 * a token only ever raises the version a read waits for.
 */
public record ConsistencyToken(String streamId, long version) {
    public static final String HEADER = "X-Consistency-Token";
    /** The highest version a token (or any version parameter) names: 18 digits, far beyond any stream. */
    public static final long MAX_VERSION = 999_999_999_999_999_999L;
    /** {@code <stream type>-<id>@<version>}; the OpenAPI documents anchor it with ^ and $. */
    public static final String PATTERN = "[A-Z][A-Za-z]{0,63}-[A-Za-z0-9_-]{1,128}@[1-9][0-9]{0,17}";

    private static final Pattern STREAM_ID = Pattern.compile("[A-Z][A-Za-z]{0,63}-[A-Za-z0-9_-]{1,128}");
    private static final Pattern TOKEN = Pattern.compile(PATTERN);
    private static final int MAX_LENGTH = 256;
    /**
     * How many tokens a list read takes from the header, and as many from the query parameter: each one
     * may cost a read, so the caller cannot ask for more.
     */
    public static final int MAX_TOKENS = 10;
    /** The query parameter carrying tokens, for clients that cannot set headers (comma-separated, like the header). */
    public static final String QUERY_PARAMETER = "consistencyToken";

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

    /** {@code streamId@version}: safe in headers and query strings as is. */
    public String encode() {
        return streamId + "@" + version;
    }

    /** @throws ProblemException 400 invalid header {@value #HEADER} for anything that is not a token */
    public static ConsistencyToken decode(String token) {
        if (token == null
                || token.length() > MAX_LENGTH
                || !TOKEN.matcher(token).matches()) {
            throw invalid();
        }
        int at = token.lastIndexOf('@');
        return new ConsistencyToken(token.substring(0, at), Long.parseLong(token.substring(at + 1)));
    }

    /** The request's {@value #HEADER}, decoded; empty when absent. */
    public static Optional<ConsistencyToken> fromHeader(HttpRequest request) {
        return request.header(HEADER).map(ConsistencyToken::decode);
    }

    /**
     * Every token the request names, for list reads: {@value #HEADER} and the query parameter
     * {@value #QUERY_PARAMETER}, each a comma-separated list; one per stream (the highest version).
     *
     * @throws ProblemException 400 for a malformed token, or for more than {@link #MAX_TOKENS} in either
     */
    public static List<ConsistencyToken> allFrom(HttpRequest request) {
        List<String> texts = new ArrayList<>();
        request.header(HEADER).ifPresent(value -> texts.addAll(split(value, HEADER)));
        request.queryParam(QUERY_PARAMETER).ifPresent(value -> texts.addAll(split(value, QUERY_PARAMETER)));
        Map<String, ConsistencyToken> byStream = new LinkedHashMap<>();
        for (String text : texts) {
            ConsistencyToken token = decode(text);
            byStream.merge(token.streamId(), token, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return List.copyOf(byStream.values());
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

    private static ProblemException invalid() {
        return ProblemException.invalidHeader(
                HEADER, HEADER + " must be a token returned by an earlier command (stream@version), unchanged");
    }
}

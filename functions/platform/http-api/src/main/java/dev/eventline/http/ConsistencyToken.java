package dev.eventline.http;

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
    /**
     * A signed token ({@link ConsistencyTokens}): {@code <stream type>-<id>@<version>.<key id>.<MAC>},
     * the MAC HMAC-SHA256 cut to 128 bits, base64url without padding (22 characters).
     */
    public static final String SIGNED_PATTERN =
            PATTERN + "\\." + ConsistencyTokens.KEY_ID_PATTERN + "\\.[A-Za-z0-9_-]{22}";

    private static final Pattern STREAM_ID = Pattern.compile("[A-Z][A-Za-z]{0,63}-[A-Za-z0-9_-]{1,128}");
    private static final Pattern TOKEN = Pattern.compile(PATTERN);
    private static final int MAX_LENGTH = 256;

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

    private static ProblemException invalid() {
        return ProblemException.invalidHeader(
                HEADER, HEADER + " must be a token returned by an earlier command (stream@version), unchanged");
    }
}

package dev.eventline.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * "The write you just made is at version N of stream S": returned by commands, sent back by
 * clients to queries that must not answer from a projection older than that. Opaque to clients
 * (they must not build it), but just base64url of {@code streamId@version} so a human can decode
 * one while debugging. It is not a secret and grants nothing.
 */
public record ConsistencyToken(String streamId, long version) {
    public static final String HEADER = "X-Consistency-Token";

    private static final Pattern STREAM_ID = Pattern.compile("[A-Z][A-Za-z]{0,63}-[A-Za-z0-9_-]{1,128}");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,18}");
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,512}");

    public ConsistencyToken {
        Objects.requireNonNull(streamId, "streamId");
        if (!STREAM_ID.matcher(streamId).matches()) {
            throw new IllegalArgumentException("not a stream id: " + streamId);
        }
        if (version < 1) {
            throw new IllegalArgumentException("a consistency token names a written version (>= 1), not " + version);
        }
    }

    /** base64url without padding, safe in headers and query strings as is. */
    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((streamId + "@" + version).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ProblemException 400 invalid header {@value #HEADER} for anything that is not a token */
    public static ConsistencyToken decode(String token) {
        if (token == null || !BASE64URL.matcher(token).matches()) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int at = text.lastIndexOf('@');
        if (at < 0 || !STREAM_ID.matcher(text.substring(0, at)).matches()
                || !VERSION.matcher(text.substring(at + 1)).matches()) {
            throw invalid();
        }
        try {
            return new ConsistencyToken(text.substring(0, at), Long.parseLong(text.substring(at + 1)));
        } catch (NumberFormatException beyondLong) {
            throw invalid();
        }
    }

    /** The request's {@value #HEADER}, decoded; empty when absent. */
    public static Optional<ConsistencyToken> fromHeader(HttpRequest request) {
        return request.header(HEADER).map(ConsistencyToken::decode);
    }

    private static ProblemException invalid() {
        return ProblemException.invalidHeader(HEADER,
                HEADER + " must be a token returned by an earlier command, unchanged");
    }
}

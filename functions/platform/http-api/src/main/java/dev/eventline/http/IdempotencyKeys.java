package dev.eventline.http;

import com.fasterxml.jackson.core.JacksonException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The HTTP side of idempotent commands: the client's {@code Idempotency-Key} and a fingerprint of
 * what the request asked for, so that a retry replays the first response while a key reused for a
 * different request is refused (the event store does the remembering).
 */
public final class IdempotencyKeys {
    public static final String HEADER = "Idempotency-Key";
    /** Printable ASCII without space: safe to embed in a storage key and to log. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private IdempotencyKeys() {}

    /** @throws ProblemException 400 invalid header {@value #HEADER} when present but malformed */
    public static Optional<String> fromHeader(HttpRequest request) {
        Optional<String> key = request.header(HEADER);
        if (key.isPresent() && !KEY.matcher(key.get()).matches()) {
            throw ProblemException.invalidHeader(
                    HEADER, HEADER + " must be 1-255 printable ASCII characters without spaces");
        }
        return key;
    }

    /**
     * SHA-256 (hex) of {@code method \n path \n canonical body}. A JSON body is re-serialized with
     * sorted keys and no whitespace, so a client that re-encodes its retry differently still
     * matches. A body that is not JSON is hashed as is (the request will fail validation anyway).
     */
    public static String fingerprint(HttpRequest request) {
        String body = canonicalBody(request.body());
        String material = request.method() + "\n" + request.path() + "\n" + body;
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha256.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) { // every JRE must provide SHA-256
            throw new IllegalStateException(e);
        }
    }

    private static String canonicalBody(String body) {
        if (body.isBlank()) {
            return "";
        }
        try {
            return Json.canonical(JsonBody.STRICT.readTree(body));
        } catch (JacksonException notJson) {
            return body;
        }
    }
}

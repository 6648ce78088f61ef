package dev.eventline.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.ParametersExtension;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one codec of consistency tokens, for the command side (which signs) and the query side
 * (which verifies). A token is {@code <streamId>@<version>.<keyId>.<mac>}; the MAC covers the key
 * id, the stream and the version, so a token can neither be raised, moved to another stream nor
 * re-labelled with another key. Why signed: a forged high version would hold a read up to its wait
 * cap and cost reads; a token that does not verify is refused before anything is read.
 *
 * <p>Two keys verify (current and previous), only the current one signs: that is what lets the key
 * rotate without refusing the tokens clients hold (see docs/security.md, "Keys and their rotation").
 * Thread-safe: a {@link Mac} is made per call (they are not shareable, and cheap next to a request).
 */
public final class ConsistencyTokens {
    /** The environment variable naming the SecureString parameter that holds the keys (set by CDK). */
    public static final String KEY_PARAMETER_VARIABLE = "CONSISTENCY_KEY_PARAMETER";

    static final String KEY_ID_PATTERN = "[a-z0-9]{1,16}";
    /** Below 256 bits an HMAC-SHA256 key is weaker than the MAC it makes. */
    public static final int MIN_KEY_BYTES = 32;

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAC_BYTES = 16;
    private static final int MAX_LENGTH = 256;
    private static final Pattern TOKEN = Pattern.compile(
            "(" + ConsistencyToken.STREAM_AT_VERSION + ")\\.(" + KEY_ID_PATTERN + ")\\.([A-Za-z0-9_-]{22})");
    private static final Pattern KEY_ID = Pattern.compile(KEY_ID_PATTERN);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    /** A signing key and the id tokens name it by. */
    public record Key(String id, byte[] secret) {
        public Key {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(secret, "secret");
            if (!KEY_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("a key id is 1 to 16 of [a-z0-9], not " + id);
            }
            if (secret.length < MIN_KEY_BYTES) {
                throw new IllegalArgumentException(
                        "key " + id + " has " + secret.length + " bytes, at least " + MIN_KEY_BYTES + " needed");
            }
            secret = secret.clone();
        }

        @Override
        public byte[] secret() {
            return secret.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.id.equals(id) && MessageDigest.isEqual(key.secret, secret);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        /** Never the secret, not even in a log line. */
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private final Key current;
    private final Optional<Key> previous;

    public ConsistencyTokens(Key current, Optional<Key> previous) {
        this.current = Objects.requireNonNull(current, "current");
        this.previous = Objects.requireNonNull(previous, "previous");
        if (previous.isPresent() && previous.get().id().equals(current.id())) {
            throw new IllegalArgumentException("current and previous key share the id " + current.id());
        }
    }

    /**
     * The keys as the SecureString parameter holds them (JSON): {@code keyId} and {@code key} sign
     * and verify; {@code previousKeyId} and {@code previousKey}, when present, only verify. A key is
     * the UTF-8 bytes of its string, at least {@value #MIN_KEY_BYTES} (the bootstrap step puts 64
     * random base64url characters).
     *
     * @throws IllegalArgumentException for anything else: a function must not start with a key it
     *     cannot trust (the message never holds the secret)
     */
    public static ConsistencyTokens fromSecretString(String secretString) {
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(secretString);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the consistency-token secret is not JSON");
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("the consistency-token secret is not a JSON object");
        }
        Key current = key(json, "keyId", "key")
                .orElseThrow(() -> new IllegalArgumentException("the consistency-token secret has no keyId and key"));
        return new ConsistencyTokens(current, key(json, "previousKeyId", "previousKey"));
    }

    /**
     * Reads the keys from the SecureString parameter named by {@value #KEY_PARAMETER_VARIABLE}, once,
     * at cold start (before a SnapStart snapshot: rotating therefore means publishing new versions,
     * see docs/security.md), through the Parameters and Secrets extension (no SSM client in the
     * jars). No variable or no parameter fails the cold start: an API that cannot verify tokens must
     * not answer as if it could.
     */
    public static ConsistencyTokens fromEnvironment(LambdaEnvironment env) {
        String name = env.require(KEY_PARAMETER_VARIABLE);
        return fromSecretString(ParametersExtension.fromEnvironment(env).decryptedValue(name));
    }

    private static Optional<Key> key(JsonNode json, String idField, String secretField) {
        JsonNode id = json.get(idField);
        JsonNode secret = json.get(secretField);
        if (id == null && secret == null) {
            return Optional.empty();
        }
        if (id == null || !id.isTextual() || secret == null || !secret.isTextual()) {
            throw new IllegalArgumentException(
                    "the consistency-token secret needs " + idField + " and " + secretField + " as strings");
        }
        return Optional.of(new Key(id.asText(), secret.asText().getBytes(StandardCharsets.UTF_8)));
    }

    /** The id of the key that signs. */
    public String currentKeyId() {
        return current.id();
    }

    /** The header value for this token, signed with the current key. */
    public String sign(ConsistencyToken token) {
        return token.payload() + "." + current.id() + "." + ENCODER.encodeToString(mac(current, token.payload()));
    }

    /**
     * The token, if it is one this API signed (current or previous key) for {@code streamId}.
     *
     * @throws ProblemException 400 invalid header {@value ConsistencyToken#HEADER}: malformed, an
     *     unknown key, a bad MAC, or a token of another stream
     */
    public ConsistencyToken verify(String encoded, String streamId) {
        ConsistencyToken token = verified(encoded);
        if (!token.streamId().equals(streamId)) {
            throw ProblemException.invalidHeader(
                    ConsistencyToken.HEADER,
                    ConsistencyToken.HEADER + " belongs to another resource: send the token of a write to this one");
        }
        return token;
    }

    /**
     * Every token a list read names ({@link ConsistencyToken#texts}), each one this API signed, for
     * whichever stream it names; one per stream (the highest version).
     *
     * @throws ProblemException 400 for a malformed or forged token, or more than {@link
     *     ConsistencyToken#MAX_TOKENS} in the header or the query
     */
    public List<ConsistencyToken> allFrom(HttpRequest request) {
        Map<String, ConsistencyToken> byStream = new LinkedHashMap<>();
        for (String text : ConsistencyToken.texts(request)) {
            ConsistencyToken token = verified(text);
            byStream.merge(token.streamId(), token, (a, b) -> a.version() >= b.version() ? a : b);
        }
        return List.copyOf(byStream.values());
    }

    private ConsistencyToken verified(String encoded) {
        if (encoded == null || encoded.length() > MAX_LENGTH) {
            throw malformed();
        }
        Matcher matcher = TOKEN.matcher(encoded);
        if (!matcher.matches()) {
            throw malformed();
        }
        String payload = matcher.group(1);
        Optional<Key> key = keyNamed(matcher.group(2));
        // compared as canonical text, not decoded bytes: the 22nd character carries 4 unused bits,
        // and a decoder that ignores them would accept 16 spellings of one MAC; isEqual is
        // constant-time, so a timing probe learns nothing about the MAC byte by byte
        byte[] expected = key.map(k -> ENCODER.encode(mac(k, payload))).orElse(null);
        if (expected == null
                || !MessageDigest.isEqual(expected, matcher.group(3).getBytes(StandardCharsets.US_ASCII))) {
            throw ProblemException.invalidHeader(
                    ConsistencyToken.HEADER,
                    ConsistencyToken.HEADER + " was not issued by this API (or its key was retired): send the"
                            + " token of an earlier command unchanged");
        }
        int at = payload.lastIndexOf('@');
        ConsistencyToken token =
                new ConsistencyToken(payload.substring(0, at), Long.parseLong(payload.substring(at + 1)));
        return token;
    }

    /** The request's {@value ConsistencyToken#HEADER} for {@code streamId}, verified; empty when absent. */
    public Optional<ConsistencyToken> fromHeader(HttpRequest request, String streamId) {
        return request.header(ConsistencyToken.HEADER).map(value -> verify(value, streamId));
    }

    private Optional<Key> keyNamed(String id) {
        if (current.id().equals(id)) {
            return Optional.of(current);
        }
        return previous.filter(key -> key.id().equals(id));
    }

    private static byte[] mac(Key key, String payload) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.secret, ALGORITHM));
            // the key id is inside the MAC too: a token cannot be re-labelled to another key
            mac.update(key.id().getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static ProblemException malformed() {
        return ProblemException.invalidHeader(
                ConsistencyToken.HEADER,
                ConsistencyToken.HEADER + " must be a token returned by an earlier command, unchanged");
    }
}

package dev.eventline.personaldata;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * Personal data as it is stored and carried everywhere (events, read models, snapshots, the bus,
 * dead letters): {@code pii1.<subject>.<keyId>.<sealed>}, all base64url without padding except the
 * key id. The subject and key id travel in clear, so any holder can tell whose data it is and
 * whether it is still readable, without being able to read it.
 *
 * @param subjectId the data subject (a customer or account holder id)
 * @param keyId     which of the subject's data keys sealed it; a key created after an erasure has another id
 * @param sealed    the 12-byte nonce followed by the AES-GCM ciphertext and tag
 */
public record SealedToken(String subjectId, String keyId, byte[] sealed) {

    static final String PREFIX = "pii1";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    public SealedToken {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(keyId, "keyId");
        sealed = sealed.clone();
    }

    @Override
    public byte[] sealed() {
        return sealed.clone();
    }

    public String text() {
        return PREFIX + "." + ENCODER.encodeToString(subjectId.getBytes(StandardCharsets.UTF_8)) + "." + keyId + "."
                + ENCODER.encodeToString(sealed);
    }

    /** @return empty when {@code text} is not a token (plain text, or something else altogether) */
    public static Optional<SealedToken> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals(PREFIX) || parts[2].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SealedToken(
                    new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8), parts[2], DECODER.decode(parts[3])));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    public static boolean isToken(String text) {
        return parse(text).isPresent();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SealedToken token && token.text().equals(text());
    }

    @Override
    public int hashCode() {
        return text().hashCode();
    }

    @Override
    public String toString() {
        return "SealedToken[" + subjectId + ", " + keyId + "]"; // never the ciphertext in a log line
    }
}

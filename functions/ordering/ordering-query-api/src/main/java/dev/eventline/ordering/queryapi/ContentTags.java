package dev.eventline.ordering.queryapi;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * Entity tags for lists (a page of the audit trail, a customer's orders): no single version
 * describes a page, so the tag is a digest of the representation itself. A single order's tag
 * stays its version ({@code ETags.of}), the same tag the command API uses for {@code If-Match}.
 */
final class ContentTags {
    private ContentTags() {}

    /** {@code "<22 base64url characters of SHA-256>"}: 132 bits, no collision in practice. */
    static String of(String body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
            return "\""
                    + Base64.getUrlEncoder()
                            .withoutPadding()
                            .encodeToString(digest)
                            .substring(0, 22) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Weak comparison against an {@code If-None-Match} list (RFC 9110 section 13.1.2). */
    static boolean matches(Optional<String> ifNoneMatch, String tag) {
        if (ifNoneMatch.isEmpty() || ifNoneMatch.get().length() > 1024) {
            return false;
        }
        String value = ifNoneMatch.get().trim();
        if (value.equals("*")) {
            return true;
        }
        for (String candidate : value.split(",")) {
            String trimmed = candidate.trim();
            if ((trimmed.startsWith("W/") ? trimmed.substring(2) : trimmed).equals(tag)) {
                return true;
            }
        }
        return false;
    }
}

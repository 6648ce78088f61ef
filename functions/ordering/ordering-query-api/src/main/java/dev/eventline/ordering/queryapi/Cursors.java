package dev.eventline.ordering.queryapi;

import dev.eventline.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Page cursors: opaque to clients (base64url), small, and validated on the way back in. A cursor
 * that does not decode to what this API issued is a 400 on {@code cursor}, never a query with
 * whatever key it contains. Cursors only move within the resource named by the path (the customer
 * or order comes from the path, not from the cursor), so a forged one can reach nothing else.
 */
final class Cursors {
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,400}");
    private static final Pattern VERSION = Pattern.compile("e1\\.(0|[1-9][0-9]{0,17})");
    /** What the projector writes: {@code SortableInstant} + '#' + orderId. */
    private static final Pattern SORT_KEY = Pattern.compile(
            "c1\\.([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{9}Z#[A-Za-z0-9_-]{1,128})");

    private Cursors() {
    }

    /** The audit trail continues after this version. */
    static String ofVersion(long version) {
        return encode("e1." + version);
    }

    /** @return the version to continue after; 0 without a cursor */
    static long version(Optional<String> cursor) {
        if (cursor.isEmpty()) {
            return 0;
        }
        var matcher = VERSION.matcher(decode(cursor.get()));
        if (!matcher.matches()) {
            throw invalid();
        }
        return Long.parseLong(matcher.group(1));
    }

    /** A customer's orders continue after this sort key (DynamoDB's LastEvaluatedKey, minus the partition key from the path). */
    static String ofSortKey(String sortKey) {
        return encode("c1." + sortKey);
    }

    static Optional<String> sortKey(Optional<String> cursor) {
        if (cursor.isEmpty()) {
            return Optional.empty();
        }
        var matcher = SORT_KEY.matcher(decode(cursor.get()));
        if (!matcher.matches()) {
            throw invalid();
        }
        return Optional.of(matcher.group(1));
    }

    private static String encode(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String decode(String cursor) {
        if (!BASE64URL.matcher(cursor).matches()) {
            throw invalid();
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.invalidField("cursor", "cursor must be a nextCursor returned by this API, unchanged");
    }
}

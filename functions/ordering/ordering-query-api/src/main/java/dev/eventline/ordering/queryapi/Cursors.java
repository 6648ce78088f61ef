package dev.eventline.ordering.queryapi;

import dev.eventline.http.ProblemException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Page cursors: small, readable, and of a documented form ({@link #EVENTS_PATTERN},
 * {@link #ORDERS_PATTERN}, carried verbatim by the OpenAPI document), so that every cursor the
 * document allows is one the API accepts and anything else is a 400 on {@code cursor}. Clients pass
 * {@code nextCursor} on unchanged. Cursors only move within the resource named by the path (the
 * customer or order comes from the path, not from the cursor), so an edited one reaches nothing
 * else: it starts the page somewhere else in the same list, or past its end (an empty page).
 */
final class Cursors {
    /** The audit trail continues after this version: {@code e1.<version>}. */
    static final String EVENTS_PATTERN = "e1\\.(0|[1-9][0-9]{0,17})";
    /** A customer's orders continue after this placement: {@code c1.<placedAt, 9 fraction digits>.<orderId>}. */
    static final String ORDERS_PATTERN =
            "c1\\.([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{9}Z)\\.([A-Za-z0-9_-]{1,128})";

    private static final Pattern EVENTS = Pattern.compile(EVENTS_PATTERN);
    private static final Pattern ORDERS = Pattern.compile(ORDERS_PATTERN);
    /** Longer than any cursor of either form: the regular expression never sees more. */
    private static final int MAX_LENGTH = 200;

    private Cursors() {}

    static String ofVersion(long version) {
        return "e1." + version;
    }

    /** @return the version to continue after; 0 without a cursor */
    static long version(Optional<String> cursor) {
        return cursor.map(text -> Long.parseLong(match(EVENTS, text).group(1))).orElse(0L);
    }

    /** From the sort key of the last item of a page (placedAt + '#' + orderId, as the projector writes it). */
    static String ofSortKey(String sortKey) {
        int hash = sortKey.lastIndexOf('#');
        return "c1." + sortKey.substring(0, hash) + "." + sortKey.substring(hash + 1);
    }

    /** The sort key to continue after (DynamoDB's LastEvaluatedKey, minus the partition key from the path). */
    static Optional<String> sortKey(Optional<String> cursor) {
        return cursor.map(text -> {
            Matcher matcher = match(ORDERS, text);
            return matcher.group(1) + "#" + matcher.group(2);
        });
    }

    private static Matcher match(Pattern pattern, String cursor) {
        Matcher matcher = pattern.matcher(cursor);
        if (cursor.length() > MAX_LENGTH || !matcher.matches()) {
            throw ProblemException.invalidField(
                    "cursor", "cursor must be a nextCursor returned by this API, unchanged");
        }
        return matcher;
    }
}

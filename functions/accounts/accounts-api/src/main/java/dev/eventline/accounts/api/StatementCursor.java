package dev.eventline.accounts.api;

import dev.eventline.http.ProblemException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the next statement page starts: {@code s1.<last version read>}, of a documented form
 * ({@link #PATTERN}, carried verbatim by the OpenAPI document) so that every cursor the document
 * allows is one the API accepts. Clients pass {@code nextCursor} on unchanged. The account comes
 * from the path, never from the cursor: an edited cursor only starts that account's statement
 * elsewhere (past its end: an empty page), as the order audit trail's cursors do.
 */
final class StatementCursor {
    static final String PATTERN = "s1\\.([1-9][0-9]{0,17})";
    private static final Pattern CURSOR = Pattern.compile(PATTERN);
    private static final int MAX_LENGTH = 32;

    private StatementCursor() {}

    static String encode(long afterVersion) {
        return "s1." + afterVersion;
    }

    /**
     * @return the version after which the page starts
     * @throws ProblemException 400 invalid field {@code cursor} for anything not of the documented form
     */
    static long decode(String cursor) {
        Matcher matcher = CURSOR.matcher(cursor);
        if (cursor.length() > MAX_LENGTH || !matcher.matches()) {
            throw ProblemException.invalidField(
                    "cursor", "cursor must be a nextCursor returned by this statement, unchanged");
        }
        return Long.parseLong(matcher.group(1));
    }
}

package dev.eventline.accounts.api;

import dev.eventline.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Where the next statement page starts. Opaque to clients (base64url), but only
 * {@code <accountId>:<last version read>}: the account id is inside so that a cursor of one
 * account is refused on another rather than silently skipping events there.
 */
final class StatementCursor {
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]{1,256}");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,17}");

    private StatementCursor() {
    }

    static String encode(String accountId, long afterVersion) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((accountId + ":" + afterVersion).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @return the version after which the page starts
     * @throws ProblemException 400 invalid field {@code cursor} for anything not issued for this account
     */
    static long decode(String accountId, String cursor) {
        if (!BASE64URL.matcher(cursor).matches()) {
            throw invalid();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0 || !text.substring(0, colon).equals(accountId) || !VERSION.matcher(text.substring(colon + 1)).matches()) {
            throw invalid();
        }
        return Long.parseLong(text.substring(colon + 1));
    }

    private static ProblemException invalid() {
        return ProblemException.invalidField("cursor",
                "cursor must be a nextCursor returned by this account's statement, unchanged");
    }
}

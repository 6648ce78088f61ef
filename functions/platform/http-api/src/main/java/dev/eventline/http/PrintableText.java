package dev.eventline.http;

import java.util.regex.Pattern;

/**
 * Free text in a request body (a reason, a carrier, a payment reference): one line of visible
 * characters, so it can never break a statement line, a label, a CSV or a log line, nor hide
 * or reorder what a reader sees.
 *
 * <p>The rule is a list of fixed code point ranges rather than Unicode categories: categories move
 * with each Unicode version (Java's and a client's differ), ranges do not, and Java, ECMA-262,
 * Python and Rust read them alike. So the OpenAPI documents carry {@link #PATTERN} verbatim and a
 * generated client refuses what the server refuses. Lone surrogates are refused too, but are not in
 * the pattern: a regular expression over code points cannot name them (Rust's refuses the range),
 * and only a JSON text that breaks RFC 8259 (section 8.2) can carry one.
 */
public final class PrintableText {
    /**
     * C0 controls, DEL and C1 controls, the soft hyphen, zero-width characters, bidirectional marks,
     * embeddings, overrides and isolates, line and paragraph separators, invisible operators and the
     * byte order mark.
     */
    private static final String REFUSED =
            "\\u0000-\\u001F\\u007F-\\u009F\\u00AD\\u200B-\\u200F\\u2028-\\u202E\\u2060-\\u206F\\uFEFF";
    /** Unpaired surrogates: a valid pair is one supplementary code point and is not in the range. */
    private static final String LONE_SURROGATES = "\\uD800-\\uDFFF";
    /** What {@link Character#isWhitespace} calls white space among the characters left: a value of only these is blank. */
    private static final String SPACE = "\\u0020\\u1680\\u2000-\\u2006\\u2008-\\u200A\\u205F\\u3000";

    /** Allowed characters with at least one that is not white space; the documents anchor it with ^ and $. */
    public static final String PATTERN = "[^" + REFUSED + "]*[^" + REFUSED + SPACE + "][^" + REFUSED + "]*";

    private static final Pattern CHARACTERS = Pattern.compile("[^" + REFUSED + LONE_SURROGATES + "]*");

    private PrintableText() {}

    /**
     * @return the field's text, at most {@code maxLength} code points
     * @throws ProblemException 400 invalid field: missing, not a string, too long, a refused
     *                          character ("has an invalid format") or only white space ("must not be blank")
     */
    public static String required(JsonBody body, String field, int maxLength) {
        String value = body.requiredText(field, CHARACTERS, maxLength);
        if (value.isBlank()) {
            String path = body.path().isEmpty() ? field : body.path() + "." + field;
            throw ProblemException.invalidField(path, path + " must not be blank");
        }
        return value;
    }
}

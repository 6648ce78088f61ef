package dev.eventline.ordering.queryapi;

import dev.eventline.http.HttpRequest;
import dev.eventline.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query-string parameters of the query API, validated: anything malformed or out of range is a
 * 400 problem naming the parameter ({@code "field": "limit"}), never a silent default.
 */
final class QueryParameters {
    static final int DEFAULT_LIMIT = 25;
    static final int MAX_LIMIT = 100;
    static final Duration DEFAULT_MAX_WAIT = Duration.ofMillis(1000);
    static final long MAX_WAIT_MS = 5000;

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");
    /** The longest asOf instant read: room for nine fraction digits and an offset, and more. */
    static final int MAX_INSTANT_LENGTH = 64;
    /**
     * RFC 3339 date-time, which is what JSON Schema's {@code date-time} (and so the document) means:
     * any offset up to 23:59 and a leap second are allowed, unlike {@link java.time.OffsetDateTime};
     * fraction digits beyond nanoseconds are read and dropped.
     */
    private static final Pattern DATE_TIME =
            Pattern.compile("([0-9]{4}-[0-9]{2}-[0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})"
                    + "(?:\\.([0-9]{1,9})[0-9]*)?(?:[Zz]|([+-])([0-9]{2}):([0-9]{2}))");

    /** {@code asOf}: a version or an instant. */
    sealed interface AsOf {}

    record AsOfVersion(long version) implements AsOf {}

    record AsOfInstant(Instant instant) implements AsOf {}

    private QueryParameters() {}

    static int limit(HttpRequest request) {
        Optional<String> value = request.queryParam("limit");
        if (value.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        OptionalLong parsed = digits(value.get());
        if (parsed.isEmpty() || parsed.getAsLong() < 1 || parsed.getAsLong() > MAX_LIMIT) {
            throw ProblemException.invalidField("limit", "limit must be an integer from 1 to " + MAX_LIMIT);
        }
        return (int) parsed.getAsLong();
    }

    /** 0 when absent. */
    static long minVersion(HttpRequest request) {
        Optional<String> value = request.queryParam("minVersion");
        if (value.isEmpty()) {
            return 0;
        }
        OptionalLong parsed = digits(value.get());
        if (parsed.isEmpty()) {
            throw ProblemException.invalidField("minVersion", "minVersion must be a version, an integer >= 0");
        }
        return parsed.getAsLong();
    }

    static Duration maxWait(HttpRequest request) {
        Optional<String> value = request.queryParam("maxWaitMs");
        if (value.isEmpty()) {
            return DEFAULT_MAX_WAIT;
        }
        OptionalLong parsed = digits(value.get());
        if (parsed.isEmpty() || parsed.getAsLong() > MAX_WAIT_MS) {
            throw ProblemException.invalidField("maxWaitMs", "maxWaitMs must be an integer from 0 to " + MAX_WAIT_MS);
        }
        return Duration.ofMillis(parsed.getAsLong());
    }

    /** A version (an integer >= 1) or an RFC 3339 instant, e.g. {@code 2026-11-27T10:00:00Z}. */
    static Optional<AsOf> asOf(HttpRequest request) {
        Optional<String> value = request.queryParam("asOf");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        String text = value.get();
        OptionalLong version = digits(text);
        if (version.isPresent()) {
            if (version.getAsLong() < 1) {
                throw invalidAsOf();
            }
            return Optional.of(new AsOfVersion(version.getAsLong()));
        }
        if (text.length() > MAX_INSTANT_LENGTH) {
            throw invalidAsOf();
        }
        return Optional.of(new AsOfInstant(instant(text).orElseThrow(QueryParameters::invalidAsOf)));
    }

    private static Optional<Instant> instant(String text) {
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        int hour = Integer.parseInt(m.group(2));
        int minute = Integer.parseInt(m.group(3));
        int second = Integer.parseInt(m.group(4));
        int offsetHours = m.group(6) == null ? 0 : Integer.parseInt(m.group(7));
        int offsetMinutes = m.group(6) == null ? 0 : Integer.parseInt(m.group(8));
        if (hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) {
            return Optional.empty();
        }
        LocalDate date;
        try {
            date = LocalDate.parse(m.group(1));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
        String fraction = m.group(5) == null ? "" : m.group(5);
        long nanos = fraction.isEmpty() ? 0 : Long.parseLong((fraction + "00000000").substring(0, 9));
        // a leap second is the last instant of its minute: nothing is recorded between it and the next minute
        if (second == 60) {
            second = 59;
            nanos = 999_999_999;
        }
        long offset = (m.group(6) == null ? 0 : m.group(6).equals("-") ? -1 : 1)
                * (offsetHours * 3600L + offsetMinutes * 60L);
        long epochSecond = date.toEpochDay() * 86_400 + hour * 3600L + minute * 60L + second - offset;
        return Optional.of(Instant.ofEpochSecond(epochSecond, nanos));
    }

    private static ProblemException invalidAsOf() {
        return ProblemException.invalidField(
                "asOf", "asOf must be a version (an integer >= 1) or an ISO-8601 instant such as 2026-11-27T10:00:00Z");
    }

    private static OptionalLong digits(String text) {
        return DIGITS.matcher(text).matches() ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    }
}

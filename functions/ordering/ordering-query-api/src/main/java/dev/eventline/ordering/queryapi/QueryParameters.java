package dev.eventline.ordering.queryapi;

import dev.eventline.http.HttpRequest;
import dev.eventline.http.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;
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

    /** {@code asOf}: a version or an instant. */
    sealed interface AsOf {
    }

    record AsOfVersion(long version) implements AsOf {
    }

    record AsOfInstant(Instant instant) implements AsOf {
    }

    private QueryParameters() {
    }

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

    /** A version (an integer >= 1) or an ISO-8601 instant with an offset, e.g. {@code 2026-11-27T10:00:00Z}. */
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
        if (text.length() > 64) {
            throw invalidAsOf();
        }
        try {
            return Optional.of(new AsOfInstant(OffsetDateTime.parse(text).toInstant()));
        } catch (DateTimeParseException e) {
            throw invalidAsOf();
        }
    }

    private static ProblemException invalidAsOf() {
        return ProblemException.invalidField("asOf",
                "asOf must be a version (an integer >= 1) or an ISO-8601 instant such as 2026-11-27T10:00:00Z");
    }

    private static OptionalLong digits(String text) {
        return DIGITS.matcher(text).matches() ? OptionalLong.of(Long.parseLong(text)) : OptionalLong.empty();
    }
}

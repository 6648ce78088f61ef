package dev.eventline.ordering.readmodel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * ISO-8601 UTC with exactly nine fraction digits, so that string order is time order in a sort key.
 * ({@link Instant#toString()} drops trailing zero digits: {@code 10:00:00Z} would sort after
 * {@code 10:00:00.5Z}.)
 */
public final class SortableInstant {
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.NANO_OF_SECOND, 9, 9, true)
            .appendLiteral('Z')
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private SortableInstant() {}

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}

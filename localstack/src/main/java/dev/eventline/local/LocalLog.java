package dev.eventline.local;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The runtime's own console lines, short and human-readable (the handlers log JSON themselves):
 * {@code 12:00:01.123 [local] message}.
 */
final class LocalLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private LocalLog() {
    }

    static void info(String message) {
        System.out.println(LocalTime.now().format(TIME) + " [local] " + message);
    }

    static void warn(String message) {
        System.out.println(LocalTime.now().format(TIME) + " [local] WARN " + message);
    }
}

package dev.eventline.local;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The runtime's own console lines, short and human-readable (the handlers log JSON themselves):
 * {@code 12:00:01.123 [local] message}.
 */
final class LocalLog {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private LocalLog() {}

    static void info(String message) {
        System.out.println(LocalTime.now().format(TIME) + " [local] " + message);
    }

    /**
     * True while the JVM runs its shutdown hooks: moto's own hook may stop it before the pollers
     * are told to stop, and their connection errors then are noise, not news.
     */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> {});
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    static void warn(String message) {
        System.out.println(LocalTime.now().format(TIME) + " [local] WARN " + message);
    }
}

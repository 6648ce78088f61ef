package dev.eventline.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM on this JVM's class path: for what only a fresh JVM can show,
 * such as the classes a first request loads (a test fork has loaded them for earlier tests).
 */
public final class FreshJvm {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private FreshJvm() {}

    /** @return the lines the main class printed; fails with its output when it exits non-zero or hangs */
    public static List<String> run(Class<?> main, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // as Lambda's Java runtime
                "-cp",
                System.getProperty("java.class.path"),
                main.getName());
        builder.environment().putAll(environment);
        builder.redirectErrorStream(true);
        try {
            Process process = builder.start();
            List<String> lines = new ArrayList<>();
            try (var out = process.inputReader(StandardCharsets.UTF_8)) {
                out.lines().forEach(lines::add);
            }
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(main.getName() + " did not finish within " + TIMEOUT);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        main.getName() + " exited with " + process.exitValue() + ":\n" + String.join("\n", lines));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + main.getName(), e);
        }
    }

    /** Classes this JVM has loaded since it started (the count a fresh-JVM main reports). */
    public static long loadedClasses() {
        return ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
    }
}

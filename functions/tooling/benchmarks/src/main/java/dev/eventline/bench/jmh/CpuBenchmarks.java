package dev.eventline.bench.jmh;

import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the JMH benchmarks of this package with a short, bounded configuration (one fork, 2 x 1 s warm-up,
 * 3 x 1 s measurement each: about a minute and a half in all) and prints CPU time per operation against the
 * targets: a decision (decide + evolve) within 20 µs, a projected event within 50 µs. Sampled, so p50 and p99
 * are per operation too. A longer, steadier run: {@code java -cp ... org.openjdk.jmh.Main dev.eventline.bench.jmh}.
 */
public final class CpuBenchmarks {
    static final double DECISION_TARGET_US = 20;
    static final double PROJECTED_EVENT_TARGET_US = 50;

    private CpuBenchmarks() {}

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(CpuBenchmarks.class.getPackageName() + ".")
                .mode(Mode.SampleTime)
                .timeUnit(TimeUnit.MICROSECONDS)
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(1))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(1))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        List<String> misses = new ArrayList<>();
        String format = "| %-48s | %9s | %9s | %9s | %-22s |%n";
        System.out.println();
        System.out.println("CPU per operation (JMH, SampleTime, 1 fork, 2x1 s warm-up, 3x1 s measurement; "
                + Runtime.getRuntime().availableProcessors() + " cores, JDK " + Runtime.version() + ")");
        System.out.printf(format, "benchmark", "mean µs", "p50 µs", "p99 µs", "target");
        System.out.printf(format, "-".repeat(48), "-".repeat(9), "-".repeat(9), "-".repeat(9), "-".repeat(22));
        for (RunResult result : results) {
            String name = shortName(result.getParams().getBenchmark());
            Statistics stats = result.getPrimaryResult().getStatistics();
            double mean = stats.getMean();
            double p50 = stats.getPercentile(50);
            double p99 = stats.getPercentile(99);
            Double target = target(name);
            String verdict = "";
            if (target != null) {
                boolean met = mean <= target;
                verdict = String.format(Locale.ROOT, "<= %.0f µs: %s", target, met ? "met" : "MISSED");
                if (!met) {
                    misses.add(name);
                }
            }
            System.out.printf(Locale.ROOT, format, name, fmt(mean), fmt(p50), fmt(p99), verdict);
            BenchRow row = BenchRow.of("CPU " + name + " (JMH, per op)").latency(p50 / 1_000, p99 / 1_000);
            BenchResults.shared().record(row);
        }
        System.out.println(
                misses.isEmpty()
                        ? "Targets met: decision <= 20 µs, projected event <= 50 µs (mean)."
                        : "Targets MISSED by: " + String.join(", ", misses));
    }

    /** The targets of issue 13: per decision and per projected event; codec and upcast figures are for reference. */
    static Double target(String name) {
        if (name.startsWith("DecisionBenchmark.")) {
            return DECISION_TARGET_US;
        }
        if (name.startsWith("ProjectionFoldBenchmark.")) {
            return PROJECTED_EVENT_TARGET_US;
        }
        return null;
    }

    private static String shortName(String benchmark) {
        return benchmark.substring(CpuBenchmarks.class.getPackageName().length() + 1);
    }

    private static String fmt(double micros) {
        return String.format(Locale.ROOT, micros < 10 ? "%.2f" : "%.1f", micros);
    }
}

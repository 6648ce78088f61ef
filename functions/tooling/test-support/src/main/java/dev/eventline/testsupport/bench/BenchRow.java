package dev.eventline.testsupport.bench;

import java.util.Objects;

/**
 * One line of the {@code make bench} summary; a figure a benchmark does not measure is null (shown blank).
 * Latencies and start-up in milliseconds, jar sizes in MiB.
 */
public record BenchRow(
        String scenario,
        Double requests,
        Double rcu,
        Double wcu,
        Double eventsRead,
        Double p50Ms,
        Double p99Ms,
        Double jarMb,
        Double startupMs) {

    public BenchRow {
        Objects.requireNonNull(scenario, "scenario");
    }

    public static BenchRow of(String scenario) {
        return new BenchRow(scenario, null, null, null, null, null, null, null, null);
    }

    public BenchRow capacity(double requests, double rcu, double wcu, double eventsRead) {
        return new BenchRow(scenario, requests, rcu, wcu, eventsRead, p50Ms, p99Ms, jarMb, startupMs);
    }

    public BenchRow latency(double p50Ms, double p99Ms) {
        return new BenchRow(scenario, requests, rcu, wcu, eventsRead, p50Ms, p99Ms, jarMb, startupMs);
    }

    public BenchRow p50(double p50Ms) {
        return new BenchRow(scenario, requests, rcu, wcu, eventsRead, p50Ms, p99Ms, jarMb, startupMs);
    }

    public BenchRow startup(double jarMb, double startupMs) {
        return new BenchRow(scenario, requests, rcu, wcu, eventsRead, p50Ms, p99Ms, jarMb, startupMs);
    }

    public BenchRow jar(double jarMb) {
        return new BenchRow(scenario, requests, rcu, wcu, eventsRead, p50Ms, p99Ms, jarMb, startupMs);
    }
}

package dev.eventline.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What an EventBridge schedule rule with a Lambda target does, for one local function: every
 * {@code every}, an asynchronous invocation with a scheduled-event payload whose {@code time} is when
 * the run was due. A run that throws is tried twice more (Lambda's asynchronous retries, here without
 * their minutes of delay), then reported with its payload; the next run comes at its time either way.
 * Runs never overlap (one thread, as reserved concurrency 1 deploys it).
 */
public final class LocalSchedule implements AutoCloseable {
    /** Lambda's default retries of an asynchronous invocation that failed. */
    static final int RETRIES = 2;

    private final String ruleName;
    private final LocalFunction function;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    private LocalSchedule(String ruleName, LocalFunction function, Clock clock) {
        this.ruleName = ruleName;
        this.function = function;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("schedule-" + ruleName).daemon().factory());
    }

    /** Starts the timer: the first run one interval from now, as a new rule's first run comes. */
    public static LocalSchedule start(String ruleName, LocalFunction function, Duration every, Clock clock) {
        if (every.isNegative() || every.isZero()) {
            throw new IllegalArgumentException("a schedule runs at a positive interval, was " + every);
        }
        var schedule = new LocalSchedule(ruleName, function, clock);
        schedule.timer.scheduleAtFixedRate(schedule::run, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        LocalLog.info("schedule " + ruleName + ": " + function.name() + " every " + every);
        return schedule;
    }

    public String ruleName() {
        return ruleName;
    }

    /** One scheduled run, due now: what the timer does at each interval. */
    void run() {
        Map<String, Object> event = scheduledEvent(ruleName, clock.instant());
        RuntimeException last = null;
        for (int attempt = 0; attempt <= RETRIES; attempt++) {
            try {
                function.invoke(event);
                return;
            } catch (RuntimeException e) {
                last = e;
            }
        }
        LocalLog.warn("schedule " + ruleName + ": " + function.name() + " failed " + (RETRIES + 1)
                + " times for the run due at " + event.get("time") + ": " + last);
    }

    /** The payload EventBridge sends a scheduled rule's target. */
    static Map<String, Object> scheduledEvent(String ruleName, Instant due) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", UUID.randomUUID().toString());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put("account", LocalFunction.ACCOUNT);
        // EventBridge stamps the time the run was due, to the second
        event.put("time", due.truncatedTo(ChronoUnit.SECONDS).toString());
        event.put("region", LocalFunction.REGION);
        event.put(
                "resources",
                List.of("arn:aws:events:" + LocalFunction.REGION + ":" + LocalFunction.ACCOUNT + ":rule/" + ruleName));
        event.put("detail", Map.of());
        return event;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(30, TimeUnit.SECONDS)) {
                LocalLog.warn("schedule " + ruleName + ": a run did not end within 30 s of the stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

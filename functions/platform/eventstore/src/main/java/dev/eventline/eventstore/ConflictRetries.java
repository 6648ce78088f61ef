package dev.eventline.eventstore;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * How long a command without {@code If-Match} keeps retrying lost races on its stream, and how it
 * spaces the retries.
 *
 * <p>The limit is a time budget, not a count: how many attempts a hot stream needs depends on how
 * many writers it has and how fast the store answers, while what a caller can afford is time (the
 * function's timeout, API Gateway's 30 s). {@code maxAttempts} is only a ceiling for a clock that
 * does not move (a fake ticker); with the defaults the budget runs out long before it.
 *
 * <p>The first lost race is retried at once: on a warm container it usually means the cached state
 * was an event behind, and the winner's event, returned by the failed write, puts it right. A second
 * lost race is contention; from then on each retry waits a {@link Backoff} pause first, counted in
 * round trips of the attempt that lost when those are longer than the base ({@link Backoff#withSlot}).
 * The cap is long (1 s) on purpose: retrying losers share the stream's write path with the writer that
 * is winning, and every attempt of theirs that cannot succeed delays it; a second's pause still leaves
 * room for a few retries in the budget.
 *
 * @param budget      from the start of the command; no attempt starts after it (the last one may end
 *                    a round trip later)
 * @param backoff     the pauses from the second lost race on
 * @param maxAttempts attempts at most, whatever the budget says
 */
public record ConflictRetries(Duration budget, Backoff backoff, int maxAttempts) {
    /** Well inside the API functions' 10 s timeout and API Gateway's 30 s. */
    public static final Duration DEFAULT_BUDGET = Duration.ofSeconds(3);

    public static final ConflictRetries DEFAULT =
            new ConflictRetries(DEFAULT_BUDGET, new Backoff(Duration.ofMillis(5), Duration.ofMillis(1000)), 100);
    /** The functions' optional setting of {@link #budget()}, in milliseconds. */
    public static final String BUDGET_VARIABLE = "CONFLICT_RETRY_BUDGET_MS";

    public ConflictRetries {
        Objects.requireNonNull(budget, "budget");
        Objects.requireNonNull(backoff, "backoff");
        if (budget.isNegative() || budget.isZero()) {
            throw new IllegalArgumentException("the conflict retry budget must be positive, was " + budget);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
    }

    /**
     * The defaults with the budget a function's configuration sets, if it sets one.
     *
     * @param budgetMillis the value of {@link #BUDGET_VARIABLE}
     */
    public static ConflictRetries fromSetting(Optional<String> budgetMillis) {
        return budgetMillis
                .map(String::strip)
                .map(ms -> {
                    try {
                        return DEFAULT.withBudget(Duration.ofMillis(Long.parseLong(ms)));
                    } catch (IllegalArgumentException e) { // NumberFormatException too
                        throw new IllegalStateException(
                                BUDGET_VARIABLE + " must be a positive number of milliseconds, was " + ms, e);
                    }
                })
                .orElse(DEFAULT);
    }

    public ConflictRetries withBudget(Duration value) {
        return new ConflictRetries(value, backoff, maxAttempts);
    }

    public ConflictRetries withMaxAttempts(int value) {
        return new ConflictRetries(budget, backoff, value);
    }

    /**
     * After the {@code lost}-th lost race, {@code elapsed} into the command: the pause before the next
     * attempt, or empty when there is to be no next attempt.
     *
     * @param lastAttempt how long the attempt that lost took (catch-up read and write): the backoff's
     *                    slot, see {@link Backoff#withSlot}
     */
    public Optional<Duration> pauseAfter(int lost, Duration elapsed, Duration lastAttempt, RandomGenerator random) {
        Duration left = budget.minus(elapsed);
        if (lost >= maxAttempts || left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Duration pause =
                lost == 1 ? Duration.ZERO : backoff.withSlot(lastAttempt).pause(lost - 1, random);
        return Optional.of(pause.compareTo(left) < 0 ? pause : left); // the last attempt starts as the budget ends
    }
}

package dev.eventline.ordering.queryapi;

import dev.eventline.eventstore.StreamFold.Folded;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds an order no older than a required version (read-your-writes).
 *
 * <ol>
 *   <li>The projection, when it is at the required version or later: one GetItem.</li>
 *   <li>Otherwise the projection is polled with consistent reads, backing off from 25 ms up to
 *       250 ms, for at most {@code maxWait}: it usually catches up within a few hundred ms.</li>
 *   <li>Then the stream itself is folded from the events table, which is never behind.</li>
 * </ol>
 *
 * The answer is never older than required: if even the events table has not reached the version,
 * the result is {@link Behind} (the order exists but not at that version) or {@link Missing}.
 */
final class OrderLookup {
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(25);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(250);

    enum Source {
        PROJECTION,
        EVENTS;

        String header() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    sealed interface Result {}

    record Found(OrderState state, long version, Source source) implements Result {}

    record Missing() implements Result {}

    /** The order exists, but its latest version is below the one required. */
    record Behind(long currentVersion) implements Result {}

    /** How long to pause between polls; a seam for tests. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final OrderReadModels readModels;
    private final OrderHistory history;
    private final Clock clock;
    private final Sleeper sleeper;

    OrderLookup(OrderReadModels readModels, OrderHistory history, Clock clock, Sleeper sleeper) {
        this.readModels = readModels;
        this.history = history;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param requiredVersion 0 when any version will do
     * @param visible         whether the caller may see this order; one they may not is {@link Missing},
     *                        decided on the first state of the order read (projected or folded), so
     *                        nobody waits on someone else's order longer than its projection takes to
     *                        show it at all
     */
    Result find(String orderId, long requiredVersion, Duration maxWait, Predicate<OrderState> visible) {
        Optional<ProjectedOrder> projected = readModels.summary(orderId, requiredVersion > 0);
        if (projected.isPresent() && !visible.test(projected.get().state())) {
            return new Missing();
        }
        if (isRecentEnough(projected, requiredVersion)) {
            return found(projected.get());
        }
        if (requiredVersion > 0) {
            projected = poll(orderId, requiredVersion, maxWait, visible);
            if (projected.isPresent() && !visible.test(projected.get().state())) {
                return new Missing();
            }
            if (isRecentEnough(projected, requiredVersion)) {
                return found(projected.get());
            }
        }
        // not projected yet (a brand-new order) or still behind: the events table has it
        Folded<OrderState> folded = history.current(orderId);
        if (!folded.exists() || !visible.test(folded.state())) {
            return new Missing();
        }
        if (folded.version() < requiredVersion) {
            return new Behind(folded.version());
        }
        return new Found(folded.state(), folded.version(), Source.EVENTS);
    }

    /** Until the projection is recent enough, the time is up, or it shows an order the caller may not see. */
    private Optional<ProjectedOrder> poll(
            String orderId, long requiredVersion, Duration maxWait, Predicate<OrderState> visible) {
        Instant deadline = clock.instant().plus(maxWait);
        Duration backoff = FIRST_BACKOFF;
        Optional<ProjectedOrder> latest = Optional.empty();
        while (true) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                return latest;
            }
            try {
                sleeper.sleep(backoff.compareTo(left) < 0 ? backoff : left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return latest;
            }
            latest = readModels.summary(orderId, true);
            if (isRecentEnough(latest, requiredVersion)
                    || (latest.isPresent() && !visible.test(latest.get().state()))) {
                return latest;
            }
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        }
    }

    private static boolean isRecentEnough(Optional<ProjectedOrder> projected, long requiredVersion) {
        return projected.isPresent() && projected.get().version() >= requiredVersion;
    }

    private static Found found(ProjectedOrder projected) {
        return new Found(projected.state(), projected.version(), Source.PROJECTION);
    }
}

package dev.eventline.ordering.rebuild;

import java.time.Duration;
import java.util.List;

/**
 * @param generation the generation written (live after a blue-green switch)
 * @param unfoldable streams whose fold stopped at an event it cannot fold (the items hold what came
 *                   before it, as the projector's do; the event is named in the error, fix and rerun),
 *                   at most {@link OrderReadModelRebuild#MAX_REPORTED} of them
 */
public record RebuildOutcome(
        long generation, long streams, long events, List<String> unfoldable, long unfoldableCount, Duration elapsed) {
    public RebuildOutcome {
        unfoldable = List.copyOf(unfoldable);
    }

    public boolean complete() {
        return unfoldableCount == 0;
    }
}

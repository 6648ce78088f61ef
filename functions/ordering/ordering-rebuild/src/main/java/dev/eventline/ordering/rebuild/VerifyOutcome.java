package dev.eventline.ordering.rebuild;

import java.util.List;

/**
 * @param mismatches at most {@link OrderReadModelVerifier#MAX_REPORTED}; {@code mismatchCount} counts all
 * @param repaired   items rewritten to their fold (with {@code --repair})
 */
public record VerifyOutcome(
        long generation,
        long streams,
        long events,
        List<Mismatch> mismatches,
        long mismatchCount,
        long repaired,
        long unfoldable) {
    public VerifyOutcome {
        mismatches = List.copyOf(mismatches);
    }

    public boolean consistent() {
        return mismatchCount == 0;
    }
}

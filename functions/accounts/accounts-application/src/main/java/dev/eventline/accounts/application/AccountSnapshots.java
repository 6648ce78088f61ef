package dev.eventline.accounts.application;

import dev.eventline.accounts.AccountState;
import dev.eventline.eventstore.snapshot.SnapshotPolicy;
import dev.eventline.eventstore.snapshot.SnapshotProblems;
import dev.eventline.eventstore.snapshot.SnapshotStore;
import dev.eventline.eventstore.snapshot.Snapshotting;
import dev.eventline.lambda.LambdaEnvironment;
import java.util.Set;

/**
 * The snapshot configuration of the account aggregate: which {@link SnapshotStrategy}, and the
 * event count that bounds how much of a stream a load may have to read. Snapshots are a cache:
 * every strategy can lose or corrupt one without any effect but a longer load (see docs/snapshots.md).
 *
 * <p>The deployed default is {@link SnapshotStrategy#CHASER}: the command path then does exactly
 * load, decide, append (no snapshot write adding latency to one command in N), every writer of the
 * stream is covered (a migration or bulk import appending directly too), and the template already
 * runs the chaser on the events table's stream. {@code count} is the choice where no stream
 * consumer runs; {@code event} only where milestones are frequent (see {@link #MILESTONES}).
 *
 * @param threshold count strategy: events between snapshots; every strategy: a load that had to
 *                  replay at least this many events (snapshot missing, corrupt or of an old schema)
 *                  rewrites the snapshot at once
 */
public record AccountSnapshots(SnapshotStrategy strategy, int threshold) {
    public static final String STRATEGY_VARIABLE = "SNAPSHOT_STRATEGY";
    public static final String THRESHOLD_VARIABLE = "SNAPSHOT_THRESHOLD";
    public static final SnapshotStrategy DEFAULT_STRATEGY = SnapshotStrategy.CHASER;
    public static final int DEFAULT_THRESHOLD = 100;

    /**
     * The business milestones after which the event strategy snapshots:
     * <ul>
     *   <li>{@code AccountFrozen}: an investigation starts; no money moves while it lasts and the
     *       account is read again and again, so the snapshot stays exact and is read many times;</li>
     *   <li>{@code AccountClosed}: the final state; every later read (audit, statements) costs one
     *       snapshot read and an empty tail, forever;</li>
     *   <li>{@code OverdraftLimitChanged}: a credit review, the nearest this domain has to a period
     *       close; the decisions that follow depend on the new limit.</li>
     * </ul>
     * Deposits and withdrawals are not milestones: they are the volume, and bounding their number is
     * what the count and chaser strategies are for. The names are the stored event types
     * ({@link AccountEventCodec#typeOf}), which never change with a class rename.
     */
    public static final Set<String> MILESTONES = Set.of("AccountFrozen", "AccountClosed", "OverdraftLimitChanged");

    public AccountSnapshots {
        if (strategy == null) {
            throw new IllegalArgumentException("strategy is required");
        }
        if (threshold < 1) {
            throw new IllegalArgumentException(THRESHOLD_VARIABLE + " must be at least 1, was " + threshold);
        }
    }

    /** From {@value #STRATEGY_VARIABLE} (default chaser) and {@value #THRESHOLD_VARIABLE} (default 100). */
    public static AccountSnapshots fromEnvironment(LambdaEnvironment env) {
        SnapshotStrategy strategy = env.optional(STRATEGY_VARIABLE)
                .map(value -> SnapshotStrategy.parse(STRATEGY_VARIABLE, value))
                .orElse(DEFAULT_STRATEGY);
        return new AccountSnapshots(strategy, env.intOr(THRESHOLD_VARIABLE, DEFAULT_THRESHOLD));
    }

    /** When the command path itself writes a snapshot. */
    public SnapshotPolicy policy() {
        return switch (strategy) {
            case COUNT -> SnapshotPolicy.everyNEvents(threshold);
            case EVENT -> SnapshotPolicy.afterEventTypes(MILESTONES);
            case CHASER, TIME -> SnapshotPolicy.never();
        };
    }

    /** @param problems told of every snapshot a load ignored or a command could not write */
    public Snapshotting<AccountState> snapshotting(SnapshotStore store, SnapshotProblems problems) {
        return new Snapshotting<>(store, new AccountStateCodec(), policy(), threshold, problems);
    }
}

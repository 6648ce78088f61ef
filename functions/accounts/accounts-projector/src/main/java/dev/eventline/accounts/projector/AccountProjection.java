package dev.eventline.accounts.projector;

import dev.eventline.accounts.AccountDecider;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.accounts.application.BalanceDayItem;
import dev.eventline.accounts.application.OwnerAccountItem;
import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamFold;
import dev.eventline.eventstore.StreamFold.Folded;
import dev.eventline.eventstore.StreamId;
import dev.eventline.eventstore.UnfoldableEventException;
import dev.eventline.eventstore.UpTo;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.streams.Checkpoint;
import dev.eventline.streams.OrderedConsumer;
import dev.eventline.streams.Parallel;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.StreamWork;
import dev.eventline.streams.UnprocessableEventException;
import dev.eventline.streams.push.PushNotifier;
import dev.eventline.streams.push.Subscriptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts read models, a batch at a time, on the one stream-consumer runtime (checkpoints,
 * duplicates, gaps, poison parking, redrive are the runtime's). Per account, the new events are folded
 * one by one onto the checkpoint's state; then the balance history gets one item per day the events
 * touched (the state after that day's last event), the owner's list gets the account as it is now, and
 * the checkpoint is written last: whatever it covers is in the other two, so a retry after any failure
 * re-applies exactly what is missing. Every write is idempotent (version-conditioned), so a rebuild is
 * the same code run from version 0 on an emptied table.
 *
 * <p>After the checkpoint committed, the account is announced to its WebSocket subscribers (the
 * stream's and its owner's, "my accounts") through the one {@link PushNotifier}: one message per account
 * and batch, with the highest version and the type of the last event applied, {@code readModel:
 * "accounts-by-owner"} (the balance history is written before it too). Best effort, as for orders.
 */
final class AccountProjection implements OrderedConsumer<AccountState> {
    private final AccountReadModelStore store;
    private final StreamFold<AccountEvent, AccountState> fold;
    private final Parallel parallel;
    private final Clock clock;
    private final EmfMetrics metrics;
    private final PushNotifier push;

    AccountProjection(
            AccountReadModelStore store,
            EventCodec<AccountEvent> codec,
            Parallel parallel,
            Clock clock,
            EmfMetrics metrics,
            PushNotifier push) {
        this.store = store;
        this.fold = new StreamFold<>(codec, AccountDecider.INSTANCE);
        this.parallel = parallel;
        this.clock = clock;
        this.metrics = metrics;
        this.push = push;
    }

    @Override
    public Optional<Checkpoint<AccountState>> checkpoint(String streamId) {
        Optional<String> accountId = accountIdOf(streamId);
        if (accountId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store.load(accountId.get()).orElseGet(() -> new Checkpoint<>(0, AccountState.initial())));
    }

    @Override
    public List<SliceOutcome> apply(List<StreamWork<AccountState>> work) {
        return parallel.map(work, this::project);
    }

    private SliceOutcome project(StreamWork<AccountState> work) {
        String accountId = accountIdOf(work.streamId()).orElseThrow();
        Folded<AccountState> at = Folded.at(
                work.streamId(), work.checkpoint().state(), work.checkpoint().version());
        Map<String, BalanceDayItem> days = new LinkedHashMap<>();
        RuntimeException poison = null;
        for (RecordedEvent event : work.events()) {
            StreamFold.Outcome<AccountState> outcome =
                    fold.foldUntilFailure(at, List.of(event), UpTo.end(), (recorded, decoded) -> {});
            if (outcome.failure().isPresent()) {
                poison = unprocessable(outcome.failure().get());
                break;
            }
            at = outcome.folded();
            // the day's item is the state after its last event: a later event of the same day replaces it
            BalanceDayItem.of(at.state(), at.version()).ifPresent(day -> days.put(day.day(), day));
        }
        long stored = work.checkpoint().version();
        if (at.version() > stored) {
            try {
                days.values().forEach(store::save);
                OwnerAccountItem.of(at.state(), at.version()).ifPresent(store::save);
                store.saveCheckpoint(accountId, at.state(), at.version(), clock.instant());
            } catch (RuntimeException writeFailure) {
                return work.failed(stored, writeFailure);
            }
            List<RecordedEvent> applied = work.events().subList(0, (int) (at.version() - stored));
            recordApplied(applied);
            announce(work.streamId(), at, applied);
        }
        return poison == null ? work.completed() : work.failed(at.version(), poison);
    }

    private void announce(String streamId, Folded<AccountState> at, List<RecordedEvent> applied) {
        if (!push.enabled() || applied.isEmpty()) {
            return;
        }
        String ownerId = at.state().ownerId();
        List<String> keys = ownerId == null ? List.of(streamId) : List.of(streamId, Subscriptions.ownerKey(ownerId));
        push.announce(
                new PushNotifier.Notification(
                        streamId, at.version(), applied.getLast().type(), READ_MODEL),
                keys);
    }

    /** What a notification names as holding the version (docs/read-side.md, "Notification"). */
    static final String READ_MODEL = "accounts-by-owner";

    private void recordApplied(List<RecordedEvent> applied) {
        Instant now = clock.instant();
        metrics.count("EventsProjected", applied.size());
        for (RecordedEvent event : applied) {
            metrics.milliseconds(
                    "ProjectionLagMs",
                    Math.max(0, Duration.between(event.recordedAt(), now).toMillis()));
        }
    }

    /** Parked under the event's position, with the decoder's or evolve's own error as the reason. */
    private static UnprocessableEventException unprocessable(UnfoldableEventException unfoldable) {
        Throwable reason = unfoldable.getCause() == null ? unfoldable : unfoldable.getCause();
        RecordedEvent event = unfoldable.event();
        return new UnprocessableEventException(event.streamId(), event.version(), event.eventId(), reason);
    }

    private static Optional<String> accountIdOf(String streamId) {
        try {
            StreamId id = StreamId.parse(streamId);
            return AccountStreams.CATEGORY.equals(id.category()) ? Optional.of(id.id()) : Optional.empty();
        } catch (IllegalArgumentException notAStreamId) {
            return Optional.empty();
        }
    }
}

package dev.eventline.eventstore.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.eventstore.snapshot.CoLocatedSnapshots.Head;
import dev.eventline.eventstore.snapshot.Snapshot;
import dev.eventline.eventstore.snapshot.SnapshotStore;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.eventstore.testkit.SnapshotStoreContract;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The snapshot store contract for snapshots kept beside the events, in the events table; and what
 * that means for the events' readers: one read from the head finds snapshot and tail, and every
 * event reader passes over snapshot items.
 */
@WithEmulator
class DynamoDbEventTableSnapshotsContractTest extends SnapshotStoreContract {
    private static final String EVENTS = "eventline-dev-accounts-events";

    private final DynamoDbEventTableSnapshots store;
    private final DynamoDbEventStore events;

    DynamoDbEventTableSnapshotsContractTest(Emulator emulator) {
        store = new DynamoDbEventTableSnapshots(emulator.dynamoDb(), EVENTS);
        events = new DynamoDbEventStore(
                emulator.dynamoDb(), EVENTS, "eventline-dev-accounts-idempotency", MutableClock.startingNow());
    }

    @Override
    protected SnapshotStore store() {
        return store;
    }

    private String streamOf(int events) {
        String stream = "Account-" + UUID.randomUUID();
        this.events.append(
                stream,
                0,
                IntStream.rangeClosed(1, events)
                        .mapToObj(i -> new NewEvent(
                                "e" + i,
                                "Deposited",
                                1,
                                "{\"n\":" + i + "}",
                                new EventMetadata(
                                        "c", "c", "c", null, "anonymous", Instant.parse("2026-11-27T10:00:00Z"))))
                        .toList());
        return stream;
    }

    @Test
    void the_head_of_a_stream_holds_its_newest_snapshot_and_the_events_after_it() {
        String stream = streamOf(9);
        store.save(new Snapshot(stream, 3, 1, "{\"at\":3}", Instant.parse("2026-11-27T10:00:00Z")));
        store.save(new Snapshot(stream, 6, 1, "{\"at\":6}", Instant.parse("2026-11-27T10:00:00Z")));

        Head head = store.readHead(stream, 5, true);

        assertThat(head.snapshot()).map(Snapshot::version).contains(6L);
        assertThat(head.eventsAfter()).extracting(RecordedEvent::version).containsExactly(7L, 8L, 9L);
    }

    @Test
    void without_a_snapshot_the_head_reads_back_to_the_first_event() {
        String stream = streamOf(7);

        Head head = store.readHead(stream, 3, false);

        assertThat(head.snapshot()).isEmpty();
        assertThat(head.eventsAfter()).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void event_readers_pass_over_snapshot_items() {
        String stream = streamOf(4);
        store.save(new Snapshot(stream, 1, 1, "{}", Instant.parse("2026-11-27T10:00:00Z")));
        store.save(new Snapshot(stream, 2, 1, "{}", Instant.parse("2026-11-27T10:00:00Z")));

        assertThat(events.readAfter(stream, 0))
                .extracting(RecordedEvent::version)
                .containsExactly(1L, 2L, 3L, 4L);
        assertThat(events.readAfterPossiblyStale(stream, 1))
                .extracting(RecordedEvent::version)
                .containsExactly(2L, 3L, 4L);
        StreamPage page = events.readPage(stream, 0, 3);
        assertThat(page.events()).extracting(RecordedEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(page.hasMore()).isTrue();
        assertThat(events.readPage(stream, 3, 5).events())
                .extracting(RecordedEvent::version)
                .isEqualTo(List.of(4L));
    }
}

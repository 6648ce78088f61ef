package dev.eventline.ordering.queryapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.eventstore.EventCodec.EncodedEvent;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.InMemoryEventStore;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamFold.Folded;
import dev.eventline.eventstore.StreamPage;
import dev.eventline.ordering.ItemAdded;
import dev.eventline.ordering.ItemRemoved;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderPlaced;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Time travel by version over the in-memory store: what is read, and how much at a time. */
class OrderHistoryTest {
    private static final Instant T = Instant.parse("2026-11-27T08:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);
    private static final OrderEventCodec CODEC = new OrderEventCodec();
    private static final String ORDER = "o-1";

    private final PageCountingStore store = new PageCountingStore(new InMemoryEventStore(CLOCK));
    private final OrderHistory history = new OrderHistory(store, CODEC);

    /** Placed with a line of B, then A added and removed again and again: an even version holds A, an odd one not. */
    private void appendEvents(int count) {
        List<OrderEvent> events =
                new ArrayList<>(List.of(new OrderPlaced(ORDER, "c-1", "EUR", List.of(new OrderLine("B", 1, 10)), T)));
        while (events.size() < count) {
            events.add(events.size() % 2 == 1 ? new ItemAdded(ORDER, "A", 1, 5, T) : new ItemRemoved(ORDER, "A", T));
        }
        List<NewEvent> encoded = new ArrayList<>();
        for (OrderEvent event : events) {
            EncodedEvent e = CODEC.encode(event);
            encoded.add(new NewEvent(
                    "e-" + encoded.size(),
                    e.type(),
                    e.schemaVersion(),
                    e.data(),
                    new EventMetadata("cmd", "corr", "cmd", null, "tester", T)));
        }
        store.append(OrderCommands.streamId(ORDER), encoded);
    }

    @Test
    void a_short_stream_is_read_in_one_request() {
        appendEvents(5);

        Folded<OrderState> third = history.atVersion(ORDER, 3);

        assertThat(third.version()).isEqualTo(3);
        assertThat(third.state().lines()).extracting(OrderLine::sku).containsExactly("B");
        assertThat(store.pages).isEqualTo(1);
        assertThat(store.largestLimit).isEqualTo(3);
    }

    @Test
    void a_version_far_past_the_head_asks_for_no_more_than_a_page_and_stops_at_the_head() {
        appendEvents(5);

        Folded<OrderState> folded = history.atVersion(ORDER, 9_999_999_999L);

        assertThat(folded.version()).isEqualTo(5);
        assertThat(store.pages).isEqualTo(1);
        assertThat(store.largestLimit).isEqualTo(OrderHistory.MAX_PAGE);
    }

    @Test
    void a_version_past_one_page_is_folded_across_pages() {
        appendEvents(OrderHistory.MAX_PAGE + 7);

        Folded<OrderState> folded = history.atVersion(ORDER, OrderHistory.MAX_PAGE + 4);

        assertThat(folded.version()).isEqualTo(OrderHistory.MAX_PAGE + 4);
        assertThat(folded.state().lines()).extracting(OrderLine::sku).containsExactly("B", "A");
        assertThat(store.pages).isEqualTo(2);
        assertThat(history.atVersion(ORDER, OrderHistory.MAX_PAGE + 5).state().lines())
                .extracting(OrderLine::sku)
                .containsExactly("B");
    }

    /** Counts the pages asked for and the largest page size. */
    private static final class PageCountingStore implements EventReader {
        private final InMemoryEventStore delegate;
        int pages;
        int largestLimit;

        PageCountingStore(InMemoryEventStore delegate) {
            this.delegate = delegate;
        }

        void append(String streamId, List<NewEvent> events) {
            delegate.append(streamId, 0, events, Optional.empty());
        }

        @Override
        public StreamPage readPage(String streamId, long afterVersion, int limit) {
            pages++;
            largestLimit = Math.max(largestLimit, limit);
            return delegate.readPage(streamId, afterVersion, limit);
        }

        @Override
        public List<RecordedEvent> readAfter(String streamId, long afterVersion) {
            return delegate.readAfter(streamId, afterVersion);
        }
    }
}

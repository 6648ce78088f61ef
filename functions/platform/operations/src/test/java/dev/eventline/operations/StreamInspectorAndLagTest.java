package dev.eventline.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.projector.ProjectionHandler;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** A stream read back with its state at any version, and each consumer's lag measured against it. */
@WithEmulator
class StreamInspectorAndLagTest {
    private final Emulator emulator;
    private final Clock clock = Clock.systemUTC();
    private final OrderingFixture ordering;
    private final ProjectionHandler projector;

    StreamInspectorAndLagTest(Emulator emulator) {
        this.emulator = emulator;
        this.ordering = new OrderingFixture(emulator, Clock.offset(clock, Duration.ofMinutes(-10)));
        this.projector = ordering.projector();
    }

    @Test
    void a_stream_is_shown_with_its_metadata_and_its_state_at_the_head_or_at_an_earlier_version() {
        String orderId = OrderingFixture.newOrderId();
        String streamId = OrderCommands.streamId(orderId);
        ordering.fourEvents(orderId);
        StreamInspector inspector = new StreamInspector(emulator.dynamoDb(), OrderingFixture.RESOURCES);

        StreamView head = inspector.show(streamId, OptionalLong.empty());
        StreamView second = inspector.show(streamId, OptionalLong.of(2));

        assertThat(head.head()).isEqualTo(4);
        assertThat(head.events())
                .extracting(StreamView.EventView::type)
                .containsExactly("OrderPlaced", "ItemAdded", "ItemAdded", "OrderConfirmed");
        assertThat(head.events().getFirst().correlationId()).isEqualTo("corr-" + orderId);
        assertThat(head.events().getFirst().data().path("orderId").asText()).isEqualTo(orderId);
        assertThat(head.state().state().path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(second.at()).isEqualTo(2);
        assertThat(second.events()).hasSize(2);
        assertThat(second.state().state().path("status").asText()).isEqualTo("PLACED");
        assertThat(second.state().state().path("lines")).hasSize(2);
    }

    @Test
    void a_stream_whose_fold_stops_says_where_and_why() {
        String orderId = OrderingFixture.newOrderId();
        String streamId = OrderCommands.streamId(orderId);
        ordering.fourEvents(orderId);
        ordering.rewriteData(streamId, 3, "{\"broken\":true}");

        StreamView view = new StreamInspector(emulator.dynamoDb(), OrderingFixture.RESOURCES)
                .show(streamId, OptionalLong.empty());

        assertThat(view.state().version()).isEqualTo(2);
        assertThat(view.state().stoppedAt()).contains(streamId).contains("3");
    }

    @Test
    void an_unknown_category_or_a_malformed_id_is_refused() {
        StreamInspector inspector = new StreamInspector(emulator.dynamoDb(), OrderingFixture.RESOURCES);

        assertThatThrownBy(() -> inspector.show("Invoice-1", OptionalLong.empty()))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> inspector.show("no dash", OptionalLong.empty()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> inspector.show("Order-1", OptionalLong.of(0)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_lag_of_a_consumer_is_its_checkpoint_against_the_head_with_the_age_of_the_first_event_it_misses() {
        String behind = OrderingFixture.newOrderId();
        String upToDate = OrderingFixture.newOrderId();
        ordering.fourEvents(behind);
        ordering.fourEvents(upToDate);
        projector.redrive(OrderCommands.streamId(upToDate), 4);
        ordering.rewriteData(OrderCommands.streamId(behind), 3, "{\"broken\":true}");
        projector.redrive(OrderCommands.streamId(behind), 4);
        ConsumerLag lag = new ConsumerLag(emulator.dynamoDb(), OrderingFixture.RESOURCES, clock);

        var projectorLag = lag.all(ConsumerLag.DEFAULT_MAX_SCANNED, n -> {}).stream()
                .filter(v -> v.consumer().equals(OrderingFixture.PROJECTOR))
                .findFirst()
                .orElseThrow();
        var oneStream = lag.stream(OrderCommands.streamId(behind));

        assertThat(projectorLag.complete()).isTrue();
        assertThat(projectorLag.worst())
                .filteredOn(s -> s.streamId().equals(OrderCommands.streamId(behind)))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.checkpoint()).isEqualTo(2);
                    assertThat(s.head()).isEqualTo(4);
                    assertThat(s.behind()).isEqualTo(2);
                    assertThat(Duration.ofMillis(s.ageMs())).isGreaterThanOrEqualTo(Duration.ofMinutes(9));
                });
        assertThat(projectorLag.worst()).noneMatch(s -> s.streamId().equals(OrderCommands.streamId(upToDate)));
        assertThat(oneStream)
                .filteredOn(s -> s.consumer().equals(OrderingFixture.PROJECTOR))
                .singleElement()
                .satisfies(s -> assertThat(s.behind()).isEqualTo(2));
        assertThat(oneStream)
                .filteredOn(s -> s.consumer().equals(OrderingFixture.PUBLISHER))
                .singleElement()
                .as("the publisher never ran here")
                .satisfies(s -> assertThat(s.checkpoint()).isZero());
    }
}

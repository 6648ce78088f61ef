package dev.eventline.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * EventBridge archive replay against the emulator: what the bus archived comes back through its rules
 * to their targets. (moto replays the whole archive at once, whatever the window; AWS replays the
 * window, in no particular order, over minutes.)
 */
@WithEmulator
class ArchiveReplaysTest {
    private static final String SHIPPING_QUEUE = "eventline-dev-shipping-notifications";

    private final Emulator emulator;
    private final Clock clock = Clock.systemUTC();
    private final ArchiveReplays replays;

    ArchiveReplaysTest(Emulator emulator) {
        this.emulator = emulator;
        this.replays = new ArchiveReplays(emulator.eventBridge(), OrderingFixture.RESOURCES, clock);
    }

    @Test
    void a_replay_of_the_archive_delivers_the_archived_events_to_the_rules_targets_again() throws Exception {
        String queue = emulator.resources().queueUrl(SHIPPING_QUEUE);
        String orderId = OrderingFixture.newOrderId();
        String detail = "{\"id\":\"" + UUID.randomUUID() + "\",\"data\":{\"orderId\":\"" + orderId + "\"}}";
        emulator.eventBridge()
                .putEvents(b -> b.entries(PutEventsRequestEntry.builder()
                        .eventBusName("eventline-dev")
                        .source("eventline.ordering")
                        .detailType("OrderShipped")
                        .detail(detail)
                        .build()));
        assertThat(receiveAll(queue)).as("delivered once when published").hasSize(1);

        ArchiveReplays.ReplayView started = replays.start(
                clock.instant().minus(Duration.ofHours(1)),
                clock.instant(),
                Optional.of("test-" + UUID.randomUUID().toString().substring(0, 8)),
                List.of());
        ArchiveReplays.ReplayView done =
                replays.await(started.name(), Duration.ofSeconds(30), Duration.ofMillis(200), v -> {});

        assertThat(done.state()).isEqualTo("COMPLETED");
        assertThat(receiveAll(queue))
                .as("delivered again by the replay")
                .anySatisfy(m -> assertThat(m.body()).contains(orderId).contains("replay-name"));
    }

    @Test
    void a_window_that_ends_in_the_future_or_is_empty_is_refused_before_anything_starts() {
        assertThatThrownBy(() -> replays.start(
                        clock.instant(), clock.instant().plus(Duration.ofHours(1)), Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in the future");
        java.time.Instant minuteAgo = clock.instant().minusSeconds(60);
        assertThatThrownBy(() -> replays.start(minuteAgo, minuteAgo, Optional.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before");
    }

    @Test
    void an_unknown_replay_is_not_found() {
        assertThatThrownBy(() -> replays.describe("no-such-replay")).isInstanceOf(NotFoundException.class);
    }

    private List<Message> receiveAll(String url) {
        List<Message> messages = emulator.sqs()
                .receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0))
                .messages();
        messages.forEach(m -> emulator.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        return messages;
    }
}

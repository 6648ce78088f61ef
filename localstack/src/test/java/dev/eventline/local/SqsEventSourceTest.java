package dev.eventline.local;

import static dev.eventline.local.TestTopologies.function;
import static dev.eventline.local.TestTopologies.queueMapping;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

/** The SQS event source with the template's shipping queue and its redrive policy (maxReceiveCount 5). */
@WithEmulator
class SqsEventSourceTest {
    private static final String QUEUE = "eventline-dev-shipping-notifications";
    private static final String DLQ = "eventline-dev-shipping-notifications-dlq";

    private final Emulator emulator;

    SqsEventSourceTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void
            succeeded_messages_are_deleted_once_and_a_failing_one_is_redelivered_until_the_redrive_policy_moves_it_to_the_dlq() {
        String good = "good-" + UUID.randomUUID();
        String poison = "poison-" + UUID.randomUUID();
        String queueUrl = emulator.resources().queueUrl(QUEUE);
        emulator.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(good));
        emulator.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(poison));

        try (LocalRuntime _ = LocalRuntime.start(
                TestTopologies.withFunctions(
                        emulator.resources(),
                        List.of(function("fn-queue", ScriptedQueueHandler.class, Map.of())),
                        List.of(queueMapping("fn-queue", QUEUE))),
                emulator.endpoint(),
                RuntimeSettings.FAST,
                Optional.empty(),
                Map.of(),
                Clock.systemUTC())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters().contains(poison));

            assertThat(ScriptedQueueHandler.RECEIVED.stream().filter(good::equals))
                    .hasSize(1);
            assertThat(ScriptedQueueHandler.RECEIVED.stream().filter(poison::equals))
                    .hasSize(5);
            assertThat(deadLetters()).doesNotContain(good);
        }
    }

    private List<String> deadLetters() {
        return emulator
                .sqs()
                .receiveMessage(b -> b.queueUrl(emulator.resources().queueUrl(DLQ))
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0))
                .messages()
                .stream()
                .map(Message::body)
                .toList();
    }
}

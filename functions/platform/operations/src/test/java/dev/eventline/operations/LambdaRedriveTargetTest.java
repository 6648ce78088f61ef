package dev.eventline.operations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.projector.ProjectionHandler;
import dev.eventline.streams.StreamRecordJson;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a redrive on AWS sends the consumer's function (moto cannot run a Lambda function without Docker,
 * so the payload goes through Lambda's JSON to the real handler in process): one stream record rebuilt
 * from the events table, which the runtime takes as a delivery of the stream's head.
 */
@WithEmulator
class LambdaRedriveTargetTest {
    private final Emulator emulator;
    private final OrderingFixture ordering;
    private final ProjectionHandler projector;

    LambdaRedriveTargetTest(Emulator emulator) {
        this.emulator = emulator;
        this.ordering = new OrderingFixture(emulator, Clock.offset(Clock.systemUTC(), Duration.ofDays(-3)));
        this.projector = ordering.projector();
    }

    @Test
    void the_rebuilt_head_record_brings_a_stream_from_its_checkpoint_to_its_head_in_order() throws IOException {
        String orderId = OrderingFixture.newOrderId();
        String streamId = OrderCommands.streamId(orderId);
        ordering.fourEvents(orderId);
        var head = emulator.dynamoDb()
                .getItem(b -> b.tableName(OrderingFixture.EVENTS)
                        .key(Map.of("streamId", AttributeValue.fromS(streamId), "version", AttributeValue.fromN("4")))
                        .consistentRead(true))
                .item();

        String payload = StreamRecordJson.writeEvent(LambdaRedriveTarget.event(head, 4));
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        // the function's Lambda entry point, as the invocation reaches it
        projector.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), answer, null);

        assertThat(answer.toString(StandardCharsets.UTF_8)).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(ordering.summaryVersion(orderId))
                .as("v1 to v3 repaired from the table, then v4")
                .isEqualTo(4);
        StreamEvent delivered = StreamRecordJson.readEvent(payload);
        assertThat(delivered.records()).singleElement().satisfies(r -> {
            assertThat(r.eventName()).isEqualTo("INSERT");
            assertThat(r.dynamodb().keys()).containsOnlyKeys("streamId", "version");
            assertThat(r.dynamodb().newImage()).isEqualTo(head);
        });
    }
}

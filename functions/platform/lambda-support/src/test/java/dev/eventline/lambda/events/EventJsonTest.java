package dev.eventline.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Queue events and batch responses in Lambda's own member names, both ways. */
class EventJsonTest {
    private static final String SQS_EVENT = """
            {"Records":[{"messageId":"m-1","receiptHandle":"rh-1","body":"{\\"a\\":1}",
              "attributes":{"ApproximateReceiveCount":"2","SentTimestamp":"1764496000000"},
              "messageAttributes":{"kind":{"stringValue":"shipped","binaryValue":null,"stringListValues":[],
                "binaryListValues":[],"dataType":"String"},
                "raw":{"binaryValue":"AQI=","stringListValues":[],"binaryListValues":[],"dataType":"Binary"}},
              "md5OfBody":"0f0f","md5OfMessageAttributes":null,"eventSource":"aws:sqs",
              "eventSourceARN":"arn:aws:sqs:us-east-1:123456789012:q","awsRegion":"us-east-1",
              "aMemberLambdaMayAddOneDay":true}]}
            """;

    @Test
    void a_queue_event_is_read_with_the_members_lambda_sends() {
        QueueEvent event = EventJson.queueEvent(SQS_EVENT);

        assertThat(event.records()).singleElement().satisfies(message -> {
            assertThat(message.messageId()).isEqualTo("m-1");
            assertThat(message.body()).isEqualTo("{\"a\":1}");
            assertThat(message.attribute("ApproximateReceiveCount")).isEqualTo("2");
            assertThat(message.eventSourceARN()).isEqualTo("arn:aws:sqs:us-east-1:123456789012:q");
            assertThat(message.messageAttributes().get("kind").stringValue()).isEqualTo("shipped");
            assertThat(message.messageAttributes().get("raw").binaryValue()).isEqualTo("AQI=");
        });
        assertThat(EventJson.queueEvent(EventJson.toJson(event))).isEqualTo(event);
    }

    @Test
    void a_queue_event_without_records_has_an_empty_batch() {
        assertThat(EventJson.queueEvent("{}").records()).isEmpty();
    }

    @Test
    void a_batch_response_is_written_as_lambda_reads_it() {
        assertThat(EventJson.toJson(BatchResponse.failed(List.of("21", "m-2"))))
                .isEqualTo("{\"batchItemFailures\":[{\"itemIdentifier\":\"21\"},{\"itemIdentifier\":\"m-2\"}]}");
        assertThat(EventJson.toJson(BatchResponse.allDone())).isEqualTo("{\"batchItemFailures\":[]}");
        assertThat(EventJson.batchResponse("{\"batchItemFailures\":[{\"itemIdentifier\":\"21\"}]}"))
                .isEqualTo(BatchResponse.failed(List.of("21")));
    }

    @Test
    void what_is_not_json_is_refused() {
        assertThatThrownBy(() -> EventJson.queueEvent("not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.queueEvent("null")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventJson.batchResponse("{\"batchItemFailures\":3}"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

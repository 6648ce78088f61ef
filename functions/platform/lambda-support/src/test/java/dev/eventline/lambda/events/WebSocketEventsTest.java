package dev.eventline.lambda.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebSocketEventsTest {
    private static final String MESSAGE = """
            {"requestContext":{"routeKey":"$default","messageId":"m-1","eventType":"MESSAGE",
             "extendedRequestId":"x","requestTime":"01/Jan/2026:00:00:00 +0000","messageDirection":"IN",
             "stage":"prod","connectedAt":1767225590000,"requestTimeEpoch":1767225600000,
             "requestId":"r-1","domainName":"abc.execute-api.eu-west-1.amazonaws.com",
             "connectionId":"conn-1","apiId":"abc",
             "authorizer":{"principalId":"c-1","scopes":"eventline/staff","integrationLatency":12}},
             "body":"{\\"action\\":\\"subscribe\\"}","isBase64Encoded":false}
            """;

    @Test
    void a_message_route_event_gives_the_parts_the_push_function_reads() {
        WebSocketEvent event = WebSocketEvents.fromJson(MESSAGE);

        assertThat(event.requestContext().routeKey()).isEqualTo("$default");
        assertThat(event.requestContext().eventType()).isEqualTo("MESSAGE");
        assertThat(event.requestContext().connectionId()).isEqualTo("conn-1");
        assertThat(event.requestContext().requestTimeEpoch()).isEqualTo(1_767_225_600_000L);
        assertThat(event.requestContext().authorizer())
                .containsEntry("principalId", "c-1")
                .containsEntry("scopes", "eventline/staff")
                .containsEntry("integrationLatency", 12);
        assertThat(event.body()).isEqualTo("{\"action\":\"subscribe\"}");
        assertThat(WebSocketEvents.fromJson(WebSocketEvents.toJson(event))).isEqualTo(event);
    }

    @Test
    void a_connect_event_has_no_body_and_the_answer_no_body_member_when_it_has_none() {
        WebSocketEvent connect =
                WebSocketEvents.fromJson("{\"requestContext\":{\"routeKey\":\"$connect\",\"connectionId\":\"c\"}}");
        assertThat(connect.body()).isNull();
        assertThat(connect.requestContext().authorizer()).isNull();

        assertThat(WebSocketEvents.toJson(new WebSocketResponse(200, null))).isEqualTo("{\"statusCode\":200}");
        WebSocketResponse reply = new WebSocketResponse(200, "{\"type\":\"subscribed\"}");
        assertThat(WebSocketEvents.responseFromJson(WebSocketEvents.toJson(reply)))
                .isEqualTo(reply);
    }

    @Test
    void what_is_not_a_json_object_is_refused() {
        assertThatThrownBy(() -> WebSocketEvents.fromJson("[]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSocketEvents.fromJson("{")).isInstanceOf(IllegalArgumentException.class);
    }
}

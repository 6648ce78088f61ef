package dev.eventline.ordering.commandapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.WithEmulator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * What the Lambda runtime calls: a {@link RequestStreamHandler} (preferred by the runtime over the
 * typed entry point) given the raw API Gateway payload 2.0 bytes, here the sample payloads from
 * {@code events-samples/}, answering the raw response JSON. The runtime's own event serializer, which
 * would need Joda-Time in the jar, is not on this path, and Joda-Time is not on this module's class
 * path (the jar's contents) at all.
 */
@WithEmulator
class RuntimeEntryPointTest {
    private final CommandApiHandler handler;

    RuntimeEntryPointTest(Emulator emulator) {
        this.handler = new CommandApiHandler(new LambdaEnvironment(emulator.environmentOf(CommandApiHandler.class)));
    }

    @Test
    void the_handler_is_the_stream_handler_the_runtime_prefers() {
        assertThat(handler).isInstanceOf(RequestStreamHandler.class);
    }

    @Test
    void a_sample_place_order_payload_places_the_order_and_the_next_sample_adds_to_it() throws IOException {
        Response placed = invoke(Samples.text("api/orders/place-order.json")).assertCommand(201, 1, "OrderPlaced");

        invoke(Samples.text("api/orders/add-item.json").replace(ApiSamples.ORDER_ID, placed.orderId()))
                .assertCommand(200, 2, "ItemAdded");
    }

    @Test
    void a_sample_refusal_answers_its_problem_through_the_same_entry_point() throws IOException {
        invoke(Samples.text("api/orders/malformed-json.json").replace(ApiSamples.ORDER_ID, "o-1"))
                .assertProblem(400, "bad-request");
    }

    @Test
    void joda_time_is_not_on_the_class_path_of_the_function() {
        assertThatThrownBy(() -> Class.forName("org.joda.time.DateTime")).isInstanceOf(ClassNotFoundException.class);
    }

    private Response invoke(String payload) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return Response.of(ApiGatewayEvents.responseFromJson(out.toString(StandardCharsets.UTF_8)));
    }
}

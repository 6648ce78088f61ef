package dev.eventline.bench.jmh;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.schemas.EventJson;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.ordering.OrderingUpcasters;
import dev.eventline.testsupport.Samples;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * An old stored event read today: OrderPlaced v1 (decimal-string prices) from {@code events-samples/}, lifted to
 * v2 by the registered upcaster chain alone, and decoded end to end (parse, upcast, map) as every reader does.
 */
@State(Scope.Benchmark)
public class UpcastBenchmark {
    private EventSchemas schemas;
    private OrderEventCodec codec;
    private JsonNode v1;
    private RecordedEvent storedV1;

    @Setup
    public void setUp() {
        schemas = EventSchemas.forContext(OrderingUpcasters.CONTEXT, OrderingUpcasters.upcasters());
        codec = new OrderEventCodec(schemas);
        String sample = Samples.text("schemas/ordering/OrderPlaced/v1.json");
        v1 = EventJson.parseObject(sample);
        storedV1 = new RecordedEvent(
                "ord-1001", 1, "evt-1", "OrderPlaced", 1, sample, OrderStreams.METADATA, OrderStreams.T0);
    }

    @Benchmark
    public JsonNode order_placed_v1_upcast() {
        return schemas.upcast("OrderPlaced", 1, v1);
    }

    @Benchmark
    public OrderEvent order_placed_v1_decode() {
        return codec.decode(storedV1);
    }
}

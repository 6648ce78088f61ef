package dev.eventline.ordering.queryapi;

import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.NewEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.eventstore.testkit.MutableClock;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.projector.ProjectionHandler;
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.StreamTail;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.http.ApiGateway;
import dev.eventline.testsupport.http.ApiResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The query API and the projector against the emulator, with a clock the test moves, handed to
 * all three: appends are stamped with it (time travel needs known {@code recordedAt}s), the
 * projector stamps and measures lag with it, and the query API's polling sleeps on it, so waiting
 * for the projection takes no real time. {@link #whileWaiting} runs during such a sleep, which is
 * how a test lets the projector catch up while a query waits. It starts at the real time, as the
 * emulator's stream records do.
 */
final class QueryApiHarness {
    final Emulator emulator;
    /** Signs as the command API does (same local key): a token of a write the test appended itself. */
    final ConsistencyTokens tokens;

    final MutableClock clock = MutableClock.startingNow();
    final DynamoDbEventStore store;
    final QueryApiHandler api;
    private final ApiGateway gateway;
    final ProjectionHandler projector;
    final StreamTail tail;
    final List<String> metricLines = new CopyOnWriteArrayList<>();
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    Runnable whileWaiting = () -> {};
    private final EventCodec<OrderEvent> codec = new OrderEventCodec();

    QueryApiHarness(Emulator emulator) {
        this.emulator = emulator;
        this.tokens = emulator.consistencyTokens(QueryApiHandler.class);
        LambdaEnvironment env = new LambdaEnvironment(emulator.environmentOf(QueryApiHandler.class));
        this.store = new DynamoDbEventStore(emulator.dynamoDb(), env.require("EVENTS_TABLE"), "unused", clock);
        this.tail = new StreamTail(emulator.streams(), emulator.resources().streamArn(env.require("EVENTS_TABLE")));
        tail.skipToEnd();
        Observability observability = new Observability(
                StructuredLogger.create("ordering-query-api", StructuredLogger.Level.INFO, line -> {}, clock),
                new EmfMetrics("Eventline/test", "ordering-query-api", metricLines::add, clock, true),
                Tracing.disabled());
        this.api = new QueryApiHandler(env, new AwsClients(env), codec, clock, observability, duration -> {
            sleeps.add(duration);
            clock.advance(duration);
            whileWaiting.run();
        });
        this.gateway = ApiGateway.deploying(api.routes());
        LambdaEnvironment projectorEnv = new LambdaEnvironment(emulator.environmentOf(ProjectionHandler.class));
        this.projector = new ProjectionHandler(projectorEnv, new AwsClients(projectorEnv), clock);
    }

    static String newId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Appends each event as its own command would, one second apart on the test clock. */
    List<RecordedEvent> append(List<OrderEvent> events) {
        List<RecordedEvent> appended = new ArrayList<>();
        for (OrderEvent event : events) {
            String streamId = OrderCommands.streamId(event.orderId());
            long version = store.readAfter(streamId, 0).size();
            clock.advance(Duration.ofSeconds(1));
            EventCodec.EncodedEvent encoded = codec.encode(event);
            String commandId = UUID.randomUUID().toString();
            appended.addAll(store.append(
                            streamId,
                            version,
                            List.of(new NewEvent(
                                    UUID.randomUUID().toString(),
                                    encoded.type(),
                                    encoded.schemaVersion(),
                                    encoded.data(),
                                    new EventMetadata(
                                            commandId,
                                            "corr-" + event.orderId(),
                                            commandId,
                                            null,
                                            "tester",
                                            clock.instant()))))
                    .events());
        }
        return appended;
    }

    /** Runs the projector over everything appended since the last call. */
    void project() {
        StreamEvent batch = SdkRecords.toStreamEvent(tail.poll(), tail.streamArn());
        if (!batch.records().isEmpty()) {
            var response = projector.handleRequest(batch, null);
            if (!response.batchItemFailures().isEmpty()) {
                throw new AssertionError("projection failed: " + response.batchItemFailures());
            }
        }
    }

    Response get(String path) {
        return get(path, Map.of(), Map.of());
    }

    Response get(String path, Map<String, String> query) {
        return get(path, query, Map.of());
    }

    /** A GET built from the sample event {@code events-samples/api/http-api/get-order.json}. */
    Response get(String path, Map<String, String> query, Map<String, String> headers) {
        HttpApiEvent event = ApiGatewayEvents.fromJson(Samples.text("api/http-api/get-order.json"))
                .withPath(path)
                .withQuery(query.isEmpty() ? null : new LinkedHashMap<>(query), null);
        Map<String, String> allHeaders = new LinkedHashMap<>(event.headers());
        allHeaders.remove("if-none-match");
        headers.forEach((name, value) -> allHeaders.put(name.toLowerCase(java.util.Locale.ROOT), value));
        event = event.withHeaders(allHeaders);
        return new Response(api.handleRequest(gateway.route(event), null));
    }

    /** A sample of {@code events-samples/api/queries/}, {@code {{orderId}}} replaced. */
    Response send(String sample, String orderId) {
        return new Response(api.handleRequest(
                gateway.route(ApiGatewayEvents.fromJson(
                        Samples.text("api/queries/" + sample + ".json").replace("{{orderId}}", orderId))),
                null));
    }

    /** A response with its headers looked up case-insensitively and its body as JSON. */
    static final class Response extends ApiResponse<Response> {
        Response(HttpApiResponse raw) {
            super(raw);
        }
    }
}

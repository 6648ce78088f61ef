package dev.eventline.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.ordering.commandapi.CommandApiHandler;
import dev.eventline.testsupport.Samples;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import dev.eventline.testsupport.capacity.CapacityMeter;
import dev.eventline.testsupport.capacity.CapacityMeter.Usage;
import java.time.Clock;
import java.util.Arrays;
import java.util.UUID;

/**
 * What crypto-shredding costs a command: the requests (KMS and the keys table) and the latency of
 * placing an order with the customer's contact, for a customer seen for the first time
 * ({@code GenerateDataKey}) and for a known one ({@code Decrypt}: keys are cached per request, never
 * per container), against the same placement without a contact. Against moto, whose KMS answers in
 * process: the latency difference is the client's work and one round trip, not AWS KMS's.
 *
 * <p>{@code mvn -pl functions/tooling/benchmarks exec:java@personal-data} (after {@code make build}).
 */
public final class PersonalDataBenchmark {
    private static final int COMMANDS = 200;

    private final LambdaEnvironment env;
    private final CapacityMeter meter = new CapacityMeter();

    private PersonalDataBenchmark(LambdaEnvironment env) {
        this.env = env;
    }

    public static void main(String[] args) throws Exception {
        try (MotoServer moto = MotoServer.start()) {
            AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
            LocalResources resources = BenchStack.provision(endpoint);
            LambdaEnvironment env =
                    new LambdaEnvironment(endpoint.lambdaEnvironment(resources.environmentOf(CommandApiHandler.class)));
            new PersonalDataBenchmark(env).run();
        }
    }

    private void run() {
        CommandApiHandler handler =
                new CommandApiHandler(env, new AwsClients(env, meter), Clock.systemUTC(), line -> {});
        handler.handleRequest(place(null), null); // warm-up
        row("place order, no contact", handler, () -> place(null));
        row("place order with contact, new customer", handler, () -> place("bench-" + UUID.randomUUID()));
        String known = "bench-known";
        handler.handleRequest(place(known), null);
        row("place order with contact, known customer", handler, () -> place(known));
    }

    private void row(
            String scenario, CommandApiHandler handler, java.util.function.Supplier<APIGatewayV2HTTPEvent> next) {
        long[] nanos = new long[COMMANDS];
        Usage before = meter.usage();
        for (int i = 0; i < COMMANDS; i++) {
            APIGatewayV2HTTPEvent event = next.get();
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            nanos[i] = System.nanoTime() - start;
            if (response.getStatusCode() != 201) {
                throw new IllegalStateException("benchmark command failed: " + response.getBody());
            }
        }
        Usage used = meter.usage().minus(before);
        Arrays.sort(nanos);
        double p50 = nanos[COMMANDS / 2] / 1e6;
        double p99 = nanos[(int) (COMMANDS * 0.99)] / 1e6;
        System.out.printf(
                "%-45s requests/command %.2f %s  p50 %.2f ms  p99 %.2f ms%n",
                scenario, used.requests() / (double) COMMANDS, used.requestsByOperation(), p50, p99);
        BenchResults.shared()
                .record(BenchRow.of("personal-data: " + scenario + " (" + COMMANDS + " commands, per command)")
                        .capacity(
                                used.requests() / (double) COMMANDS,
                                used.readUnits() / COMMANDS,
                                used.writeUnits() / COMMANDS,
                                used.itemsRead() / (double) COMMANDS)
                        .latency(p50, p99));
    }

    private static APIGatewayV2HTTPEvent place(String customerWithContact) {
        if (customerWithContact == null) {
            return ApiGatewayEvents.fromJson(Samples.text("api/orders/place-order.json"));
        }
        APIGatewayV2HTTPEvent event =
                ApiGatewayEvents.fromJson(Samples.text("api/orders/place-order-with-customer.json"));
        event.setBody(event.getBody().replace("\"c-1\"", "\"" + customerWithContact + "\""));
        // the customer places their own order: their contact is sealed under their own data key
        return ApiGatewayEvents.withCaller(event, customerWithContact);
    }
}

package dev.eventline.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Command → WebSocket push through the local stack ({@code make up}'s start, own moto): one
 * customer subscribes to each new order over {@code ws://}, confirms it through the HTTP API, and the
 * figure is the time from the command's response to the {@code OrderConfirmed} frame arriving.
 * Not a test: a measurement of the local stack on this machine, printed as percentiles and appended
 * to {@code target/bench-results.jsonl}.
 *
 * <p>{@code mvn -q -pl localstack exec:java@push-benchmark -Dexec.args="30"}
 */
public final class PushBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PER_PUSH = Duration.ofSeconds(10);

    private PushBenchmark() {}

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Clock clock = Clock.systemUTC();
        String customer = "bench-" + UUID.randomUUID();
        String bearer = Callers.bearer(clock, customer);
        List<Long> latencies = new ArrayList<>();
        try (LocalStack.Running stack = LocalStack.start(Map.of("PORT", "0"), clock)) {
            OrdersApi api = new OrdersApi(stack.runtime().httpUri(), bearer);
            URI ws = URI.create(
                    stack.push().orElseThrow().webSocketUri() + "?token=" + bearer.substring("Bearer ".length()));
            Frames frames = new Frames();
            WebSocket socket = HttpClient.newHttpClient()
                    .newWebSocketBuilder()
                    .buildAsync(ws, frames)
                    .join();
            for (int i = 0; i < count; i++) {
                String streamId = "Order-" + OrdersApi.orderIdOf(api.place(customer));
                socket.sendText("{\"action\":\"subscribe\",\"streamId\":\"" + streamId + "\"}", true)
                        .join();
                frames.await(m -> m.path("type").asText().equals("subscribed"));
                OrdersApi.Answer confirmed = api.command(streamId.substring("Order-".length()), "confirm", null);
                long answered = System.nanoTime();
                frames.await(m -> m.path("type").asText().equals("OrderConfirmed")
                        && m.path("streamId").asText().equals(streamId)
                        && m.path("version").asLong() == confirmed.version());
                latencies.add((System.nanoTime() - answered) / 1_000_000);
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
        report(count, latencies);
    }

    /** Every text frame, in arrival order. */
    private static final class Frames implements WebSocket.Listener {
        private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    received.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        /** Skips frames until one matches; fails the run when none does within {@link #PER_PUSH}. */
        void await(java.util.function.Predicate<JsonNode> wanted) throws InterruptedException {
            long deadline = System.nanoTime() + PER_PUSH.toNanos();
            while (true) {
                long left = deadline - System.nanoTime();
                JsonNode frame = left > 0 ? received.poll(left, TimeUnit.NANOSECONDS) : null;
                if (frame == null) {
                    throw new IllegalStateException("no matching frame within " + PER_PUSH);
                }
                if (wanted.test(frame)) {
                    return;
                }
            }
        }
    }

    private static void report(int count, List<Long> latencies) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf("%ncommand -> WebSocket push (local stack), %d commands%n", count);
        System.out.printf(
                "observed %d   p50 %d ms   p90 %d ms   p99 %d ms   max %d ms%n",
                sorted.size(),
                percentile(sorted, 50),
                percentile(sorted, 90),
                percentile(sorted, 99),
                sorted.isEmpty() ? 0 : sorted.getLast());
        BenchResults.shared()
                .record(BenchRow.of("command -> WebSocket push (local), " + count + " commands")
                        .latency(percentile(sorted, 50), percentile(sorted, 99)));
    }

    private static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}

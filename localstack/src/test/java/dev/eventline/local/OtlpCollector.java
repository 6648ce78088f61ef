package dev.eventline.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A local OTLP/HTTP trace receiver, as the collector extension is in Lambda: the functions' exporters
 * post {@code ExportTraceServiceRequest}s in protobuf to {@code /v1/traces}, and it keeps the spans.
 * It reads the few fields a trace test needs straight from the wire format (field numbers of
 * opentelemetry-proto's {@code trace.proto}), so the test needs no generated classes.
 */
final class OtlpCollector implements AutoCloseable {
    record ReceivedSpan(
            String service,
            String traceId,
            String spanId,
            String parentSpanId,
            String name,
            Map<String, String> attributes,
            List<ReceivedLink> links) {}

    record ReceivedLink(String traceId, String spanId, Map<String, String> attributes) {}

    private static final HexFormat HEX = HexFormat.of();

    private final HttpServer server;
    private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

    private OtlpCollector(HttpServer server) {
        this.server = server;
    }

    static OtlpCollector start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OtlpCollector collector = new OtlpCollector(server);
            server.createContext("/v1/traces", exchange -> {
                try (exchange) {
                    collector.spans.addAll(request(exchange.getRequestBody().readAllBytes()));
                    exchange.sendResponseHeaders(200, -1);
                } catch (RuntimeException malformed) {
                    exchange.sendResponseHeaders(400, -1);
                }
            });
            server.start();
            return collector;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String tracesEndpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/traces";
    }

    List<ReceivedSpan> spans() {
        return List.copyOf(spans);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static List<ReceivedSpan> request(byte[] body) {
        List<ReceivedSpan> received = new ArrayList<>();
        for (Field resourceSpans : fields(body)) {
            if (resourceSpans.number() != 1) {
                continue;
            }
            String service = null;
            List<byte[]> spanBytes = new ArrayList<>();
            for (Field field : fields(resourceSpans.bytes())) {
                if (field.number() == 1) {
                    service = attributes(fields(field.bytes()), 1).get("service.name");
                } else if (field.number() == 2) {
                    fields(field.bytes()).stream().filter(f -> f.number() == 2).forEach(f -> spanBytes.add(f.bytes()));
                }
            }
            for (byte[] span : spanBytes) {
                received.add(span(service, span));
            }
        }
        return received;
    }

    private static ReceivedSpan span(String service, byte[] bytes) {
        List<Field> fields = fields(bytes);
        List<ReceivedLink> links = new ArrayList<>();
        for (Field field : fields) {
            if (field.number() == 13) {
                List<Field> link = fields(field.bytes());
                links.add(new ReceivedLink(hex(link, 1), hex(link, 2), attributes(link, 4)));
            }
        }
        return new ReceivedSpan(
                service,
                hex(fields, 1),
                hex(fields, 2),
                hex(fields, 4),
                string(fields, 5),
                attributes(fields, 9),
                links);
    }

    /** KeyValue fields numbered {@code number}; string values only (all a test compares). */
    private static Map<String, String> attributes(List<Field> fields, int number) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Field field : fields) {
            if (field.number() == number) {
                List<Field> keyValue = fields(field.bytes());
                String key = string(keyValue, 1);
                keyValue.stream()
                        .filter(f -> f.number() == 2)
                        .findFirst()
                        .map(value -> string(fields(value.bytes()), 1))
                        .ifPresent(value -> attributes.put(key, value));
            }
        }
        return attributes;
    }

    private static String hex(List<Field> fields, int number) {
        return fields.stream()
                .filter(f -> f.number() == number)
                .findFirst()
                .map(f -> HEX.formatHex(f.bytes()))
                .orElse("");
    }

    private static String string(List<Field> fields, int number) {
        return fields.stream()
                .filter(f -> f.number() == number && f.bytes() != null)
                .findFirst()
                .map(f -> new String(f.bytes(), StandardCharsets.UTF_8))
                .orElse(null);
    }

    /** A length-delimited field's bytes; null for the other wire types, which are skipped. */
    private record Field(int number, byte[] bytes) {}

    private static List<Field> fields(byte[] message) {
        List<Field> fields = new ArrayList<>();
        int[] position = {0};
        while (position[0] < message.length) {
            long tag = varint(message, position);
            int number = (int) (tag >>> 3);
            switch ((int) (tag & 7)) {
                case 0 -> varint(message, position);
                case 1 -> position[0] += 8;
                case 5 -> position[0] += 4;
                case 2 -> {
                    int length = (int) varint(message, position);
                    byte[] bytes = new byte[length];
                    System.arraycopy(message, position[0], bytes, 0, length);
                    position[0] += length;
                    fields.add(new Field(number, bytes));
                }
                default -> throw new IllegalArgumentException("unsupported wire type in tag " + tag);
            }
        }
        return fields;
    }

    private static long varint(byte[] message, int[] position) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = message[position[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 64 bits");
    }
}

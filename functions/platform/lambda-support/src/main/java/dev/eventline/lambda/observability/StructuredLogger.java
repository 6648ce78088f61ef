package dev.eventline.lambda.observability;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.lambda.LambdaEnvironment;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * One JSON object per line on stdout, so CloudWatch Logs Insights can filter on any key
 * ({@code level}, {@code message}, {@code service}, {@code correlationId}, {@code eventId}, ...).
 *
 * <p>Loggers are immutable: {@link #with} returns a child that adds a field to every line it writes,
 * so a per-record logger carries the record's correlation and event ids on every line without any
 * thread-local (MDC) state that parallel work could mix up. A stack trace is one JSON string, never
 * extra lines. {@code POWERTOOLS_LOG_LEVEL} (or Lambda's {@code AWS_LAMBDA_LOG_LEVEL}) sets the level,
 * default {@code INFO}.
 */
public final class StructuredLogger {

    public enum Level {
        DEBUG,
        INFO,
        WARN,
        ERROR
    }

    private final Map<String, Object> fields;
    private final Level threshold;
    private final Consumer<String> sink;
    private final Clock clock;

    private StructuredLogger(Map<String, Object> fields, Level threshold, Consumer<String> sink, Clock clock) {
        this.fields = fields;
        this.threshold = threshold;
        this.sink = sink;
        this.clock = clock;
    }

    public static StructuredLogger create(String service, Level threshold, Consumer<String> sink, Clock clock) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("service", Objects.requireNonNull(service, "service"));
        return new StructuredLogger(Map.copyOf(fields), threshold, sink, clock);
    }

    /** Writing to stdout, service and level from the function's environment. */
    public static StructuredLogger fromEnvironment(LambdaEnvironment env, Clock clock) {
        Level level = env.optional("POWERTOOLS_LOG_LEVEL")
                .or(() -> env.optional("AWS_LAMBDA_LOG_LEVEL"))
                .map(StructuredLogger::parseLevel)
                .orElse(Level.INFO);
        return create(EmfMetrics.serviceName(env), level, System.out::println, clock);
    }

    private static Level parseLevel(String value) {
        String upper = value.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "TRACE", "DEBUG" -> Level.DEBUG;
            case "WARN", "WARNING" -> Level.WARN;
            case "ERROR", "FATAL" -> Level.ERROR;
            default -> Level.INFO;
        };
    }

    /** A logger adding {@code key} to every line; a null value leaves the field out. */
    public StructuredLogger with(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(fields);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new StructuredLogger(copy, threshold, sink, clock);
    }

    public boolean isEnabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public void debug(String message) {
        log(Level.DEBUG, message, null, Map.of());
    }

    public void info(String message) {
        log(Level.INFO, message, null, Map.of());
    }

    public void info(String message, Map<String, ?> extra) {
        log(Level.INFO, message, null, extra);
    }

    public void warn(String message) {
        log(Level.WARN, message, null, Map.of());
    }

    public void warn(String message, Throwable error) {
        log(Level.WARN, message, error, Map.of());
    }

    public void error(String message, Throwable error) {
        log(Level.ERROR, message, error, Map.of());
    }

    public void log(Level level, String message, Throwable error, Map<String, ?> extra) {
        if (!isEnabled(level)) {
            return;
        }
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode line = nodes.objectNode();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level.name());
        line.put("message", message);
        fields.forEach((k, v) -> line.set(k, value(v)));
        extra.forEach((k, v) -> {
            if (v != null) {
                line.set(k, value(v));
            }
        });
        if (error != null) {
            ObjectNode e = line.putObject("error");
            e.put("type", error.getClass().getName());
            e.put("message", String.valueOf(error.getMessage()));
            StringWriter stack = new StringWriter();
            error.printStackTrace(new PrintWriter(stack));
            e.put("stack", stack.toString());
        }
        sink.accept(line.toString());
    }

    private static com.fasterxml.jackson.databind.JsonNode value(Object v) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (v) {
            case null -> nodes.nullNode();
            case Integer i -> nodes.numberNode(i);
            case Long l -> nodes.numberNode(l);
            case Double d -> nodes.numberNode(d);
            case Boolean b -> nodes.booleanNode(b);
            case com.fasterxml.jackson.databind.JsonNode json -> json;
            default -> nodes.textNode(v.toString());
        };
    }
}

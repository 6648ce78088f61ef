package dev.eventline.lambda;

import java.util.Map;
import java.util.Optional;

/**
 * A function's configuration: the environment variables Lambda sets from the CDK template. Handlers
 * take one in a constructor so the local runtime and tests can pass the template's values explicitly,
 * while the no-argument constructor Lambda calls reads {@link System#getenv()}.
 */
public record LambdaEnvironment(Map<String, String> variables) {
    public LambdaEnvironment {
        variables = Map.copyOf(variables);
    }

    public static LambdaEnvironment fromSystem() {
        return new LambdaEnvironment(System.getenv());
    }

    /** A required variable; missing configuration fails the cold start loudly, naming the variable. */
    public String require(String name) {
        String value = variables.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("missing environment variable " + name);
        }
        return value;
    }

    public Optional<String> optional(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    public int intOr(String name, int fallback) {
        return optional(name).map(Integer::parseInt).orElse(fallback);
    }

    /** The X-Ray trace header of the current invocation, when tracing is active. */
    public static Optional<String> traceHeader() {
        return Optional.ofNullable(System.getProperty("com.amazonaws.xray.traceHeader"))
                .or(() -> Optional.ofNullable(System.getenv("_X_AMZN_TRACE_ID")))
                .filter(v -> !v.isBlank());
    }
}

package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The template's functions, each built once from its handler class and the environment the
 * template gives it (resource names already resolved to the local ones), pointed at the emulator.
 * A handler class missing from the classpath, or one whose cold start fails, stops the start with
 * every such function named: a stack that came up without one of its functions would look healthy
 * while its routes answered 503 and its stream's records waited (the explorer once went missing so).
 */
public final class LocalFunctions {
    private final Map<String, LocalFunction> byName;

    private LocalFunctions(Map<String, LocalFunction> byName) {
        this.byName = Map.copyOf(byName);
    }

    /**
     * @param overrides extra variables per function name (e.g. a test's failure switch), applied
     *                  over the template's
     * @param clock     the runtime's; the handlers themselves are built as Lambda builds them, on the system clock
     */
    public static LocalFunctions create(
            Topology topology, AwsEndpoint endpoint, Map<String, Map<String, String>> overrides, Clock clock) {
        Map<String, LocalFunction> functions = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        for (FunctionSpec spec : topology.functions()) {
            Map<String, String> variables = new LinkedHashMap<>(spec.environment());
            variables.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
            variables.putAll(overrides.getOrDefault(spec.functionName(), Map.of()));
            instantiate(spec, new LambdaEnvironment(endpoint.lambdaEnvironment(variables)))
                    .ifPresentOrElse(
                            handler -> functions.put(spec.functionName(), new LocalFunction(spec, handler, clock)),
                            () -> failed.add(spec.functionName()));
        }
        if (!failed.isEmpty()) {
            throw new IllegalStateException(
                    "these functions of the template cannot run locally (reasons logged above): "
                            + String.join(", ", failed));
        }
        return new LocalFunctions(functions);
    }

    public Optional<LocalFunction> function(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public Map<String, LocalFunction> all() {
        return byName;
    }

    @SuppressWarnings("unchecked")
    static Optional<RequestHandler<Object, Object>> instantiate(FunctionSpec spec, LambdaEnvironment env) {
        try {
            Class<?> type = Class.forName(spec.handlerClass());
            if (!RequestHandler.class.isAssignableFrom(type)) {
                return skip(spec, "is not a RequestHandler");
            }
            Constructor<?> constructor = type.getConstructor(LambdaEnvironment.class);
            return Optional.of((RequestHandler<Object, Object>) constructor.newInstance(env));
        } catch (ClassNotFoundException e) {
            return skip(spec, "is not on the classpath (module not built yet?)");
        } catch (NoSuchMethodException e) {
            return skip(spec, "has no public constructor taking a LambdaEnvironment");
        } catch (InvocationTargetException e) {
            return skip(spec, "failed its cold start: " + e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            return skip(spec, "cannot be instantiated: " + e);
        }
    }

    private static Optional<RequestHandler<Object, Object>> skip(FunctionSpec spec, String why) {
        LocalLog.warn("skipping function " + spec.functionName() + ": handler " + spec.handlerClass() + " " + why);
        return Optional.empty();
    }
}

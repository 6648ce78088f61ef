package dev.eventline.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import dev.eventline.streams.StreamRedrive;
import java.time.Clock;
import java.util.Optional;

/**
 * One function of the template, running in this JVM: the handler instance Lambda would create in
 * a container. The local runtime keeps a single instance per function and may call it from several
 * threads at once (the HTTP server), where Lambda would give each concurrent request its own
 * container; the handlers hold only clients and immutable configuration, so that is safe.
 */
public final class LocalFunction {
    static final String ACCOUNT = "123456789012";
    static final String REGION = "us-east-1";

    private final FunctionSpec spec;
    private final RequestHandler<Object, Object> handler;
    private final Clock clock;

    /** @param clock the runtime's, for the invocation deadline Lambda's context reports */
    LocalFunction(FunctionSpec spec, RequestHandler<Object, Object> handler, Clock clock) {
        this.spec = spec;
        this.handler = handler;
        this.clock = clock;
    }

    public String name() {
        return spec.functionName();
    }

    public FunctionSpec spec() {
        return spec;
    }

    /** Invokes the handler in process, as Lambda's runtime would, with a fresh context. */
    public Object invoke(Object event) {
        return handler.handleRequest(event, LocalContext.forInvocation(spec.functionName(), clock));
    }

    /** Redrive by stream and version, when the handler offers it (every stream consumer's does). */
    public Optional<StreamRedrive> redrive() {
        return handler instanceof StreamRedrive redrive ? Optional.of(redrive) : Optional.empty();
    }

    public String arn() {
        return arn(spec.functionName());
    }

    static String arn(String functionName) {
        return "arn:aws:lambda:" + REGION + ":" + ACCOUNT + ":function:" + functionName;
    }
}

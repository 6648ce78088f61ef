package dev.eventline.lambda.observability;

import com.amazonaws.xray.AWSXRay;
import com.amazonaws.xray.AWSXRayRecorder;
import com.amazonaws.xray.entities.Subsegment;
import com.amazonaws.xray.strategy.IgnoreErrorContextMissingStrategy;
import dev.eventline.lambda.LambdaEnvironment;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * X-Ray subsegments with annotations (indexed, searchable: {@code annotation.correlationId = "..."}).
 *
 * <p>Lambda's own segment is a facade that cannot be annotated, so annotations go on a subsegment
 * opened around the work. Outside Lambda (tests, the local runtime) or without active tracing there
 * is no segment: then this is a no-op, never an exception. Two guards make sure of that: tracing is
 * only enabled when Lambda says so ({@code AWS_XRAY_DAEMON_ADDRESS} is set with active tracing), and
 * the recorder's context-missing strategy is set to ignore, so a missing segment is silently skipped.
 */
public final class Tracing {
    /** X-Ray drops annotations whose key is not alphanumeric or underscore. */
    private static final Pattern ANNOTATION_KEY = Pattern.compile("[A-Za-z0-9_]{1,500}");

    private static final int MAX_ANNOTATION_VALUE = 1000;

    private final AWSXRayRecorder recorder; // null: disabled

    private Tracing(AWSXRayRecorder recorder) {
        this.recorder = recorder;
    }

    public static Tracing disabled() {
        return new Tracing(null);
    }

    /** Enabled on the global recorder, configured to ignore a missing segment. */
    public static Tracing enabled() {
        AWSXRayRecorder recorder = AWSXRay.getGlobalRecorder();
        recorder.setContextMissingStrategy(new IgnoreErrorContextMissingStrategy());
        return new Tracing(recorder);
    }

    public static Tracing fromEnvironment(LambdaEnvironment env) {
        return env.optional("AWS_XRAY_DAEMON_ADDRESS").isPresent() ? enabled() : disabled();
    }

    public boolean isEnabled() {
        return recorder != null;
    }

    /**
     * Runs {@code work} in a subsegment carrying {@code annotations} (null values left out); an
     * exception is recorded on the subsegment and rethrown.
     */
    public <T> T inSubsegment(String name, Map<String, String> annotations, Supplier<T> work) {
        if (recorder == null) {
            return work.get();
        }
        Subsegment subsegment = beginQuietly(name);
        try {
            if (subsegment != null) {
                annotations.forEach((key, value) -> annotate(subsegment, key, value));
            }
            return work.get();
        } catch (RuntimeException | Error e) {
            if (subsegment != null) {
                subsegment.addException(e);
            }
            throw e;
        } finally {
            if (subsegment != null) {
                endQuietly();
            }
        }
    }

    public void inSubsegment(String name, Map<String, String> annotations, Runnable work) {
        inSubsegment(name, annotations, () -> {
            work.run();
            return null;
        });
    }

    private Subsegment beginQuietly(String name) {
        try {
            return recorder.beginSubsegment(name);
        } catch (RuntimeException tracingFailure) {
            return null; // tracing must never fail the work it observes
        }
    }

    private void endQuietly() {
        try {
            recorder.endSubsegment();
        } catch (RuntimeException tracingFailure) {
            // same: the work has already completed
        }
    }

    private static void annotate(Subsegment subsegment, String key, String value) {
        if (value == null || !ANNOTATION_KEY.matcher(key).matches()) {
            return;
        }
        subsegment.putAnnotation(
                key, value.length() > MAX_ANNOTATION_VALUE ? value.substring(0, MAX_ANNOTATION_VALUE) : value);
    }
}

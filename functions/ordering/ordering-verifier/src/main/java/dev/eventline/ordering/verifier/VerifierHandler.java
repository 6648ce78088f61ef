package dev.eventline.ordering.verifier;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.ordering.rebuild.Mismatch;
import dev.eventline.ordering.rebuild.OrderReadModelVerifier;
import dev.eventline.ordering.rebuild.VerifyOutcome;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scheduled consistency verifier: an EventBridge schedule invokes it with its (ignored) event; it
 * folds a uniformly random sample of order streams ({@code VERIFY_SAMPLE}, a new draw each run; 0 for every
 * stream) with the rebuild's fold,
 * compares them with the live generation of the order-summary and orders-by-customer items, and
 * reports what differs as the {@value #MISMATCHES} metric, which the stack alarms on. With
 * {@code VERIFY_REPAIR=true} (never in prod: a repair there is an operator's decision, made with
 * {@code eventline verify --repair} after looking) it rewrites each differing item to its fold.
 *
 * <p>The mismatched items are logged by stream id, read model, kind and versions only: a stream id is
 * the order's id, the items' content (customer, amounts) is never logged. A failure of the run itself
 * (throttling, a missing table) is thrown: Lambda counts it as an error, which the function's error
 * alarm reports, and the schedule runs it again.
 */
public final class VerifierHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    public static final String MISMATCHES = "ReadModelMismatches";
    public static final String REPAIRED = "ReadModelItemsRepaired";
    public static final String UNFOLDABLE = "UnfoldableStreams";
    public static final String VERIFIED = "StreamsVerified";
    /** Mismatched items named in the log per run; the metric counts all of them. */
    static final int MAX_LOGGED = 100;

    private final OrderReadModelVerifier verifier;
    private final Observability observability;
    private final Optional<Long> sample;
    private final boolean repair;

    /** The Lambda runtime's constructor. */
    public VerifierHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** The local runtime's constructor (same wiring, the environment given). */
    public VerifierHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    public VerifierHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        this(env, clients, Observability.fromEnvironment(env, clock), clock);
    }

    VerifierHandler(LambdaEnvironment env, AwsClients clients, Observability observability, Clock clock) {
        long sampleSize = Long.parseLong(env.optional("VERIFY_SAMPLE").orElse("1000"));
        if (sampleSize < 0 || sampleSize > OrderReadModelVerifier.MAX_RANDOM_SAMPLE) {
            throw new IllegalArgumentException("VERIFY_SAMPLE is 0 (every stream) to "
                    + OrderReadModelVerifier.MAX_RANDOM_SAMPLE + ", was " + sampleSize);
        }
        this.sample = sampleSize == 0 ? Optional.empty() : Optional.of(sampleSize);
        this.repair = Boolean.parseBoolean(env.optional("VERIFY_REPAIR").orElse("false"));
        this.observability = observability;
        this.verifier = new OrderReadModelVerifier(
                clients.dynamoDb(),
                env.require("EVENTS_TABLE"),
                new GenerationPointers(clients.dynamoDb(), ReadModelTables.fromEnvironment(env), clock),
                clock,
                Math.max(1, env.intOr("VERIFY_SEGMENTS", 2)));
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        VerifyOutcome outcome = verifier.verify(sample, repair, progress -> {});
        EmfMetrics metrics = observability.metrics();
        metrics.count(MISMATCHES, outcome.mismatchCount());
        metrics.count(REPAIRED, outcome.repaired());
        metrics.count(UNFOLDABLE, outcome.unfoldable());
        metrics.count(VERIFIED, outcome.streams());
        metrics.flush();

        List<Mismatch> named = outcome.mismatches().stream().limit(MAX_LOGGED).toList();
        for (Mismatch mismatch : named) {
            observability.log().log(
                    StructuredLogger.Level.WARN,
                    "read model differs from the fold of its stream",
                    null,
                    Map.of(
                            "streamId", mismatch.streamId(),
                            "readModel", mismatch.readModel(),
                            "kind", mismatch.kind().name(),
                            "storedVersion", mismatch.storedVersion(),
                            "foldedVersion", mismatch.foldedVersion(),
                            "repaired", repair));
        }
        var summary = new LinkedHashMap<String, Object>();
        summary.put("generation", outcome.generation());
        summary.put("streams", outcome.streams());
        summary.put("events", outcome.events());
        summary.put("mismatches", outcome.mismatchCount());
        summary.put("repaired", outcome.repaired());
        summary.put("unfoldable", outcome.unfoldable());
        summary.put(
                "mismatchedStreams",
                named.stream().map(Mismatch::streamId).distinct().toList());
        observability.log().info("consistency verified", summary);
        return summary;
    }
}

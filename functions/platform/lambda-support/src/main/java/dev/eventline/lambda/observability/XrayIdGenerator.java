package dev.eventline.lambda.observability;

import io.opentelemetry.api.trace.SpanId;
import io.opentelemetry.api.trace.TraceId;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Trace ids X-Ray accepts: the first 32 bits are the epoch second the trace began (X-Ray rejects
 * a trace id older than 30 days and files traces by that time), the other 96 random. The contrib
 * {@code opentelemetry-aws-xray} generator does the same but is not served by our repository, and
 * it would bring the whole SDK-extension artifact for these few lines.
 */
final class XrayIdGenerator implements IdGenerator {
    private final Clock clock;

    XrayIdGenerator(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String generateSpanId() {
        long id;
        do {
            id = ThreadLocalRandom.current().nextLong();
        } while (id == 0); // the all-zero id is the invalid span id
        return SpanId.fromLong(id);
    }

    @Override
    public String generateTraceId() {
        long epochSeconds = clock.instant().getEpochSecond();
        long high = (epochSeconds << 32) | (ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL);
        return TraceId.fromLongs(high, ThreadLocalRandom.current().nextLong());
    }
}

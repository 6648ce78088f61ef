package dev.eventline.ordering.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The distributed fill run on this machine: the events table exported to S3 and each data file folded
 * by the worker's own code ({@link ExportFileRebuild} through {@link ExportRebuildDriver}), one after
 * another where the state machine runs them side by side. Against the local stack it is what
 * {@code eventline rebuild order-summary --strategy distributed} runs. Progress counts files.
 */
public final class LocalExportFill implements GenerationFill {
    private final ExportRebuildDriver driver;
    private final String bucket;
    private final Duration timeout;
    private final Clock clock;

    /** @param timeout how long to wait for the export */
    public LocalExportFill(ExportRebuildDriver driver, String bucket, Duration timeout, Clock clock) {
        this.driver = driver;
        this.bucket = bucket;
        this.timeout = timeout;
        this.clock = clock;
    }

    @Override
    public RebuildOutcome fill(Job job, Progress.Listener progress) throws InterruptedException {
        Instant started = clock.instant();
        AtomicLong done = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong unfoldableCount = new AtomicLong();
        List<String> unfoldable = new ArrayList<>();
        ExportRebuildDriver.DriverOutcome outcome =
                driver.run(bucket, job.generation(), timeout, job.state(), (file, files) -> {
                    events.addAndGet(file.events());
                    unfoldableCount.addAndGet(file.unfoldable().size());
                    file.unfoldable().stream()
                            .limit(OrderReadModelRebuild.MAX_REPORTED - unfoldable.size())
                            .forEach(unfoldable::add);
                    progress.onProgress(new Progress(
                            done.incrementAndGet(), files, events.get(), Duration.between(started, clock.instant())));
                });
        return new RebuildOutcome(
                job.generation(),
                outcome.streams(),
                outcome.events(),
                unfoldable,
                unfoldableCount.get(),
                Duration.between(started, clock.instant()));
    }
}

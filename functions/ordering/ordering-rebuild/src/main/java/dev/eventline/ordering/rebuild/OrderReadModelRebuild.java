package dev.eventline.ordering.rebuild;

import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.readmodel.GenerationPointer;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelStore;
import dev.eventline.ordering.readmodel.ReadModelTables;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Rebuilds the per-order read models (order summary, orders by customer) from the events table.
 *
 * <ul>
 *   <li>{@link #truncate}: empties the live generation and refolds it in place. Readers see orders
 *       disappear and come back: for dev and small tables.</li>
 *   <li>{@link #blueGreen}: creates generation n+1, announces it in the {@link GenerationPointer}
 *       (from then on the projector writes it too), waits until every cached pointer has seen it,
 *       folds every stream into it, then switches readers to it. Generation n stays written for
 *       {@code grace}, then {@link #retireExpired} drops it. The fill is pluggable
 *       ({@link GenerationFill}): this machine's log scan, or an export to S3 folded file by file. Readers never see an error or an
 *       older version: they read n until the switch, and n+1 holds at least n's versions then.</li>
 * </ul>
 *
 * <p>Both are resumable: the scan's checkpoint file (in {@code checkpointDir}) survives Ctrl-C, and a
 * rerun continues (blue-green with the generation the pointer says is being built).
 */
public final class OrderReadModelRebuild {
    static final int MAX_REPORTED = 100;

    /** Waits out the pointer cache; a parameter so tests with a short cache wait briefly. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final DynamoDbClient dynamoDb;
    private final String eventsTable;
    private final GenerationPointers pointers;
    private final ReadModelStore store;
    private final OrderStreamFold fold;
    private final GenerationTables tables;
    private final Clock clock;
    private final RebuildOptions options;
    private final Sleeper sleeper;

    public OrderReadModelRebuild(
            DynamoDbClient dynamoDb,
            String eventsTable,
            GenerationPointers pointers,
            Clock clock,
            RebuildOptions options,
            Sleeper sleeper) {
        this.dynamoDb = dynamoDb;
        this.eventsTable = eventsTable;
        this.pointers = pointers;
        this.store = new ReadModelStore(dynamoDb, pointers);
        this.fold = new OrderStreamFold(new DynamoDbEventReader(dynamoDb, eventsTable), new OrderEventCodec());
        this.tables = new GenerationTables(dynamoDb);
        this.clock = clock;
        this.options = options;
        this.sleeper = sleeper;
    }

    /** Empties the live generation's tables (once per job, even when resumed) and refolds them. */
    public RebuildOutcome truncate(Progress.Listener progress) {
        GenerationPointer pointer = pointers.read();
        ReadModelTables live = pointers.base().generation(pointer.live());
        ScanCheckpoint checkpoint = checkpoint("truncate-g" + pointer.live());
        if (!checkpoint.passed("truncated")) {
            new TableWipe(dynamoDb, options.segments()).wipe(live);
            checkpoint.pass("truncated");
        }
        RebuildOutcome outcome = replay(live, pointer.live(), checkpoint, progress, this::writeAll);
        checkpoint.clear();
        return outcome;
    }

    /**
     * @throws IllegalStateException when a replaced generation is still in its grace period: retire
     *     it first ({@link #retireExpired}) once the grace has passed
     */
    public RebuildOutcome blueGreen(Progress.Listener progress) throws InterruptedException {
        return blueGreen(logScan(), progress);
    }

    /**
     * The blue-green flow with the new generation filled by {@code fill}: new generation, announced to
     * the projector, filled, switched, the old one retired later. A fill that throws leaves the pointer
     * building the new generation; running again continues with the same generation and checkpoint.
     *
     * @throws IllegalStateException when a replaced generation is still in its grace period
     */
    public RebuildOutcome blueGreen(GenerationFill fill, Progress.Listener progress) throws InterruptedException {
        retireExpired();
        GenerationPointer pointer = pointers.read();
        long target;
        if (pointer.building() > 0) {
            target = pointer.building(); // an interrupted rebuild: continue it
        } else {
            if (pointer.retiring() > 0) {
                throw new IllegalStateException("generation " + pointer.retiring() + " is still retiring until "
                        + pointer.retireAfter() + "; rebuild again after that");
            }
            target = pointer.next();
            ReadModelTables next = pointers.base().generation(target);
            ReadModelTables base = pointers.base();
            tables.createLike(base.orderSummary(), next.orderSummary());
            tables.createLike(base.ordersByCustomer(), next.ordersByCustomer());
            pointers.replace(pointer, pointer.startBuilding(target));
        }
        // once every projector's cached pointer names the new generation, whatever is appended
        // reaches it through the projector, and the scan below covers what came before
        waitForCachedPointers();
        ScanCheckpoint checkpoint = checkpoint("blue-green-g" + target);
        RebuildOutcome outcome =
                fill.fill(new GenerationFill.Job(target, pointers.base().generation(target), checkpoint), progress);
        GenerationPointer before = pointers.read();
        pointers.replace(before, before.switchTo(target, clock.instant().plus(options.grace())));
        checkpoint.clear();
        return outcome;
    }

    /** The fill of the blue-green rebuild on this machine: a parallel Scan of the events table, each stream folded. */
    public GenerationFill logScan() {
        return (job, progress) -> replay(job.target(), job.generation(), job.checkpoint(), progress, this::writeAll);
    }

    /** Drops the retiring generation once its grace period is over; @return the generation dropped */
    public Optional<Long> retireExpired() throws InterruptedException {
        GenerationPointer pointer = pointers.read();
        if (!pointer.retirable(clock.instant())) {
            return Optional.empty();
        }
        long old = pointer.retiring();
        pointers.replace(pointer, pointer.retired());
        // a projector still holding the old pointer writes the retired generation for a few more
        // seconds: dropping its tables under it would fail (and retry) its batches
        waitForCachedPointers();
        if (old > 1) {
            ReadModelTables dropped = pointers.base().generation(old);
            tables.drop(dropped.orderSummary());
            tables.drop(dropped.ordersByCustomer());
        } else {
            // generation 1 belongs to the stack: emptied (it keeps the pointer), never dropped
            new TableWipe(dynamoDb, options.segments()).wipe(pointers.base());
        }
        return Optional.of(old);
    }

    /**
     * Fills one projection, declared in {@link BackfilledProjection}, of the live generation from the
     * log, while the projector keeps it current for the streams that move: both write with the
     * per-stream version condition, so whichever holds the later version wins and nothing falls in
     * between (the hand-over is per stream, by version). Resumable like a rebuild.
     */
    public RebuildOutcome backfill(BackfilledProjection projection, Progress.Listener progress) {
        long live = pointers.read().live();
        ScanCheckpoint checkpoint = checkpoint("backfill-" + projection.projectionName() + "-g" + live);
        RebuildOutcome outcome = replay(
                pointers.base().generation(live),
                live,
                checkpoint,
                progress,
                (tables, folded) -> projection.write(store, tables, folded));
        checkpoint.clear();
        return outcome;
    }

    /** The summary last: whatever its version covers is already in the other read model, as in the projector. */
    private void writeAll(ReadModelTables target, OrderStreamFold.Result folded) {
        folded.byCustomer().ifPresent(item -> store.save(target, item));
        folded.summary().ifPresent(summary -> store.save(target, summary));
    }

    @FunctionalInterface
    private interface Writer {
        void write(ReadModelTables target, OrderStreamFold.Result folded);
    }

    private RebuildOutcome replay(
            ReadModelTables target,
            long generation,
            ScanCheckpoint checkpoint,
            Progress.Listener progress,
            Writer writer) {
        Instant started = clock.instant();
        AtomicLong streams = new AtomicLong(checkpoint.streamsDone());
        AtomicLong events = new AtomicLong();
        AtomicLong unfoldableCount = new AtomicLong();
        List<String> unfoldable = Collections.synchronizedList(new ArrayList<>());
        long estimatedEvents = estimatedEvents();
        new StreamScan(dynamoDb, eventsTable, OrderCommands.CATEGORY, options.segments(), options.pageLimit())
                .run(checkpoint, page -> {
                    for (String streamId : page) {
                        OrderStreamFold.Result folded = fold.fold(streamId, clock.instant());
                        writer.write(target, folded);
                        events.addAndGet(folded.events());
                        if (folded.failure().isPresent()) {
                            unfoldableCount.incrementAndGet();
                            if (unfoldable.size() < MAX_REPORTED) {
                                unfoldable.add(
                                        streamId + ": " + folded.failure().get().getMessage());
                            }
                        }
                    }
                    long done = streams.addAndGet(page.size());
                    long folded = events.get();
                    long total = folded == 0 ? 0 : Math.max(done, estimatedEvents * done / folded);
                    synchronized (progress) {
                        progress.onProgress(
                                new Progress(done, total, folded, Duration.between(started, clock.instant())));
                    }
                    return true;
                });
        return new RebuildOutcome(
                generation,
                streams.get(),
                events.get(),
                List.copyOf(unfoldable),
                unfoldableCount.get(),
                Duration.between(started, clock.instant()));
    }

    /** The functions cache the pointer for {@link GenerationPointers#DEFAULT_MAX_AGE}; this one may differ. */
    private void waitForCachedPointers() throws InterruptedException {
        Duration cached = pointers.maxAge().compareTo(GenerationPointers.DEFAULT_MAX_AGE) > 0
                ? pointers.maxAge()
                : GenerationPointers.DEFAULT_MAX_AGE;
        sleeper.sleep(cached.plusSeconds(1));
    }

    /** DescribeTable's item count: free, updated by DynamoDB about every six hours. */
    private long estimatedEvents() {
        Long count =
                dynamoDb.describeTable(r -> r.tableName(eventsTable)).table().itemCount();
        return count == null ? 0 : count;
    }

    private ScanCheckpoint checkpoint(String job) {
        Path file = options.checkpointDir().resolve(pointers.base().orderSummary() + "." + job + ".checkpoint");
        return new ScanCheckpoint(file, job, options.segments());
    }
}

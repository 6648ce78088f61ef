package dev.eventline.ordering.rebuild;

import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ProjectedOrder;
import dev.eventline.ordering.readmodel.ReadModelStore;
import dev.eventline.ordering.readmodel.ReadModelTables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * Folds order streams and compares each with the live generation's order-summary and
 * orders-by-customer items: the consistency check the projector's tests make, run against the real
 * tables, on all streams or a sample. With {@code repair}, an item that differs is rewritten to the
 * fold (never to an older version than it holds).
 *
 * <p>An item {@link Mismatch.Kind#BEHIND} its fold is reported too: on a quiet table it is a lost
 * update; while orders are being written it may be projection lag, so rerun before repairing.
 */
public final class OrderReadModelVerifier {
    static final int MAX_REPORTED = 1_000;
    /** A sample larger than this is a full run. */
    public static final long MAX_SAMPLE = 10_000_000;

    /** A random sample holds its candidates' ids in memory (about 100 bytes each): larger, verify every stream. */
    public static final long MAX_RANDOM_SAMPLE = 1_000_000;

    private static final int PROGRESS_EVERY = 100;

    private final DynamoDbClient dynamoDb;
    private final String eventsTable;
    private final GenerationPointers pointers;
    private final ReadModelStore store;
    private final OrderStreamFold fold;
    private final Clock clock;
    private final int segments;
    private final RandomGenerator random;

    public OrderReadModelVerifier(
            DynamoDbClient dynamoDb, String eventsTable, GenerationPointers pointers, Clock clock, int segments) {
        this(dynamoDb, eventsTable, pointers, clock, segments, RandomGenerator.getDefault());
    }

    /** @param random draws the sample ({@link StreamSample}); seeded in tests */
    public OrderReadModelVerifier(
            DynamoDbClient dynamoDb,
            String eventsTable,
            GenerationPointers pointers,
            Clock clock,
            int segments,
            RandomGenerator random) {
        this.dynamoDb = dynamoDb;
        this.eventsTable = eventsTable;
        this.pointers = pointers;
        this.store = new ReadModelStore(dynamoDb, pointers);
        this.fold = new OrderStreamFold(new DynamoDbEventReader(dynamoDb, eventsTable), new OrderEventCodec());
        this.clock = clock;
        this.segments = segments;
        this.random = random;
    }

    /**
     * @param sample how many streams at most (capped at {@link #MAX_SAMPLE}), drawn uniformly at random
     *     ({@link StreamSample}: a new draw each run); empty: every stream
     */
    public VerifyOutcome verify(Optional<Long> sample, boolean repair, Progress.Listener progress) {
        long limit = Math.min(sample.orElse(MAX_SAMPLE), MAX_SAMPLE);
        if (limit < 1) {
            throw new IllegalArgumentException("a sample is at least 1 stream, was " + limit);
        }
        if (sample.isPresent() && sample.get() > MAX_RANDOM_SAMPLE) {
            throw new IllegalArgumentException("a sample is at most " + MAX_RANDOM_SAMPLE
                    + " streams (verify every stream instead), was " + sample.get());
        }
        long generation = pointers.read().live();
        ReadModelTables live = pointers.base().generation(generation);
        Instant started = clock.instant();
        AtomicLong streams = new AtomicLong();
        AtomicLong events = new AtomicLong();
        AtomicLong mismatchCount = new AtomicLong();
        AtomicLong repaired = new AtomicLong();
        AtomicLong unfoldable = new AtomicLong();
        List<Mismatch> mismatches = Collections.synchronizedList(new ArrayList<>());
        StreamCheck check = streamId -> {
            OrderStreamFold.Result folded = fold.fold(streamId, clock.instant());
            events.addAndGet(folded.events());
            folded.failure().ifPresent(f -> unfoldable.incrementAndGet());
            List<Mismatch> found = compare(live, folded);
            for (Mismatch m : found) {
                mismatchCount.incrementAndGet();
                if (mismatches.size() < MAX_REPORTED) {
                    mismatches.add(m);
                }
            }
            if (repair && !found.isEmpty()) {
                folded.byCustomer().ifPresent(item -> store.repair(live, item));
                folded.summary().ifPresent(summary -> store.repair(live, summary));
                repaired.addAndGet(found.size());
            }
        };
        if (sample.isPresent()) {
            List<String> drawn = new StreamSample(
                            dynamoDb, eventsTable, OrderCommands.CATEGORY, random, StreamSample.ITEMS_PER_SEGMENT)
                    .draw(limit);
            checkAll(drawn, check, streams, events, started, limit, progress);
        } else {
            new StreamScan(dynamoDb, eventsTable, OrderCommands.CATEGORY, segments, 100)
                    .run(ScanCheckpoint.inMemory("verify", segments), page -> {
                        for (String streamId : page) {
                            if (streams.incrementAndGet() > limit) {
                                return false;
                            }
                            check.check(streamId);
                        }
                        synchronized (progress) {
                            progress.onProgress(new Progress(
                                    Math.min(streams.get(), limit),
                                    0,
                                    events.get(),
                                    Duration.between(started, clock.instant())));
                        }
                        return streams.get() < limit;
                    });
        }
        return new VerifyOutcome(
                generation,
                Math.min(streams.get(), limit),
                events.get(),
                List.copyOf(mismatches),
                mismatchCount.get(),
                repaired.get(),
                unfoldable.get());
    }

    @FunctionalInterface
    private interface StreamCheck {
        void check(String streamId);
    }

    /** The sampled streams, split over {@code segments} threads as the full scan's segments are. */
    private void checkAll(
            List<String> drawn,
            StreamCheck check,
            AtomicLong streams,
            AtomicLong events,
            Instant started,
            long limit,
            Progress.Listener progress) {
        int threads = Math.clamp(drawn.size(), 1, segments);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<String> share = new ArrayList<>();
                for (int i = t; i < drawn.size(); i += threads) {
                    share.add(drawn.get(i));
                }
                running.add(pool.submit(() -> {
                    for (String streamId : share) {
                        check.check(streamId);
                        long done = streams.incrementAndGet();
                        if (done % PROGRESS_EVERY == 0 || done == drawn.size()) {
                            synchronized (progress) {
                                progress.onProgress(new Progress(
                                        done, limit, events.get(), Duration.between(started, clock.instant())));
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r
                            ? r
                            : new IllegalStateException("verifying a sampled stream failed", e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while verifying the sample", e);
                }
            }
        }
    }

    private List<Mismatch> compare(ReadModelTables live, OrderStreamFold.Result folded) {
        List<Mismatch> found = new ArrayList<>();
        String orderId = folded.streamId().substring(OrderCommands.CATEGORY.length() + 1);
        long foldedVersion = folded.summary().map(ProjectedOrder::version).orElse(0L);
        Optional<ProjectedOrder> stored = store.load(live, orderId);
        compare(
                        folded.streamId(),
                        "order-summary",
                        stored.map(ProjectedOrder::version),
                        foldedVersion,
                        stored.isPresent()
                                && folded.summary().isPresent()
                                && stored.get()
                                        .state()
                                        .equals(folded.summary().get().state()))
                .ifPresent(found::add);
        folded.byCustomer().ifPresent(expected -> {
            Optional<CustomerOrderItem> item = customerItem(live, expected);
            compare(
                            folded.streamId(),
                            "orders-by-customer",
                            item.map(CustomerOrderItem::version),
                            foldedVersion,
                            item.isPresent() && item.get().equals(expected))
                    .ifPresent(found::add);
        });
        return found;
    }

    private static Optional<Mismatch> compare(
            String streamId, String readModel, Optional<Long> storedVersion, long foldedVersion, boolean same) {
        if (foldedVersion == 0) {
            return Optional.empty(); // nothing folded (the first event does not fold): reported as unfoldable
        }
        if (storedVersion.isEmpty()) {
            return Optional.of(new Mismatch(streamId, readModel, Mismatch.Kind.MISSING, 0, foldedVersion));
        }
        long stored = storedVersion.get();
        if (stored < foldedVersion) {
            return Optional.of(new Mismatch(streamId, readModel, Mismatch.Kind.BEHIND, stored, foldedVersion));
        }
        if (stored > foldedVersion) {
            return Optional.of(new Mismatch(streamId, readModel, Mismatch.Kind.AHEAD, stored, foldedVersion));
        }
        return same
                ? Optional.empty()
                : Optional.of(new Mismatch(streamId, readModel, Mismatch.Kind.DIFFERS, stored, foldedVersion));
    }

    private Optional<CustomerOrderItem> customerItem(ReadModelTables live, CustomerOrderItem expected) {
        GetItemResponse response = dynamoDb.getItem(r -> r.tableName(live.ordersByCustomer())
                .key(Map.of(
                        CustomerOrderItem.CUSTOMER_ID, AttributeValue.fromS(expected.customerId()),
                        CustomerOrderItem.SORT_KEY, AttributeValue.fromS(expected.sortKey())))
                .consistentRead(true));
        return response.hasItem() && !response.item().isEmpty()
                ? Optional.of(CustomerOrderItem.fromItem(response.item()))
                : Optional.empty();
    }
}

package dev.eventline.ordering.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Finds every stream of a category in an events table: a parallel Scan ({@code segments} segments,
 * one thread each) for the version-1 items only (every stream has exactly one), in pages of
 * {@code pageLimit} items evaluated. Each page's streams are handed over, then the segment's
 * checkpoint moves past the page, so a rerun continues after the last page that completed.
 *
 * <p>The Scan still reads (and is billed for) every event item; the filter only keeps the response
 * small. Each stream is then read with one consistent Query by the caller: a stream's events are
 * folded in version order from one read, whichever segment and page found it.
 */
final class StreamScan {
    static final int MAX_SEGMENTS = 64;
    static final int MAX_PAGE_LIMIT = 1_000;

    /** Works on the streams of one page; must not return before they are written. */
    @FunctionalInterface
    interface PageWork {
        /** @return false to stop scanning (e.g. a sample is complete) */
        boolean streams(List<String> streamIds);
    }

    private final DynamoDbClient dynamoDb;
    private final String eventsTable;
    private final String category;
    private final int segments;
    private final int pageLimit;

    StreamScan(DynamoDbClient dynamoDb, String eventsTable, String category, int segments, int pageLimit) {
        if (segments < 1 || segments > MAX_SEGMENTS) {
            throw new IllegalArgumentException("segments must be 1.." + MAX_SEGMENTS + ", was " + segments);
        }
        if (pageLimit < 1 || pageLimit > MAX_PAGE_LIMIT) {
            throw new IllegalArgumentException("page limit must be 1.." + MAX_PAGE_LIMIT + ", was " + pageLimit);
        }
        this.dynamoDb = dynamoDb;
        this.eventsTable = eventsTable;
        this.category = category;
        this.segments = segments;
        this.pageLimit = pageLimit;
    }

    int segments() {
        return segments;
    }

    /**
     * Scans every segment not done in {@code checkpoint}; the first failure stops every segment
     * (after its current page) and is thrown, with the checkpoint where the pages got to.
     */
    void run(ScanCheckpoint checkpoint, PageWork work) {
        AtomicBoolean failed = new AtomicBoolean();
        try (ExecutorService threads = Executors.newFixedThreadPool(segments)) {
            List<Future<?>> running = new ArrayList<>();
            for (int segment = 0; segment < segments; segment++) {
                int s = segment;
                running.add(threads.submit(() -> {
                    try {
                        scanSegment(s, checkpoint, work, failed);
                    } catch (RuntimeException e) {
                        failed.set(true);
                        throw e;
                    }
                }));
            }
            RuntimeException first = null;
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    RuntimeException cause =
                            e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                    if (first == null) {
                        first = cause;
                    } else {
                        first.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed.set(true);
                    throw new IllegalStateException("interrupted; the checkpoint keeps what completed", e);
                }
            }
            if (first != null) {
                throw first;
            }
        }
    }

    private void scanSegment(int segment, ScanCheckpoint checkpoint, PageWork work, AtomicBoolean failed) {
        if (checkpoint.done(segment)) {
            return;
        }
        Map<String, AttributeValue> start = checkpoint.startKey(segment).orElse(null);
        while (!failed.get() && !Thread.currentThread().isInterrupted()) {
            ScanRequest.Builder request = ScanRequest.builder()
                    .tableName(eventsTable)
                    .segment(segment)
                    .totalSegments(segments)
                    .limit(pageLimit)
                    .filterExpression("#version = :first AND begins_with(#stream, :category)")
                    .projectionExpression("#stream")
                    .expressionAttributeNames(Map.of("#version", "version", "#stream", "streamId"))
                    .expressionAttributeValues(Map.of(
                            ":first", AttributeValue.fromN("1"), ":category", AttributeValue.fromS(category + "-")));
            if (start != null) {
                request.exclusiveStartKey(start);
            }
            ScanResponse page = dynamoDb.scan(request.build());
            List<String> streams =
                    page.items().stream().map(i -> i.get("streamId").s()).toList();
            boolean more = work.streams(streams);
            Map<String, AttributeValue> last = page.hasLastEvaluatedKey() ? page.lastEvaluatedKey() : Map.of();
            checkpoint.advance(segment, last, streams.size());
            if (last.isEmpty() || !more) {
                return;
            }
            start = last;
        }
    }
}

package dev.eventline.ordering.projector;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent per-stream work concurrently: streams share nothing, and the projector's time is
 * almost all DynamoDB round trips, so a batch of many orders is bound by latency, not CPU. The pool
 * is created once per container; with one thread everything runs on the caller's thread.
 */
final class Parallel implements AutoCloseable {
    private final ExecutorService pool;

    Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("PROJECTION_CONCURRENCY must be >= 1, was " + threads);
        }
        this.pool = threads == 1 ? null
                : Executors.newFixedThreadPool(threads, Thread.ofPlatform().daemon().name("projector-", 0).factory());
    }

    /** Applies {@code work} to every input, results in input order; {@code work} should not throw. */
    <T, R> List<R> map(List<T> inputs, Function<T, R> work) {
        if (pool == null || inputs.size() < 2) {
            return inputs.stream().map(work).toList();
        }
        List<Future<R>> futures = new ArrayList<>(inputs.size());
        for (T input : inputs) {
            futures.add(pool.submit(() -> work.apply(input)));
        }
        List<R> results = new ArrayList<>(inputs.size());
        for (Future<R> future : futures) {
            try {
                results.add(future.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while projecting", e);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            }
        }
        return results;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}

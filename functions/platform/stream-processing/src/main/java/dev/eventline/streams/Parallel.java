package dev.eventline.streams;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Runs independent per-stream work concurrently: streams share nothing, and a consumer's time is
 * almost all round trips (checkpoint reads, writes, PutEvents), so a batch of many streams is bound
 * by latency, not CPU. The pool is created once per container; with one thread everything runs on
 * the caller's thread.
 */
public final class Parallel implements AutoCloseable {
    private final ExecutorService pool;

    public Parallel(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("stream concurrency must be >= 1, was " + threads);
        }
        this.pool = threads == 1
                ? null
                : Executors.newFixedThreadPool(
                        threads,
                        Thread.ofPlatform().daemon().name("stream-consumer-", 0).factory());
    }

    /** Applies {@code work} to every input, results in input order; {@code work} should not throw. */
    public <T, R> List<R> map(List<T> inputs, Function<T, R> work) {
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
                throw new IllegalStateException("interrupted while consuming a batch", e);
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

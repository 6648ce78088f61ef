package dev.eventline.local;

import dev.eventline.local.emulator.Topology.MappingSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Lambda's poller for one shard: reads ahead, assembles batches of at most BatchSize records,
 * waiting up to MaximumBatchingWindowInSeconds for a batch to fill, and hands each to
 * {@link BatchDelivery}, which returns once the batch is done with; only then does the next batch
 * start, so records are delivered in shard order.
 */
final class ShardPoller implements Runnable {
    private final MappingSpec mapping;
    private final ShardReader reader;
    private final BatchDelivery delivery;
    private final RuntimeSettings settings;
    private final Stoppable stop;
    private final Clock clock;
    private final List<software.amazon.awssdk.services.dynamodb.model.Record> buffer = new ArrayList<>();
    private Instant firstBuffered;

    /** The owning event source's stop signal and interruptible sleep. */
    interface Stoppable extends BatchDelivery.Sleeper {
        boolean stopped();
    }

    /** @param clock the runtime's, which times the batching window */
    ShardPoller(
            MappingSpec mapping,
            ShardReader reader,
            BatchDelivery delivery,
            RuntimeSettings settings,
            Stoppable stop,
            Clock clock) {
        this.mapping = mapping;
        this.reader = reader;
        this.delivery = delivery;
        this.settings = settings;
        this.stop = stop;
        this.clock = clock;
    }

    @Override
    public void run() {
        while (!stop.stopped()) {
            try {
                if (!pollOnce()) {
                    stop.sleep(settings.streamPollInterval());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ShardReader.ReadAgainException e) {
                LocalLog.warn(e.getMessage() + "; reading again after the checkpoint");
                buffer.clear();
                firstBuffered = null;
                reader.rewindToCheckpoint();
            } catch (RuntimeException e) {
                if (stop.stopped() || LocalLog.jvmShuttingDown()) {
                    return; // the emulator went away first during shutdown
                }
                LocalLog.warn("polling " + reader.shardId() + " for " + mapping.functionName() + " failed: " + e);
                sleepQuietly(settings.maxRetryBackoff());
            }
        }
    }

    /** @return true when it did something and should go on at once, false when it should wait */
    boolean pollOnce() throws InterruptedException {
        boolean read = false;
        if (buffer.size() < mapping.batchSize() && !reader.isClosed()) {
            var records = reader.read();
            if (!records.isEmpty()) {
                if (buffer.isEmpty()) {
                    firstBuffered = clock.instant();
                }
                buffer.addAll(records);
                read = true;
            }
        }
        if (buffer.isEmpty() || !batchReady()) {
            return read && buffer.size() < mapping.batchSize();
        }
        List<software.amazon.awssdk.services.dynamodb.model.Record> batch =
                new ArrayList<>(buffer.subList(0, Math.min(mapping.batchSize(), buffer.size())));
        buffer.subList(0, batch.size()).clear();
        delivery.deliver(reader.shardId(), batch, reader::checkpoint);
        // what is left has waited at least as long as the batch just delivered: ready at once
        firstBuffered = buffer.isEmpty() ? null : Instant.EPOCH;
        return true;
    }

    private boolean batchReady() {
        Duration window = Duration.ofSeconds(mapping.maximumBatchingWindowSeconds());
        return buffer.size() >= mapping.batchSize()
                || reader.isClosed()
                || !clock.instant().isBefore(firstBuffered.plus(window));
    }

    private void sleepQuietly(Duration duration) {
        try {
            stop.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

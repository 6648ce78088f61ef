package dev.eventline.local;

import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.Topology.MappingSpec;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Plays the part of a Lambda event source mapping on a DynamoDB stream, in process: one poller
 * thread per shard reads the stream with GetRecords and invokes the function with
 * {@code StreamEvent} batches. moto's own mappings are never created: without Docker they would
 * consume and wipe the stream buffer.
 *
 * <p>ParallelizationFactor above 1 is run as 1: per-key order is the same, only throughput differs.
 */
public final class StreamEventSource implements AutoCloseable {
    private final MappingSpec mapping;
    private final List<ShardReader> readers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StreamEventSource(MappingSpec mapping) {
        this.mapping = mapping;
    }

    /** @param clock the runtime's: batching windows, record ages and on-failure messages read it */
    public static StreamEventSource start(
            MappingSpec mapping,
            LocalFunction function,
            LocalResources resources,
            DynamoDbStreamsClient streams,
            SqsClient sqs,
            RuntimeSettings settings,
            Clock clock) {
        String table = mapping.sourceTable()
                .orElseThrow(() -> new IllegalArgumentException(mapping.logicalId() + " is not a stream mapping"));
        String streamArn = resources.streamArn(table);
        OnFailureDestination onFailure = new OnFailureDestination(
                sqs, mapping.onFailureQueue().map(resources::queueUrl), function.arn(), streamArn, clock);
        StreamEventSource source = new StreamEventSource(mapping);
        ShardPoller.Stoppable stop = source.stopSignal();
        for (Shard shard : shards(streams, streamArn)) {
            ShardReader reader = new ShardReader(streams, streamArn, shard.shardId(), mapping.startingPosition());
            BatchDelivery delivery = new BatchDelivery(mapping, function, streamArn, onFailure, settings, stop, clock);
            source.readers.add(reader);
            Thread thread = Thread.ofPlatform()
                    .daemon()
                    .name(function.name() + "-" + shard.shardId())
                    .unstarted(new ShardPoller(mapping, reader, delivery, settings, stop, clock));
            source.threads.add(thread);
            thread.start();
        }
        LocalLog.info("stream " + table + " -> " + function.name() + " (batch " + mapping.batchSize() + ", window "
                + mapping.maximumBatchingWindowSeconds() + " s, retries " + mapping.maximumRetryAttempts() + ", bisect "
                + mapping.bisectBatchOnFunctionError() + ", on failure "
                + mapping.onFailureQueue().orElse("none") + ")");
        return source;
    }

    public MappingSpec mapping() {
        return mapping;
    }

    /** The last sequence number the function finished with, per shard. */
    public Map<String, Optional<String>> checkpoints() {
        return readers.stream().collect(Collectors.toMap(ShardReader::shardId, ShardReader::checkpoint));
    }

    /** True once every shard's poller is reading: with LATEST, records written from then on are delivered. */
    public boolean positioned() {
        return readers.stream().allMatch(ShardReader::positioned);
    }

    /** Tells the pollers to stop after the current invocation, without waiting for them. */
    public void requestStop() {
        stopped.countDown();
    }

    @Override
    public void close() {
        requestStop();
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private ShardPoller.Stoppable stopSignal() {
        return new ShardPoller.Stoppable() {
            @Override
            public boolean stopped() {
                return stopped.getCount() == 0;
            }

            @Override
            public void sleep(Duration duration) throws InterruptedException {
                if (stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new InterruptedException("event source stopped");
                }
            }
        };
    }

    /** Open and closed shards, parents before children (DescribeStream lists them in creation order). */
    private static List<Shard> shards(DynamoDbStreamsClient streams, String streamArn) {
        List<Shard> shards = new ArrayList<>();
        String last = null;
        do {
            String after = last;
            var description = streams.describeStream(b -> b.streamArn(streamArn).exclusiveStartShardId(after))
                    .streamDescription();
            shards.addAll(description.shards());
            last = description.lastEvaluatedShardId();
        } while (last != null);
        return shards;
    }
}

package dev.eventline.streams;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads a DynamoDB stream from its start, returning on each {@link #poll()} the records added since
 * the previous one: what a Lambda event source mapping does, for the local runtime and for tests
 * (never create an event source mapping in moto: it drains the stream buffer).
 *
 * <p>Each poll asks for a fresh iterator after the last sequence number seen in each shard, so no
 * iterator is held between polls (they expire after 15 minutes on AWS). Parent shards come before
 * children as DescribeStream lists them. Not thread-safe: one tail per reader.
 */
public final class StreamTail {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> lastSequenceByShard = new HashMap<>();

    public StreamTail(DynamoDbStreamsClient streams, String streamArn) {
        this.streams = streams;
        this.streamArn = streamArn;
    }

    public String streamArn() {
        return streamArn;
    }

    /** Every record not returned before, in shard order. */
    public List<Record> poll() {
        List<Record> result = new ArrayList<>();
        for (Shard shard : shards()) {
            String iterator = iterator(shard.shardId());
            while (iterator != null) {
                GetRecordsResponse page = streams.getRecords(GetRecordsRequest.builder()
                        .shardIterator(iterator)
                        .limit(1000)
                        .build());
                if (!page.hasRecords() || page.records().isEmpty()) {
                    break; // an open shard always returns a next iterator; empty means caught up
                }
                result.addAll(page.records());
                lastSequenceByShard.put(
                        shard.shardId(), page.records().getLast().dynamodb().sequenceNumber());
                iterator = page.nextShardIterator();
            }
        }
        return result;
    }

    /** Skips everything already in the stream: the next {@link #poll()} returns only newer records. */
    public void skipToEnd() {
        poll();
    }

    private List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String start = null;
        do {
            var description = streams.describeStream(DescribeStreamRequest.builder()
                            .streamArn(streamArn)
                            .exclusiveStartShardId(start)
                            .build())
                    .streamDescription();
            shards.addAll(description.shards());
            start = description.lastEvaluatedShardId();
        } while (start != null);
        return shards;
    }

    private String iterator(String shardId) {
        String after = lastSequenceByShard.get(shardId);
        GetShardIteratorRequest.Builder request =
                GetShardIteratorRequest.builder().streamArn(streamArn).shardId(shardId);
        if (after == null) {
            request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
        } else {
            request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
        }
        return streams.getShardIterator(request.build()).shardIterator();
    }
}

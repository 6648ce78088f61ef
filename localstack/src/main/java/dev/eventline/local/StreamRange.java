package dev.eventline.local;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads records back from a stream by sequence range, as named by a Lambda on-failure message
 * ({@code DDBStreamBatchInfo}): possible only while the stream still retains them (24 hours).
 */
final class StreamRange {
    private static final int MAX_EMPTY_READS = 5;

    private final DynamoDbStreamsClient streams;

    StreamRange(DynamoDbStreamsClient streams) {
        this.streams = streams;
    }

    /**
     * @param maxRecords the most a caller can use (the batch size the message names): one more is read
     *                   at most, so that a range holding more than that shows, and a range is never read
     *                   further than a batch goes
     * @return the records from {@code start} to {@code end} inclusive (at most {@code maxRecords + 1}),
     *         or empty when they are gone
     */
    Optional<List<Record>> read(String streamArn, String shardId, String start, String end, int maxRecords) {
        BigInteger last = new BigInteger(end);
        List<Record> records = new ArrayList<>();
        try {
            String iterator = streams.getShardIterator(b -> b.streamArn(streamArn)
                            .shardId(shardId)
                            .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER)
                            .sequenceNumber(start))
                    .shardIterator();
            int emptyReads = 0;
            while (iterator != null && emptyReads < MAX_EMPTY_READS) {
                String current = iterator;
                GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(current));
                emptyReads = response.records().isEmpty() ? emptyReads + 1 : 0;
                for (Record record : response.records()) {
                    if (new BigInteger(record.dynamodb().sequenceNumber()).compareTo(last) > 0
                            || records.size() > maxRecords) {
                        return Optional.of(records);
                    }
                    records.add(record);
                }
                if (!records.isEmpty()
                        && last.equals(
                                new BigInteger(records.getLast().dynamodb().sequenceNumber()))) {
                    return Optional.of(records);
                }
                iterator = response.nextShardIterator();
            }
            return records.isEmpty() ? Optional.empty() : Optional.of(records);
        } catch (TrimmedDataAccessException | ResourceNotFoundException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.services.dynamodb.model.DynamoDbException e) {
            // moto answers an unknown sequence number or stream with a validation error
            return Optional.empty();
        }
    }
}

package dev.eventline.local;

import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Reads one shard in order and remembers its checkpoint: the sequence number of the last record
 * the function finished with. An iterator that expired (15 minutes on AWS) is renewed right after
 * the checkpoint, so nothing is read twice or skipped.
 */
final class ShardReader {
    /** GetRecords' own maximum. */
    private static final int READ_LIMIT = 1000;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String shardId;
    private final ShardIteratorType startingPosition;
    private volatile String checkpoint;
    private volatile String iterator;
    private boolean closed;

    ShardReader(DynamoDbStreamsClient streams, String streamArn, String shardId, String startingPosition) {
        this.streams = streams;
        this.streamArn = streamArn;
        this.shardId = shardId;
        this.startingPosition = ShardIteratorType.fromValue(startingPosition);
    }

    String shardId() {
        return shardId;
    }

    Optional<String> checkpoint() {
        return Optional.ofNullable(checkpoint);
    }

    void checkpoint(String sequenceNumber) {
        this.checkpoint = sequenceNumber;
    }

    /** True once the reader holds an iterator: from then on, every new record will be read. */
    boolean positioned() {
        return iterator != null;
    }

    /** A shard closed by a split has no more records after its last one. */
    boolean isClosed() {
        return closed;
    }

    /** The next records after what was already read (not after the checkpoint: read-ahead is buffered). */
    List<Record> read() {
        if (closed) {
            return List.of();
        }
        if (iterator == null) {
            iterator = freshIterator();
        }
        try {
            GetRecordsResponse response = streams.getRecords(b -> b.shardIterator(iterator).limit(READ_LIMIT));
            iterator = response.nextShardIterator();
            closed = iterator == null;
            return response.records();
        } catch (ExpiredIteratorException e) {
            throw new ReadAgainException("shard iterator of " + shardId + " expired", e);
        } catch (TrimmedDataAccessException e) {
            // records older than the retention (24 h) are gone; start again from the oldest still there
            checkpoint = null;
            throw new ReadAgainException("records of " + shardId + " were trimmed", e);
        }
    }

    /** Forgets the read-ahead: the next read continues right after the checkpoint. */
    void rewindToCheckpoint() {
        iterator = null;
        closed = false;
    }

    private String freshIterator() {
        String after = checkpoint;
        return streams.getShardIterator(b -> {
            b.streamArn(streamArn).shardId(shardId);
            if (after == null) {
                b.shardIteratorType(startingPosition);
            } else {
                b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
            }
        }).shardIterator();
    }

    /** The buffered read-ahead is no longer valid; the caller drops it and reads again. */
    static final class ReadAgainException extends RuntimeException {
        ReadAgainException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

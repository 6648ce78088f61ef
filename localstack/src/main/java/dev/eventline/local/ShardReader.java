package dev.eventline.local;

import java.util.List;
import java.util.Objects;
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
 * the checkpoint, so nothing is read twice or skipped. An iterator that stopped seeing the stream
 * while the stream moved on is replaced too (see {@link #checkLiveness}).
 */
final class ShardReader {
    /** GetRecords' own maximum. */
    private static final int READ_LIMIT = 1000;
    /** Empty reads in a row before the held iterator is checked: 2 s at Lambda's 4 reads a second. */
    static final int EMPTY_READS_BEFORE_CHECK = 8;

    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final String shardId;
    private final ShardIteratorType startingPosition;
    private volatile String checkpoint;
    private volatile String iterator;
    private boolean closed;
    /** The last record read, read-ahead included; its eventID too, because moto can reuse a sequence number. */
    private String lastRead;

    private String lastReadEventId;
    private int emptyReads;
    private volatile int iteratorsReplaced;

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

    /** How often an iterator that stopped while the stream moved on was replaced. */
    int iteratorsReplaced() {
        return iteratorsReplaced;
    }

    /** The next records after what was already read (not after the checkpoint: read-ahead is buffered). */
    List<Record> read() {
        if (closed) {
            return List.of();
        }
        if (iterator == null) {
            iterator = checkpoint == null
                    ? iterator(startingPosition, null)
                    : iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, checkpoint);
        }
        List<Record> records = advance(getRecords(iterator));
        if (!records.isEmpty()) {
            emptyReads = 0;
            return records;
        }
        if (++emptyReads < EMPTY_READS_BEFORE_CHECK) {
            return records;
        }
        emptyReads = 0;
        return checkLiveness();
    }

    /** Forgets the read-ahead: the next read continues right after the checkpoint. */
    void rewindToCheckpoint() {
        iterator = null;
        closed = false;
        lastRead = checkpoint;
        lastReadEventId = null; // not known: the checkpoint is matched by sequence number alone
    }

    /**
     * An iterator can go dead while its shard lives on: moto 5.2.5 replaced a table's stream shard
     * object on every cancelled transaction (before {@code localstack/moto_server.py} mended that),
     * iterators handed out before kept reading the old object, and the stream stopped for good.
     * DescribeStream does not show it (the same shard id; an open shard has no ending sequence
     * number), so when the held iterator has been idle for a while the shard is read again from the
     * last record read with a fresh iterator: when that finds newer records and the held one does
     * not answer with the same, the fresh iterator takes over. Continuing after the last record read
     * loses and repeats nothing; where the shard's history was replaced under the last record read,
     * reading goes on from the record now at its position, so a replacement is delivered, not
     * skipped (at least once, as Lambda promises). One GetShardIterator and GetRecords per check.
     */
    private List<Record> checkLiveness() {
        if (lastRead == null && startingPosition == ShardIteratorType.LATEST) {
            return List.of(); // where LATEST was is known only once a record has been read
        }
        GetRecordsResponse fresh = getRecords(
                lastRead == null
                        ? iterator(startingPosition, null)
                        : iterator(ShardIteratorType.AT_SEQUENCE_NUMBER, lastRead));
        List<Record> newer = fresh.records();
        if (lastRead != null && !newer.isEmpty()) {
            if (!isLastRead(newer.getFirst())) {
                return replaceIterator(fresh, newer, "the record at " + lastRead + " is not the one read there");
            }
            newer = newer.subList(1, newer.size());
        }
        if (newer.isEmpty()) {
            return List.of();
        }
        GetRecordsResponse held = getRecords(iterator);
        if (!held.records().isEmpty() && sameRecord(held.records().getFirst(), newer.getFirst())) {
            return advance(held);
        }
        return replaceIterator(fresh, newer, "its iterator returned nothing while the stream moved on");
    }

    private List<Record> replaceIterator(GetRecordsResponse fresh, List<Record> records, String why) {
        iteratorsReplaced++;
        LocalLog.warn("shard " + shardId + " of " + streamArn + ": " + why + "; reading on from "
                + records.getFirst().dynamodb().sequenceNumber() + " with a new iterator");
        advance(fresh);
        return records;
    }

    private List<Record> advance(GetRecordsResponse response) {
        iterator = response.nextShardIterator();
        closed = iterator == null;
        if (!response.records().isEmpty()) {
            Record last = response.records().getLast();
            lastRead = last.dynamodb().sequenceNumber();
            lastReadEventId = last.eventID();
        }
        return response.records();
    }

    private boolean isLastRead(Record record) {
        return record.dynamodb().sequenceNumber().equals(lastRead)
                && (lastReadEventId == null || lastReadEventId.equals(record.eventID()));
    }

    private static boolean sameRecord(Record a, Record b) {
        return a.dynamodb().sequenceNumber().equals(b.dynamodb().sequenceNumber())
                && Objects.equals(a.eventID(), b.eventID());
    }

    private GetRecordsResponse getRecords(String from) {
        try {
            return streams.getRecords(b -> b.shardIterator(from).limit(READ_LIMIT));
        } catch (ExpiredIteratorException e) {
            throw new ReadAgainException("shard iterator of " + shardId + " expired", e);
        } catch (TrimmedDataAccessException e) {
            // records older than the retention (24 h) are gone; start again from the oldest still there
            checkpoint = null;
            throw new ReadAgainException("records of " + shardId + " were trimmed", e);
        }
    }

    private String iterator(ShardIteratorType type, String sequenceNumber) {
        return streams.getShardIterator(b -> b.streamArn(streamArn)
                        .shardId(shardId)
                        .shardIteratorType(type)
                        .sequenceNumber(sequenceNumber))
                .shardIterator();
    }

    /** The buffered read-ahead is no longer valid; the caller drops it and reads again. */
    static final class ReadAgainException extends RuntimeException {
        ReadAgainException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

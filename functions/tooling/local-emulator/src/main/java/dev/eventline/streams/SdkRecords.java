package dev.eventline.streams;

import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * What the SDK v2 Streams API returns ({@code GetRecords}) as what Lambda hands a stream function
 * ({@link StreamEvent}), so the local event-source runtime and tests can feed a handler exactly the
 * records moto's stream holds, without a Lambda event source mapping.
 *
 * <p>A {@link ChangeRecord} holds the SDK's own {@code StreamRecord}, so nothing is converted: the SDK
 * record only lacks the stream ARN, which the caller passes ({@code eventSourceARN} is set on every
 * record as Lambda does).
 */
public final class SdkRecords {
    private SdkRecords() {}

    /** One Lambda invocation payload holding {@code records} in the order given (the shard's order). */
    public static StreamEvent toStreamEvent(List<Record> records, String streamArn) {
        return new StreamEvent(
                records.stream().map(r -> toChangeRecord(r, streamArn)).toList());
    }

    public static ChangeRecord toChangeRecord(Record record, String streamArn) {
        return ChangeRecord.of(Objects.requireNonNull(record, "record"), streamArn);
    }
}

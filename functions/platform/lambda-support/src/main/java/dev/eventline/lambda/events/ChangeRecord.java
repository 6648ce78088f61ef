package dev.eventline.lambda.events;

import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * One DynamoDB Streams record as Lambda delivers it ({@code {"eventID","eventName","eventVersion",
 * "eventSource","awsRegion","dynamodb":{…},"userIdentity":{…},"eventSourceARN"}}).
 *
 * <p>The change itself ({@code dynamodb}: Keys, NewImage, OldImage, SequenceNumber, SizeBytes,
 * StreamViewType, ApproximateCreationDateTime) and {@code userIdentity} are the SDK v2 model's
 * {@link StreamRecord} and {@link Identity}, the types {@code GetRecords} returns: the attribute values are
 * the SDK's, as everywhere else in Eventline. Only {@code eventSourceARN} is Lambda's own; the SDK record
 * does not carry it.
 *
 * @param eventName    {@code INSERT}, {@code MODIFY} or {@code REMOVE}
 * @param dynamodb     the change; null when Lambda sent none (a malformed record)
 * @param userIdentity set on deletions by TTL only; null otherwise
 */
public record ChangeRecord(
        String eventID,
        String eventName,
        String eventVersion,
        String eventSource,
        String awsRegion,
        String eventSourceARN,
        StreamRecord dynamodb,
        Identity userIdentity) {

    /** A record read from the stream with the SDK ({@code GetRecords}), as Lambda would deliver it. */
    public static ChangeRecord of(software.amazon.awssdk.services.dynamodb.model.Record record, String streamArn) {
        return new ChangeRecord(
                record.eventID(),
                record.eventNameAsString(),
                record.eventVersion(),
                record.eventSource(),
                record.awsRegion(),
                streamArn,
                record.dynamodb(),
                record.userIdentity());
    }
}

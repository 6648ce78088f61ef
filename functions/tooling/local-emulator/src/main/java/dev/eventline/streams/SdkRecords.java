package dev.eventline.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * Converts what the SDK v2 Streams API returns ({@code GetRecords}) into what Lambda hands a stream
 * function ({@link DynamodbEvent}), so the local event-source runtime and tests can feed a handler
 * exactly the records moto's stream holds, without a Lambda event source mapping.
 *
 * <p>The SDK record does not carry the stream ARN, so the caller passes it ({@code eventSourceARN} is
 * set on every record as Lambda does). Empty SDK collections become {@code null}, as in Lambda's JSON,
 * where an absent {@code OldImage} is missing rather than {@code {}}.
 */
public final class SdkRecords {
    private SdkRecords() {}

    /** One Lambda invocation payload holding {@code records} in the order given (the shard's order). */
    public static DynamodbEvent toDynamodbEvent(List<Record> records, String streamArn) {
        List<DynamodbStreamRecord> converted = new ArrayList<>(records.size());
        for (Record record : records) {
            converted.add(toLambda(record, streamArn));
        }
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(converted);
        return event;
    }

    public static DynamodbStreamRecord toLambda(Record record, String streamArn) {
        Objects.requireNonNull(record, "record");
        DynamodbStreamRecord lambda = new DynamodbStreamRecord();
        lambda.setEventID(record.eventID());
        lambda.setEventName(record.eventNameAsString());
        lambda.setEventVersion(record.eventVersion());
        lambda.setEventSource(record.eventSource());
        lambda.setAwsRegion(record.awsRegion());
        lambda.setEventSourceARN(streamArn);
        if (record.userIdentity() != null) {
            Identity identity = new Identity();
            identity.setPrincipalId(record.userIdentity().principalId());
            identity.setType(record.userIdentity().type());
            lambda.setUserIdentity(identity);
        }
        if (record.dynamodb() != null) {
            lambda.setDynamodb(toLambda(record.dynamodb()));
        }
        return lambda;
    }

    private static StreamRecord toLambda(software.amazon.awssdk.services.dynamodb.model.StreamRecord sdk) {
        StreamRecord lambda = new StreamRecord();
        if (sdk.approximateCreationDateTime() != null) {
            lambda.setApproximateCreationDateTime(Date.from(sdk.approximateCreationDateTime()));
        }
        lambda.setKeys(sdk.hasKeys() ? toLambda(sdk.keys()) : null);
        lambda.setNewImage(sdk.hasNewImage() ? toLambda(sdk.newImage()) : null);
        lambda.setOldImage(sdk.hasOldImage() ? toLambda(sdk.oldImage()) : null);
        lambda.setSequenceNumber(sdk.sequenceNumber());
        lambda.setSizeBytes(sdk.sizeBytes());
        if (sdk.streamViewTypeAsString() != null) {
            lambda.setStreamViewType(
                    com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.fromValue(
                            sdk.streamViewTypeAsString()));
        }
        return lambda;
    }

    /** An SDK item (an image or keys) as Lambda's attribute values, preserving attribute order. */
    public static Map<String, AttributeValue> toLambda(
            Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> item) {
        Map<String, AttributeValue> result = new LinkedHashMap<>();
        item.forEach((name, value) -> result.put(name, toLambda(value)));
        return result;
    }

    public static AttributeValue toLambda(software.amazon.awssdk.services.dynamodb.model.AttributeValue v) {
        AttributeValue a = new AttributeValue();
        switch (v.type()) {
            case S -> a.setS(v.s());
            case N -> a.setN(v.n());
            case B -> a.setB(v.b().asByteBuffer());
            case SS -> a.setSS(v.ss());
            case NS -> a.setNS(v.ns());
            case BS -> a.setBS(v.bs().stream().map(SdkBytes::asByteBuffer).toList());
            case M -> a.setM(toLambda(v.m()));
            case L -> a.setL(v.l().stream().map(SdkRecords::toLambda).toList());
            case BOOL -> a.setBOOL(v.bool());
            case NUL -> a.setNULL(Boolean.TRUE);
            case UNKNOWN_TO_SDK_VERSION ->
                throw new IllegalArgumentException("attribute value of an unknown type: " + v);
        }
        return a;
    }

    /** The reverse, for writing an image back with the SDK (tests, redrive tools). */
    public static Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> toSdk(
            Map<String, AttributeValue> item) {
        Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> result = new LinkedHashMap<>();
        item.forEach((name, value) -> result.put(name, toSdk(value)));
        return result;
    }

    public static software.amazon.awssdk.services.dynamodb.model.AttributeValue toSdk(AttributeValue a) {
        var b = software.amazon.awssdk.services.dynamodb.model.AttributeValue.builder();
        if (a.getS() != null) {
            return b.s(a.getS()).build();
        }
        if (a.getN() != null) {
            return b.n(a.getN()).build();
        }
        if (a.getB() != null) {
            return b.b(SdkBytes.fromByteBuffer(a.getB().duplicate())).build();
        }
        if (a.getSS() != null) {
            return b.ss(a.getSS()).build();
        }
        if (a.getNS() != null) {
            return b.ns(a.getNS()).build();
        }
        if (a.getBS() != null) {
            return b.bs(a.getBS().stream()
                            .map(ByteBuffer::duplicate)
                            .map(SdkBytes::fromByteBuffer)
                            .toList())
                    .build();
        }
        if (a.getM() != null) {
            return b.m(toSdk(a.getM())).build();
        }
        if (a.getL() != null) {
            return b.l(a.getL().stream().map(SdkRecords::toSdk).toList()).build();
        }
        if (a.getBOOL() != null) {
            return b.bool(a.getBOOL()).build();
        }
        if (Boolean.TRUE.equals(a.getNULL())) {
            return b.nul(true).build();
        }
        throw new IllegalArgumentException("attribute value without a type: " + a);
    }
}

package dev.eventline.streams;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Identity;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/**
 * Stream records in the JSON Lambda uses on the wire ({@code {"Records":[{"eventID":…,"dynamodb":
 * {"Keys":…,"NewImage":…,"SequenceNumber":…}}]}}), written and read by hand: the stream entry point of
 * every consumer ({@link StreamConsumerHandler}) reads its {@link StreamEvent} here.
 *
 * <p>Why not Jackson data binding: DynamoDB's capitalised member names ({@code NewImage}, {@code S},
 * {@code NULL}) and typed attribute values are no bean properties, which is why Lambda's own runtime
 * needs mix-ins for them. A dead-lettered record written here can be pasted into a test, replayed by a
 * redrive tool or compared with {@code events-samples/streams/*.json}.
 */
public final class StreamRecordJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamRecordJson() {}

    /** @throws IllegalArgumentException when {@code json} is not a DynamoDB stream event */
    public static StreamEvent readEvent(String json) {
        JsonNode root = parse(json);
        JsonNode records = root.path("Records");
        if (!records.isArray()) {
            throw new IllegalArgumentException("a DynamoDB stream event has a Records array");
        }
        List<ChangeRecord> result = new ArrayList<>();
        records.forEach(record -> result.add(readRecord(record)));
        return new StreamEvent(result);
    }

    public static String writeEvent(StreamEvent event) {
        ObjectNode root = NODES.objectNode();
        ArrayNode records = root.putArray("Records");
        event.records().forEach(record -> records.add(toJson(record)));
        return root.toString();
    }

    public static ChangeRecord readRecord(String json) {
        return readRecord(parse(json));
    }

    public static ChangeRecord readRecord(JsonNode json) {
        Identity identity = null;
        JsonNode user = json.get("userIdentity");
        if (user != null && user.isObject()) {
            identity = Identity.builder()
                    .principalId(text(user, "principalId"))
                    .type(text(user, "type"))
                    .build();
        }
        StreamRecord stream = null;
        JsonNode dynamodb = json.get("dynamodb");
        if (dynamodb != null && dynamodb.isObject()) {
            StreamRecord.Builder b = StreamRecord.builder();
            JsonNode created = dynamodb.get("ApproximateCreationDateTime");
            if (created != null && created.isNumber()) {
                // whole milliseconds, as Lambda's own event classes kept it: the same JSON comes back out
                b.approximateCreationDateTime(Instant.ofEpochMilli(
                        created.decimalValue().movePointRight(3).longValue()));
            }
            b.keys(item(dynamodb.get("Keys")));
            b.newImage(item(dynamodb.get("NewImage")));
            b.oldImage(item(dynamodb.get("OldImage")));
            b.sequenceNumber(text(dynamodb, "SequenceNumber"));
            JsonNode size = dynamodb.get("SizeBytes");
            b.sizeBytes(size != null && size.isNumber() ? size.longValue() : null);
            b.streamViewType(text(dynamodb, "StreamViewType"));
            stream = b.build();
        }
        return new ChangeRecord(
                text(json, "eventID"),
                text(json, "eventName"),
                text(json, "eventVersion"),
                text(json, "eventSource"),
                text(json, "awsRegion"),
                text(json, "eventSourceARN"),
                stream,
                identity);
    }

    /** The record as Lambda delivered it: what goes into a dead-letter message. */
    public static ObjectNode toJson(ChangeRecord record) {
        ObjectNode json = NODES.objectNode();
        putIfPresent(json, "eventID", record.eventID());
        putIfPresent(json, "eventName", record.eventName());
        putIfPresent(json, "eventVersion", record.eventVersion());
        putIfPresent(json, "eventSource", record.eventSource());
        putIfPresent(json, "awsRegion", record.awsRegion());
        StreamRecord stream = record.dynamodb();
        if (stream != null) {
            ObjectNode dynamodb = json.putObject("dynamodb");
            if (stream.approximateCreationDateTime() != null) {
                dynamodb.put(
                        "ApproximateCreationDateTime",
                        BigDecimal.valueOf(stream.approximateCreationDateTime().toEpochMilli())
                                .movePointLeft(3));
            }
            if (stream.hasKeys()) {
                putItem(dynamodb, "Keys", stream.keys());
            }
            if (stream.hasNewImage()) {
                putItem(dynamodb, "NewImage", stream.newImage());
            }
            if (stream.hasOldImage()) {
                putItem(dynamodb, "OldImage", stream.oldImage());
            }
            putIfPresent(dynamodb, "SequenceNumber", stream.sequenceNumber());
            if (stream.sizeBytes() != null) {
                dynamodb.put("SizeBytes", stream.sizeBytes());
            }
            putIfPresent(dynamodb, "StreamViewType", stream.streamViewTypeAsString());
        }
        if (record.userIdentity() != null) {
            ObjectNode identity = json.putObject("userIdentity");
            putIfPresent(identity, "principalId", record.userIdentity().principalId());
            putIfPresent(identity, "type", record.userIdentity().type());
        }
        putIfPresent(json, "eventSourceARN", record.eventSourceARN());
        return json;
    }

    private static void putItem(ObjectNode parent, String name, Map<String, AttributeValue> item) {
        ObjectNode node = parent.putObject(name);
        item.forEach((attribute, value) -> node.set(attribute, toJson(value)));
    }

    static JsonNode toJson(AttributeValue v) {
        ObjectNode node = NODES.objectNode();
        switch (v.type()) {
            case S -> node.put("S", v.s());
            case N -> node.put("N", v.n());
            case B -> node.put("B", base64(v.b()));
            case SS -> {
                ArrayNode ss = node.putArray("SS");
                v.ss().forEach(ss::add);
            }
            case NS -> {
                ArrayNode ns = node.putArray("NS");
                v.ns().forEach(ns::add);
            }
            case BS -> {
                ArrayNode bs = node.putArray("BS");
                v.bs().forEach(b -> bs.add(base64(b)));
            }
            case M -> {
                ObjectNode m = node.putObject("M");
                v.m().forEach((k, e) -> m.set(k, toJson(e)));
            }
            case L -> {
                ArrayNode l = node.putArray("L");
                v.l().forEach(e -> l.add(toJson(e)));
            }
            case BOOL -> node.put("BOOL", v.bool());
            case NUL -> node.put("NULL", true);
            case UNKNOWN_TO_SDK_VERSION ->
                throw new IllegalArgumentException("an attribute value of a type this SDK does not know: " + v);
        }
        return node;
    }

    /** Null for a missing member, as the SDK's builders take it (no {@code Keys} is not {@code "Keys":{}}). */
    private static Map<String, AttributeValue> item(JsonNode json) {
        if (json == null || !json.isObject()) {
            return null;
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        json.properties().forEach(e -> item.put(e.getKey(), value(e.getValue())));
        return item;
    }

    static AttributeValue value(JsonNode json) {
        if (json == null || !json.isObject() || json.size() != 1) {
            throw new IllegalArgumentException("an attribute value is an object with exactly one type member: " + json);
        }
        Map.Entry<String, JsonNode> typed = json.properties().iterator().next();
        JsonNode v = typed.getValue();
        return switch (typed.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" ->
                AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "SS" -> AttributeValue.fromSs(strings(v));
            case "NS" -> AttributeValue.fromNs(strings(v));
            case "BS" ->
                AttributeValue.fromBs(strings(v).stream()
                        .map(s -> SdkBytes.fromByteArray(Base64.getDecoder().decode(s)))
                        .toList());
            case "M" -> AttributeValue.fromM(item(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(e -> list.add(value(e)));
                yield AttributeValue.fromL(list);
            }
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(Boolean.TRUE);
            default -> throw new IllegalArgumentException("unknown attribute value type " + typed.getKey());
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(e -> result.add(e.asText()));
        return result;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }

    private static String text(JsonNode json, String name) {
        JsonNode value = json.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null) {
            json.put(name, value);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}

package dev.eventline.streams;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent.DynamodbStreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.Identity;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stream records in the JSON Lambda uses on the wire ({@code {"Records":[{"eventID":…,"dynamodb":
 * {"Keys":…,"NewImage":…,"SequenceNumber":…}}]}}), written and read by hand.
 *
 * <p>Why not Jackson data binding: the Lambda event classes use DynamoDB's capitalised member names
 * ({@code NewImage}, {@code S}, {@code NULL}) that bean introspection does not produce, which is why
 * Lambda's own runtime needs mix-ins for them. A dead-lettered record written here can be pasted into
 * a test, replayed by a redrive tool or compared with {@code events-samples/streams/*.json}.
 */
public final class StreamRecordJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreamRecordJson() {}

    /** @throws IllegalArgumentException when {@code json} is not a DynamoDB stream event */
    public static DynamodbEvent readEvent(String json) {
        JsonNode root = parse(json);
        JsonNode records = root.path("Records");
        if (!records.isArray()) {
            throw new IllegalArgumentException("a DynamoDB stream event has a Records array");
        }
        List<DynamodbStreamRecord> result = new ArrayList<>();
        records.forEach(record -> result.add(readRecord(record)));
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(result);
        return event;
    }

    public static String writeEvent(DynamodbEvent event) {
        ObjectNode root = NODES.objectNode();
        ArrayNode records = root.putArray("Records");
        event.getRecords().forEach(record -> records.add(toJson(record)));
        return root.toString();
    }

    public static DynamodbStreamRecord readRecord(String json) {
        return readRecord(parse(json));
    }

    public static DynamodbStreamRecord readRecord(JsonNode json) {
        DynamodbStreamRecord record = new DynamodbStreamRecord();
        record.setEventID(text(json, "eventID"));
        record.setEventName(text(json, "eventName"));
        record.setEventVersion(text(json, "eventVersion"));
        record.setEventSource(text(json, "eventSource"));
        record.setAwsRegion(text(json, "awsRegion"));
        record.setEventSourceARN(text(json, "eventSourceARN"));
        JsonNode identity = json.get("userIdentity");
        if (identity != null && identity.isObject()) {
            Identity id = new Identity();
            id.setPrincipalId(text(identity, "principalId"));
            id.setType(text(identity, "type"));
            record.setUserIdentity(id);
        }
        JsonNode dynamodb = json.get("dynamodb");
        if (dynamodb != null && dynamodb.isObject()) {
            StreamRecord stream = new StreamRecord();
            JsonNode created = dynamodb.get("ApproximateCreationDateTime");
            if (created != null && created.isNumber()) {
                stream.setApproximateCreationDateTime(
                        new Date(created.decimalValue().movePointRight(3).longValue()));
            }
            stream.setKeys(item(dynamodb.get("Keys")));
            stream.setNewImage(item(dynamodb.get("NewImage")));
            stream.setOldImage(item(dynamodb.get("OldImage")));
            stream.setSequenceNumber(text(dynamodb, "SequenceNumber"));
            JsonNode size = dynamodb.get("SizeBytes");
            stream.setSizeBytes(size != null && size.isNumber() ? size.longValue() : null);
            String view = text(dynamodb, "StreamViewType");
            if (view != null) {
                stream.setStreamViewType(StreamViewType.fromValue(view));
            }
            record.setDynamodb(stream);
        }
        return record;
    }

    /** The record as Lambda delivered it: what goes into a dead-letter message. */
    public static ObjectNode toJson(DynamodbStreamRecord record) {
        ObjectNode json = NODES.objectNode();
        putIfPresent(json, "eventID", record.getEventID());
        putIfPresent(json, "eventName", record.getEventName());
        putIfPresent(json, "eventVersion", record.getEventVersion());
        putIfPresent(json, "eventSource", record.getEventSource());
        putIfPresent(json, "awsRegion", record.getAwsRegion());
        StreamRecord stream = record.getDynamodb();
        if (stream != null) {
            ObjectNode dynamodb = json.putObject("dynamodb");
            if (stream.getApproximateCreationDateTime() != null) {
                dynamodb.put(
                        "ApproximateCreationDateTime",
                        BigDecimal.valueOf(
                                        stream.getApproximateCreationDateTime().getTime())
                                .movePointLeft(3));
            }
            putItem(dynamodb, "Keys", stream.getKeys());
            putItem(dynamodb, "NewImage", stream.getNewImage());
            putItem(dynamodb, "OldImage", stream.getOldImage());
            putIfPresent(dynamodb, "SequenceNumber", stream.getSequenceNumber());
            if (stream.getSizeBytes() != null) {
                dynamodb.put("SizeBytes", stream.getSizeBytes());
            }
            putIfPresent(dynamodb, "StreamViewType", stream.getStreamViewType());
        }
        if (record.getUserIdentity() != null) {
            ObjectNode identity = json.putObject("userIdentity");
            putIfPresent(identity, "principalId", record.getUserIdentity().getPrincipalId());
            putIfPresent(identity, "type", record.getUserIdentity().getType());
        }
        putIfPresent(json, "eventSourceARN", record.getEventSourceARN());
        return json;
    }

    private static void putItem(ObjectNode parent, String name, Map<String, AttributeValue> item) {
        if (item != null) {
            ObjectNode node = parent.putObject(name);
            item.forEach((attribute, value) -> node.set(attribute, toJson(value)));
        }
    }

    static JsonNode toJson(AttributeValue v) {
        ObjectNode node = NODES.objectNode();
        if (v.getS() != null) {
            node.put("S", v.getS());
        } else if (v.getN() != null) {
            node.put("N", v.getN());
        } else if (v.getB() != null) {
            node.put("B", base64(v.getB()));
        } else if (v.getSS() != null) {
            ArrayNode ss = node.putArray("SS");
            v.getSS().forEach(ss::add);
        } else if (v.getNS() != null) {
            ArrayNode ns = node.putArray("NS");
            v.getNS().forEach(ns::add);
        } else if (v.getBS() != null) {
            ArrayNode bs = node.putArray("BS");
            v.getBS().forEach(b -> bs.add(base64(b)));
        } else if (v.getM() != null) {
            ObjectNode m = node.putObject("M");
            v.getM().forEach((k, e) -> m.set(k, toJson(e)));
        } else if (v.getL() != null) {
            ArrayNode l = node.putArray("L");
            v.getL().forEach(e -> l.add(toJson(e)));
        } else if (v.getBOOL() != null) {
            node.put("BOOL", v.getBOOL());
        } else {
            node.put("NULL", true);
        }
        return node;
    }

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
        AttributeValue a = new AttributeValue();
        switch (typed.getKey()) {
            case "S" -> a.setS(v.asText());
            case "N" -> a.setN(v.asText());
            case "B" -> a.setB(ByteBuffer.wrap(Base64.getDecoder().decode(v.asText())));
            case "SS" -> a.setSS(strings(v));
            case "NS" -> a.setNS(strings(v));
            case "BS" ->
                a.setBS(strings(v).stream()
                        .map(s -> ByteBuffer.wrap(Base64.getDecoder().decode(s)))
                        .toList());
            case "M" -> a.setM(item(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(e -> list.add(value(e)));
                a.setL(list);
            }
            case "BOOL" -> a.setBOOL(v.asBoolean());
            case "NULL" -> a.setNULL(Boolean.TRUE);
            default -> throw new IllegalArgumentException("unknown attribute value type " + typed.getKey());
        }
        return a;
    }

    private static List<String> strings(JsonNode array) {
        List<String> result = new ArrayList<>();
        array.forEach(e -> result.add(e.asText()));
        return result;
    }

    private static String base64(ByteBuffer bytes) {
        ByteBuffer copy = bytes.duplicate();
        byte[] raw = new byte[copy.remaining()];
        copy.get(raw);
        return Base64.getEncoder().encodeToString(raw);
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

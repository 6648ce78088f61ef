package dev.eventline.ordering.readmodel;

import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reading and writing typed attributes of low-level items; absent optional values are left out of items. */
final class Attributes {
    private Attributes() {}

    static void putText(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    static void putInstant(Map<String, AttributeValue> item, String name, Instant value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value.toString()));
        }
    }

    static void putNumber(Map<String, AttributeValue> item, String name, long value) {
        item.put(name, AttributeValue.fromN(Long.toString(value)));
    }

    static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static String requireText(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        if (value == null) {
            throw new IllegalArgumentException("read-model item has no " + name);
        }
        return value;
    }

    static Instant instant(Map<String, AttributeValue> item, String name) {
        String value = text(item, name);
        return value == null ? null : Instant.parse(value);
    }

    static long number(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        if (value == null || value.n() == null) {
            throw new IllegalArgumentException("read-model item has no number " + name);
        }
        return Long.parseLong(value.n());
    }
}

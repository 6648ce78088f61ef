package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.InlineView;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Where an inline view lives: a table keyed by one string attribute, each item holding the view's
 * attributes and {@code version}. Written only inside the events' transaction.
 *
 * @param view         the view name the projection uses
 * @param tableName    the DynamoDB table
 * @param keyAttribute the table's partition key, which holds {@link InlineView#key()}
 */
public record InlineViewTable(String view, String tableName, String keyAttribute) {
    static final String VERSION = "version";

    public InlineViewTable {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(tableName, "tableName");
        Objects.requireNonNull(keyAttribute, "keyAttribute");
    }

    /** The table, bound to a client. */
    Bound bind(DynamoDbClient dynamoDb) {
        return new Bound(this, dynamoDb);
    }

    record Bound(InlineViewTable spec, DynamoDbClient dynamoDb) {

        /** The view's item as one write of the events' transaction. */
        TransactWriteItem write(InlineView view) {
            Map<String, AttributeValue> item = new HashMap<>();
            view.attributes().forEach((name, value) -> item.put(name, attribute(value)));
            item.put(spec.keyAttribute(), AttributeValue.fromS(view.key()));
            item.put(VERSION, AttributeValue.fromN(Long.toString(view.version())));
            return TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(spec.tableName())
                            .item(item)
                            // the events' own conditions make the write atomic; this one keeps a view from going back
                            .conditionExpression("attribute_not_exists(#version) OR #version < :version")
                            .expressionAttributeNames(Map.of("#version", VERSION))
                            .expressionAttributeValues(Map.of(":version", item.get(VERSION)))
                            .build())
                    .build();
        }

        Optional<InlineView> find(String key) {
            Map<String, AttributeValue> document = dynamoDb.getItem(b -> b.tableName(spec.tableName())
                            .key(Map.of(spec.keyAttribute(), AttributeValue.fromS(key)))
                            .consistentRead(true))
                    .item();
            if (document == null || document.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> attributes = new HashMap<>();
            long version = 0;
            for (Map.Entry<String, AttributeValue> entry : document.entrySet()) {
                String name = entry.getKey();
                if (name.equals(VERSION)) {
                    version = Long.parseLong(entry.getValue().n());
                } else if (!name.equals(spec.keyAttribute())) {
                    attributes.put(name, value(name, entry.getValue()));
                }
            }
            return Optional.of(new InlineView(spec.view(), key, version, attributes));
        }

        private static AttributeValue attribute(Object value) {
            return switch (value) {
                case String text -> AttributeValue.fromS(text);
                case Boolean flag -> AttributeValue.fromBool(flag);
                case Number number -> AttributeValue.fromN(Long.toString(number.longValue()));
                default -> throw new IllegalArgumentException("unsupported view value " + value.getClass());
            };
        }

        private Object value(String name, AttributeValue value) {
            if (value.s() != null) {
                return value.s();
            }
            if (value.n() != null) {
                return Long.parseLong(value.n());
            }
            if (value.bool() != null) {
                return value.bool();
            }
            throw new IllegalStateException(
                    "attribute " + name + " of view " + spec.view() + " has a type no inline view writes: " + value);
        }
    }
}

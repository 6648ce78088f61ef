package dev.eventline.eventstore.dynamodb;

import dev.eventline.eventstore.InlineView;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.AttributeConverterProvider;
import software.amazon.awssdk.enhanced.dynamodb.AttributeValueType;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.document.EnhancedDocument;
import software.amazon.awssdk.enhanced.dynamodb.model.GetItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactPutItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.TransactWriteItemsEnhancedRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
    Bound bind(DynamoDbEnhancedClient enhanced) {
        TableSchema<EnhancedDocument> schema = TableSchema.documentSchemaBuilder()
                .addIndexPartitionKey(TableMetadata.primaryIndexName(), keyAttribute, AttributeValueType.S)
                .attributeConverterProviders(AttributeConverterProvider.defaultProvider())
                .build();
        return new Bound(this, enhanced.table(tableName, schema));
    }

    record Bound(InlineViewTable spec, DynamoDbTable<EnhancedDocument> table) {

        void addTo(TransactWriteItemsEnhancedRequest.Builder transaction, InlineView view) {
            Map<String, AttributeValue> item = new HashMap<>();
            view.attributes().forEach((name, value) -> item.put(name, attribute(value)));
            item.put(spec.keyAttribute(), AttributeValue.fromS(view.key()));
            item.put(VERSION, AttributeValue.fromN(Long.toString(view.version())));
            transaction.addPutItem(
                    table,
                    TransactPutItemEnhancedRequest.builder(EnhancedDocument.class)
                            .item(EnhancedDocument.fromAttributeValueMap(item))
                            // the events' own conditions make the write atomic; this one keeps a view from going back
                            .conditionExpression(Expression.builder()
                                    .expression("attribute_not_exists(#version) OR #version < :version")
                                    .putExpressionName("#version", VERSION)
                                    .putExpressionValue(":version", item.get(VERSION))
                                    .build())
                            .build());
        }

        Optional<InlineView> find(String key) {
            EnhancedDocument document = table.getItem(GetItemEnhancedRequest.builder()
                    .key(Key.builder().partitionValue(key).build())
                    .consistentRead(true)
                    .build());
            if (document == null) {
                return Optional.empty();
            }
            Map<String, Object> attributes = new HashMap<>();
            long version = 0;
            for (Map.Entry<String, AttributeValue> entry : document.toMap().entrySet()) {
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

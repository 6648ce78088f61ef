package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.EventSubscription;
import dev.eventline.infrastructure.constructs.QueueConsumer;
import dev.eventline.infrastructure.constructs.ReadModelTable;
import dev.eventline.infrastructure.constructs.TableAccess;
import java.util.List;
import software.amazon.awscdk.services.events.IEventBus;
import software.constructs.Construct;

/**
 * When an order ships, notify the customer: the {@code OrderShipped} events of the bus go to a
 * queue whose consumer records (and deduplicates, by event id) each notification.
 */
public final class ShippingNotifications extends Construct {

    public static final String SOURCE = "eventline.ordering";
    public static final String DETAIL_TYPE = "OrderShipped";

    private final ReadModelTable notifications;
    private final QueueConsumer consumer;
    private final EventSubscription subscription;

    ShippingNotifications(Construct scope, String id, Deployment deployment, IEventBus bus, Alerting alerting) {
        super(scope, id);
        ResourceNames names = deployment.names();
        var config = deployment.config();
        this.notifications = new ReadModelTable(
                this,
                "Notifications",
                ReadModelTable.Props.builder()
                        .tableName(names.shippingNotificationsTable())
                        .partitionKey("eventId")
                        .timeToLiveAttribute("expiresAt")
                        .removalPolicy(config.removalPolicy())
                        .deletionProtection(config.deletionProtection())
                        .build());
        this.consumer = new QueueConsumer(
                this,
                "Consumer",
                QueueConsumer.Props.builder()
                        .queueName(names.shippingNotificationsQueue())
                        .deadLetterQueueName(names.shippingNotificationsDlq())
                        .function(deployment
                                .function(FunctionSpec.SHIPPING_NOTIFICATIONS, alerting)
                                .environment(
                                        "NOTIFICATIONS_TABLE",
                                        notifications.table().getTableName())
                                .build())
                        .consumption(config.queues())
                        .removalPolicy(config.removalPolicy())
                        .alerting(alerting)
                        .build());
        // a notification is recorded once, by a conditional put keyed by the event id; nothing reads, updates or
        // deletes it
        notifications.grant(consumer.function().grantee(), TableAccess.PUT_AND_GET);
        this.subscription = new EventSubscription(
                this,
                "OrderShipped",
                EventSubscription.Props.builder()
                        .ruleName(names.orderShippedRule())
                        .description("OrderShipped events to " + names.shippingNotificationsQueue())
                        .bus(bus)
                        .sources(List.of(SOURCE))
                        .detailTypes(List.of(DETAIL_TYPE))
                        .target(consumer.queue())
                        .deadLetterQueueName(names.shippingRuleDlq())
                        .deadLetterRetention(config.queues().deadLetterRetention())
                        .removalPolicy(config.removalPolicy())
                        .alerting(alerting)
                        .build());
    }

    public ReadModelTable notifications() {
        return notifications;
    }

    public QueueConsumer consumer() {
        return consumer;
    }

    public EventSubscription subscription() {
        return subscription;
    }
}

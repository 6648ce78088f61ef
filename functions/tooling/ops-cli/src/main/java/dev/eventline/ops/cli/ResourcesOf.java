package dev.eventline.ops.cli;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.operations.Resources;
import dev.eventline.operations.Resources.Checkpoint;
import dev.eventline.operations.Resources.Consumer;
import dev.eventline.operations.Resources.EventContext;
import dev.eventline.operations.Resources.QueueDeadLetters;
import java.util.List;
import java.util.Optional;

/**
 * The operations library's view of one environment, named by the stacks' {@link ResourceNames}, and
 * where each consumer keeps its checkpoint (the projector: the order summary's {@code version}; the
 * publisher: its checkpoints table; the chaser keeps none).
 */
final class ResourcesOf {
    private ResourcesOf() {}

    static Resources names(ResourceNames names) {
        return new Resources(
                List.of(
                        new EventContext("ordering", "Order", names.orderingEventsTable()),
                        new EventContext("accounts", "Account", names.accountsEventsTable())),
                List.of(
                        new Consumer(
                                names.function(FunctionSpec.ORDERING_PROJECTOR),
                                "ordering",
                                Optional.of(new Checkpoint(names.orderSummaryTable(), "orderId", "Order-", "version")),
                                names.orderingProjectorDlq()),
                        new Consumer(
                                names.function(FunctionSpec.ORDERING_PUBLISHER),
                                "ordering",
                                Optional.of(new Checkpoint(
                                        names.orderingPublisherCheckpointsTable(), "streamId", "", "version")),
                                names.orderingPublisherDlq()),
                        new Consumer(
                                names.function(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER),
                                "accounts",
                                Optional.empty(),
                                names.accountsSnapshotChaserDlq())),
                List.of(
                        new QueueDeadLetters(
                                names.shippingNotificationsDlq(),
                                Optional.of(names.shippingNotificationsQueue()),
                                "messages " + names.function(FunctionSpec.SHIPPING_NOTIFICATIONS) + " gave up on"),
                        new QueueDeadLetters(
                                names.shippingRuleDlq(),
                                Optional.of(names.shippingNotificationsQueue()),
                                "events rule " + names.orderShippedRule() + " could not deliver")),
                names.eventBus(),
                names.eventArchive());
    }
}

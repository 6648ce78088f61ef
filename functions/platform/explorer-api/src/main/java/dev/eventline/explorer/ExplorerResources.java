package dev.eventline.explorer;

import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.operations.Resources;
import dev.eventline.operations.Resources.Checkpoint;
import dev.eventline.operations.Resources.Consumer;
import dev.eventline.operations.Resources.EventContext;
import dev.eventline.operations.Resources.QueueDeadLetters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operations library's view of the environment, from the function's variables (the ops CLI
 * builds the same from the stacks' names): where each consumer keeps its checkpoint (the projector:
 * the order summary's {@code version}; the publisher: its checkpoints table; the chaser keeps none).
 */
final class ExplorerResources {
    static final String ORDERING_EVENTS_TABLE = "ORDERING_EVENTS_TABLE";
    static final String ACCOUNTS_EVENTS_TABLE = "ACCOUNTS_EVENTS_TABLE";
    static final String ORDER_SUMMARY_TABLE = "ORDER_SUMMARY_TABLE";
    static final String PUBLISHER_CHECKPOINTS_TABLE = "PUBLISHER_CHECKPOINTS_TABLE";
    static final String PROJECTOR_FUNCTION = "PROJECTOR_FUNCTION";
    static final String PROJECTOR_DLQ = "PROJECTOR_DLQ";
    static final String PUBLISHER_FUNCTION = "PUBLISHER_FUNCTION";
    static final String PUBLISHER_DLQ = "PUBLISHER_DLQ";
    static final String SNAPSHOT_CHASER_FUNCTION = "SNAPSHOT_CHASER_FUNCTION";
    static final String SNAPSHOT_CHASER_DLQ = "SNAPSHOT_CHASER_DLQ";
    static final String SHIPPING_QUEUE = "SHIPPING_QUEUE";
    static final String SHIPPING_DLQ = "SHIPPING_DLQ";
    static final String SHIPPING_RULE_DLQ = "SHIPPING_RULE_DLQ";
    static final String EVENT_BUS_NAME = "EVENT_BUS_NAME";
    static final String EVENT_ARCHIVE_NAME = "EVENT_ARCHIVE_NAME";

    private ExplorerResources() {}

    /**
     * The stream consumers; the snapshot chaser only where it is deployed (the accounts' snapshot
     * strategy is {@code chaser}: the stack then sets its two variables).
     */
    private static List<Consumer> consumers(LambdaEnvironment env) {
        List<Consumer> consumers = new ArrayList<>(List.of(
                new Consumer(
                        env.require(PROJECTOR_FUNCTION),
                        "ordering",
                        Optional.of(new Checkpoint(env.require(ORDER_SUMMARY_TABLE), "orderId", "Order-", "version")),
                        env.require(PROJECTOR_DLQ)),
                new Consumer(
                        env.require(PUBLISHER_FUNCTION),
                        "ordering",
                        Optional.of(
                                new Checkpoint(env.require(PUBLISHER_CHECKPOINTS_TABLE), "streamId", "", "version")),
                        env.require(PUBLISHER_DLQ))));
        env.optional(SNAPSHOT_CHASER_FUNCTION)
                .ifPresent(chaser -> consumers.add(
                        new Consumer(chaser, "accounts", Optional.empty(), env.require(SNAPSHOT_CHASER_DLQ))));
        return List.copyOf(consumers);
    }

    static Resources fromEnvironment(LambdaEnvironment env) {
        return new Resources(
                List.of(
                        new EventContext("ordering", "Order", env.require(ORDERING_EVENTS_TABLE)),
                        new EventContext("accounts", "Account", env.require(ACCOUNTS_EVENTS_TABLE))),
                consumers(env),
                List.of(
                        new QueueDeadLetters(
                                env.require(SHIPPING_DLQ),
                                Optional.of(env.require(SHIPPING_QUEUE)),
                                "messages the shipping notifications function gave up on"),
                        new QueueDeadLetters(
                                env.require(SHIPPING_RULE_DLQ),
                                Optional.of(env.require(SHIPPING_QUEUE)),
                                "events the OrderShipped rule could not deliver")),
                env.require(EVENT_BUS_NAME),
                env.require(EVENT_ARCHIVE_NAME));
    }
}

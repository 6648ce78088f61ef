package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.getAtt;
import static dev.eventline.infrastructure.support.Resources.logicalId;
import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

class QueuesTest {

    private static final int FOURTEEN_DAYS = 14 * 24 * 3600;

    private static List<String> deadLetterQueues(Synthesized synthesized) {
        var names = synthesized.names();
        return List.of(
                names.orderingProjectorDlq(),
                names.orderingPublisherDlq(),
                names.shippingNotificationsDlq(),
                names.shippingRuleDlq());
    }

    @ForEachEnvironment
    void deadLetterQueuesKeepMessagesFourteenDaysEncryptedBehindTls(String env) {
        var synthesized = Synthesized.environment(env);
        for (String queue : deadLetterQueues(synthesized)) {
            assertDeadLetterQueue(synthesized.ordering(), queue, synthesized);
        }
        assertDeadLetterQueue(synthesized.accounts(), synthesized.names().accountsSnapshotChaserDlq(), synthesized);
        assertDeadLetterQueue(synthesized.accounts(), synthesized.names().accountsProjectorDlq(), synthesized);
    }

    private static void assertDeadLetterQueue(Template template, String queueName, Synthesized synthesized) {
        var queue = resource(template, "AWS::SQS::Queue", "QueueName", queueName);
        assertThat(properties(queue)).containsEntry("MessageRetentionPeriod", FOURTEEN_DAYS);
        assertEncrypted(queue, synthesized);
        assertThat(queue).containsEntry("DeletionPolicy", synthesized.name().equals("dev") ? "Delete" : "Retain");
        assertTlsEnforced(template, queueName);
    }

    /** SQS-managed in dev; the context's customer-managed key in staging and prod (the records parked hold events). */
    private static void assertEncrypted(Map<String, Object> queue, Synthesized synthesized) {
        if (synthesized.config().customerManagedKeys()) {
            assertThat(properties(queue)).doesNotContainKey("SqsManagedSseEnabled");
            assertThat(String.valueOf(properties(queue).get("KmsMasterKeyId"))).contains("EncryptionKey");
        } else {
            assertThat(properties(queue)).containsEntry("SqsManagedSseEnabled", true);
        }
    }

    private static void assertTlsEnforced(Template template, String queueName) {
        String id = logicalId(template, "AWS::SQS::Queue", "QueueName", queueName);
        template.hasResourceProperties(
                "AWS::SQS::QueuePolicy",
                Match.objectLike(Map.of(
                        "Queues", List.of(Map.of("Ref", id)),
                        "PolicyDocument",
                                Match.objectLike(Map.of(
                                        "Statement",
                                        Match.arrayWith(List.of(Match.objectLike(Map.of(
                                                "Effect", "Deny",
                                                "Action", "sqs:*",
                                                "Condition",
                                                        Map.of("Bool", Map.of("aws:SecureTransport", "false")))))))))));
    }

    @ForEachEnvironment
    void shippingQueueOutlastsSixFunctionTimeoutsAndRedrivesAfterFiveReceives(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        Template ordering = synthesized.ordering();
        var queue = properties(resource(ordering, "AWS::SQS::Queue", "QueueName", names.shippingNotificationsQueue()));
        long timeout = synthesized
                .config()
                .sizing(FunctionSpec.SHIPPING_NOTIFICATIONS)
                .timeout()
                .toSeconds();
        assertThat(((Number) queue.get("VisibilityTimeout")).longValue()).isGreaterThanOrEqualTo(6 * timeout);
        assertThat(queue.get("RedrivePolicy"))
                .isEqualTo(Map.of(
                        "deadLetterTargetArn",
                        getAtt(
                                logicalId(ordering, "AWS::SQS::Queue", "QueueName", names.shippingNotificationsDlq()),
                                "Arn"),
                        "maxReceiveCount",
                        5));
        assertEncrypted(
                resource(ordering, "AWS::SQS::Queue", "QueueName", names.shippingNotificationsQueue()), synthesized);
        assertTlsEnforced(ordering, names.shippingNotificationsQueue());
    }

    @ForEachEnvironment
    void thereAreExactlyTheNamedQueues(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        assertThat(synthesized.ordering().findResources("AWS::SQS::Queue").values().stream()
                        .map(queue -> properties(queue).get("QueueName"))
                        .toList())
                .containsExactlyInAnyOrder(
                        names.orderingProjectorDlq(),
                        names.orderingPublisherDlq(),
                        names.shippingNotificationsQueue(),
                        names.shippingNotificationsDlq(),
                        names.shippingRuleDlq());
        assertThat(synthesized.accounts().findResources("AWS::SQS::Queue").values().stream()
                        .map(queue -> properties(queue).get("QueueName"))
                        .toList())
                .containsExactlyInAnyOrder(names.accountsSnapshotChaserDlq(), names.accountsProjectorDlq());
    }
}

package dev.eventline.infrastructure.config;

import java.util.Objects;

/**
 * The physical names of every resource: a contract with the local emulator (it provisions from the
 * exported templates by these names), with dashboards and with the Lambda code (environment
 * variables). Changing one replaces the resource.
 */
public record ResourceNames(String env) {

    public ResourceNames {
        Objects.requireNonNull(env, "env");
    }

    /** {@code eventline-<env>-<suffix>}. */
    public String of(String suffix) {
        return prefix() + "-" + suffix;
    }

    public String prefix() {
        return "eventline-" + env;
    }

    public String stack(String concern) {
        return "Eventline-" + env + "-" + concern;
    }

    /**
     * {@code /eventline/<env>/<context>/consistency-token-key}: the SecureString parameter of a
     * context's consistency-token keys. Put by the bootstrap step, not by CloudFormation (which
     * cannot create a SecureString); see docs/security.md.
     */
    public String consistencyKeyParameter(String context) {
        return "/eventline/" + env + "/" + context + "/consistency-token-key";
    }

    // platform
    public String eventBus() {
        return prefix();
    }

    public String eventArchive() {
        return of("archive");
    }

    public String schemaRegistry() {
        return prefix();
    }

    public String alarmTopic() {
        return of("alarms");
    }

    public String alarmTopicKeyAlias() {
        return "alias/" + of("alarms");
    }

    public String dashboard() {
        return prefix();
    }

    // ordering
    /** The role named in the events tables' policies as the only one that may change or delete an event. */
    public String eventsBreakGlassRole() {
        return of("events-break-glass");
    }

    /** Wrapped per-customer data keys of the ordering context (crypto-shredding). */
    public String orderingPersonalDataKeysTable() {
        return of("ordering-personal-data-keys");
    }

    public String orderingPersonalDataKeyAlias() {
        return "alias/" + of("ordering-personal-data");
    }

    /** Wrapped per-owner data keys of the accounts context: the account holder's name (crypto-shredding). */
    public String accountsPersonalDataKeysTable() {
        return of("accounts-personal-data-keys");
    }

    public String accountsPersonalDataKeyAlias() {
        return "alias/" + of("accounts-personal-data");
    }

    /** The customer-managed key of one context's tables, queues and log groups (staging, prod). */
    public String contextKeyAlias(String context) {
        return "alias/" + of(context);
    }

    public String orderingEventsTable() {
        return of("ordering-events");
    }

    public String orderingIdempotencyTable() {
        return of("ordering-idempotency");
    }

    public String orderSummaryTable() {
        return of("order-summary");
    }

    public String ordersByCustomerTable() {
        return of("orders-by-customer");
    }

    public String dailySalesTable() {
        return of("daily-sales");
    }

    public String orderingProjectorDlq() {
        return of("ordering-projector-dlq");
    }

    public String orderingPublisherDlq() {
        return of("ordering-publisher-dlq");
    }

    /** The last version the publisher put on the bus, per stream. */
    public String orderingPublisherCheckpointsTable() {
        return of("ordering-publisher-checkpoints");
    }

    /** Server push: one item per WebSocket connection and subscription key ({@code Subscriptions}). */
    public String pushConnectionsTable() {
        return of("ordering-push-connections");
    }

    /** The WebSocket API of server push. */
    public String pushApi() {
        return of("push");
    }

    /**
     * {@code /eventline/<env>/ordering/push-<what>}: the push API's id, its stage's https callback URL and
     * its wss:// URL, put by the Ordering stack for other stacks, which read them through CloudFormation
     * dynamic references (stacks share names, not exports).
     */
    public String pushParameter(String what) {
        return "/eventline/" + env + "/ordering/push-" + what;
    }

    /** A CloudFormation dynamic reference to {@link #pushParameter}: resolved at deployment. */
    public String pushParameterValue(String what) {
        return "{{resolve:ssm:" + pushParameter(what) + "}}";
    }

    public String pushAccessLogGroup() {
        return "/aws/vendedlogs/apigateway/" + of("push") + "/access";
    }

    // shipping
    public String shippingNotificationsTable() {
        return of("shipping-notifications");
    }

    public String shippingNotificationsQueue() {
        return of("shipping-notifications");
    }

    public String shippingNotificationsDlq() {
        return of("shipping-notifications-dlq");
    }

    public String shippingRuleDlq() {
        return of("shipping-rule-dlq");
    }

    public String orderShippedRule() {
        return of("order-shipped");
    }

    // accounts
    public String accountsEventsTable() {
        return of("accounts-events");
    }

    public String accountsIdempotencyTable() {
        return of("accounts-idempotency");
    }

    public String accountsSnapshotsTable() {
        return of("accounts-snapshots");
    }

    /** The inline balance view, written with the accounts' events. */
    public String accountBalancesTable() {
        return of("account-balances");
    }

    public String accountsSnapshotChaserDlq() {
        return of("accounts-snapshot-chaser-dlq");
    }

    public String accountsProjectorDlq() {
        return of("accounts-projector-dlq");
    }

    /** The accounts projector's checkpoint per account (folded state and version). */
    public String accountProjectionsTable() {
        return of("account-projections");
    }

    public String accountsByOwnerTable() {
        return of("accounts-by-owner");
    }

    public String balanceHistoryTable() {
        return of("balance-history");
    }

    /** The distributed rebuild's state machine (a Distributed Map over an export of the events table). */
    public String orderingRebuildStateMachine() {
        return of("ordering-rebuild");
    }

    /** {@code arn:aws:states:<region>:<account>:stateMachine:<name>}: what the CLI starts. */
    public String orderingRebuildStateMachineArn(String partition, String region, String account) {
        return "arn:" + partition + ":states:" + region + ":" + account + ":stateMachine:"
                + orderingRebuildStateMachine();
    }

    /**
     * {@code eventline-<env>-rebuild-exports-<account>-<region>}: the bucket the events table is
     * exported into for a distributed rebuild; a bucket name is global, so it carries account and
     * region (tokens in the template, the caller's own when the CLI looks it up).
     */
    public String rebuildExportBucket(String account, String region) {
        return of("rebuild-exports-" + account + "-" + region);
    }

    // functions and API
    public String function(FunctionSpec spec) {
        return of(spec.service());
    }

    public String functionLogGroup(FunctionSpec spec) {
        return "/aws/lambda/" + function(spec);
    }

    public String httpApi() {
        return of("api");
    }

    public String apiAccessLogGroup() {
        return "/aws/vendedlogs/apigateway/" + of("api") + "/access";
    }

    /** {@code eventline-<env>-<resource>-<condition>}, e.g. {@code eventline-dev-ordering-projector-errors}. */
    public String alarm(String resourceName, String condition) {
        String resource =
                resourceName.startsWith(prefix() + "-") ? resourceName.substring(prefix().length() + 1) : resourceName;
        return of(resource + "-" + condition);
    }
}

package dev.eventline.infrastructure.config;

/**
 * The catalogue of Lambda functions Eventline deploys: which Maven module builds each one, which
 * class handles it, and the service name it reports under (Powertools {@code Service} dimension,
 * and the suffix of its physical name {@code eventline-<env>-<service>}).
 */
public enum FunctionSpec {
    ORDERING_COMMAND_API(
            "ordering-command-api",
            "ordering",
            "ordering-command-api",
            "dev.eventline.ordering.commandapi.CommandApiHandler"),
    ORDERING_QUERY_API(
            "ordering-query-api", "ordering", "ordering-query-api", "dev.eventline.ordering.queryapi.QueryApiHandler"),
    ORDERING_PROJECTOR(
            "ordering-projector",
            "ordering",
            "ordering-projector",
            "dev.eventline.ordering.projector.ProjectionHandler"),
    ORDERING_PUBLISHER(
            "ordering-publisher",
            "ordering",
            "ordering-publisher",
            "dev.eventline.ordering.publisher.PublisherHandler"),
    ORDERING_VERIFIER(
            "ordering-verifier", "ordering", "ordering-verifier", "dev.eventline.ordering.verifier.VerifierHandler"),
    /** A child of the distributed rebuild's map: folds the streams one export data file names. */
    ORDERING_REBUILD_WORKER(
            "ordering-rebuild-worker",
            "ordering",
            "ordering-rebuild-worker",
            "dev.eventline.ordering.rebuildworker.RebuildWorkerHandler"),
    /** The WebSocket API's routes ($connect, $default subscribe/unsubscribe, $disconnect). */
    ORDERING_PUSH("ordering-push", "ordering", "ordering-push", "dev.eventline.ordering.push.PushHandler"),
    /** The WebSocket API's $connect authorizer: the same jar as {@link #ORDERING_PUSH}, another handler. */
    ORDERING_PUSH_AUTHORIZER(
            "ordering-push-authorizer",
            "ordering",
            "ordering-push",
            "dev.eventline.ordering.push.ConnectAuthorizerHandler"),
    SHIPPING_NOTIFICATIONS(
            "shipping-notifications",
            "shipping",
            "shipping-notifications",
            "dev.eventline.shipping.ShippingNotificationsHandler"),
    ACCOUNTS_API("accounts-api", "accounts", "accounts-api", "dev.eventline.accounts.api.AccountsApiHandler"),
    ACCOUNTS_SNAPSHOT_CHASER(
            "accounts-snapshot-chaser",
            "accounts",
            "snapshot-chaser",
            "dev.eventline.accounts.snapshots.SnapshotChaserHandler"),
    /** The time-based snapshot strategy: run by an EventBridge schedule, deployed only when it is chosen. */
    ACCOUNTS_SCHEDULED_SNAPSHOTS(
            "accounts-scheduled-snapshots",
            "accounts",
            "snapshot-chaser",
            "dev.eventline.accounts.snapshots.ScheduledSnapshotsHandler"),
    ACCOUNTS_PROJECTOR(
            "accounts-projector",
            "accounts",
            "accounts-projector",
            "dev.eventline.accounts.projector.AccountProjectionHandler"),
    /** Staff only: what the event explorer console needs beyond the public API; reads every context. */
    EXPLORER_API("explorer-api", "platform", "explorer-api", "dev.eventline.explorer.ExplorerApiHandler");

    private final String service;
    private final String group;
    private final String module;
    private final String handlerClass;

    FunctionSpec(String service, String group, String module, String handlerClass) {
        this.service = service;
        this.group = group;
        this.module = module;
        this.handlerClass = handlerClass;
    }

    /** Powertools service name, also the suffix of the physical function name. */
    public String service() {
        return service;
    }

    /** The Maven module that builds the function's shaded jar. */
    public String module() {
        return module;
    }

    /** The module's directory from the repository root: {@code functions/<group>/<module>}. */
    public String modulePath() {
        return "functions/" + group + "/" + module;
    }

    /** The Lambda handler string, {@code <class>::handleRequest}. */
    public String handler() {
        return handlerClass + "::handleRequest";
    }
}

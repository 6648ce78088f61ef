package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.Alerting;
import dev.eventline.infrastructure.constructs.EventlineFunction;
import dev.eventline.infrastructure.constructs.EventlineHttpApi;
import dev.eventline.infrastructure.constructs.OperationsDashboard;
import dev.eventline.infrastructure.constructs.TableAccess;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The edge and the overview: the HTTP API routing to the {@code live} aliases of the context
 * functions (referenced by name, so the context stacks export nothing), the staff-only explorer
 * function behind the event explorer console, and the environment's dashboard, which needs the API
 * id and addresses everything else by name.
 */
public final class ApiStack extends Stack {

    private final EventlineHttpApi api;
    private final OperationsDashboard dashboard;
    private final EventlineFunction explorer;

    public ApiStack(Construct scope, String id, Deployment deployment) {
        super(scope, id, deployment.stackProps("Eventline HTTP API and operations dashboard"));
        EnvironmentConfig config = deployment.config();
        ResourceNames names = deployment.names();
        Alerting alerting = deployment.alerting(this);

        this.api = new EventlineHttpApi(
                this,
                "HttpApi",
                EventlineHttpApi.Props.builder()
                        .apiName(names.httpApi())
                        .authorization(config.authorization())
                        .throttling(config.throttling())
                        .accessLogGroupName(names.apiAccessLogGroup())
                        .logRetention(config.logRetention())
                        .removalPolicy(config.removalPolicy())
                        .alerting(alerting)
                        .build());
        api.addRoutes("OrderingCommands", live(names, FunctionSpec.ORDERING_COMMAND_API), ApiRoutes.ORDERING_COMMANDS);
        api.addRoutes("OrderingQueries", live(names, FunctionSpec.ORDERING_QUERY_API), ApiRoutes.ORDERING_QUERIES);
        api.addRoutes("Accounts", live(names, FunctionSpec.ACCOUNTS_API), ApiRoutes.ACCOUNTS);

        // The explorer reads every context's events, so it belongs to no context stack; it lives at the edge
        // it serves, and its routes admit staff only (a JWT with the staff scope, or IAM permission to invoke them)
        this.explorer = new EventlineFunction(
                this,
                "Explorer",
                deployment
                        .function(FunctionSpec.EXPLORER_API, alerting)
                        .environment("ORDERING_EVENTS_TABLE", names.orderingEventsTable())
                        .environment("ACCOUNTS_EVENTS_TABLE", names.accountsEventsTable())
                        .build());
        TableAccess.READ.grant(
                Table.fromTableName(this, "OrderingEvents", names.orderingEventsTable()), explorer.grantee());
        TableAccess.READ.grant(
                Table.fromTableName(this, "AccountsEvents", names.accountsEventsTable()), explorer.grantee());
        api.addRoutes("Explorer", explorer.alias(), ApiRoutes.EXPLORER, List.of(ApiRoutes.STAFF_SCOPE));

        this.dashboard = new OperationsDashboard(
                this,
                "Operations",
                OperationsDashboard.Props.builder()
                        .dashboardName(names.dashboard())
                        .api(api.api())
                        .metricsNamespace(config.metricsNamespace())
                        .projectorService(FunctionSpec.ORDERING_PROJECTOR.service())
                        .publisherService(FunctionSpec.ORDERING_PUBLISHER.service())
                        .commandFunctions(List.of(
                                names.function(FunctionSpec.ORDERING_COMMAND_API),
                                names.function(FunctionSpec.ACCOUNTS_API)))
                        .functions(Arrays.stream(FunctionSpec.values())
                                .map(names::function)
                                .toList())
                        .deadLetterQueues(List.of(
                                names.orderingProjectorDlq(),
                                names.orderingPublisherDlq(),
                                names.accountsSnapshotChaserDlq(),
                                names.shippingNotificationsDlq(),
                                names.shippingRuleDlq()))
                        .build());
    }

    private software.amazon.awscdk.services.lambda.IFunction live(ResourceNames names, FunctionSpec spec) {
        String name = names.function(spec);
        return PlatformImports.liveAlias(this, spec.service() + "-live", name);
    }

    public EventlineHttpApi api() {
        return api;
    }

    public EventlineFunction explorer() {
        return explorer;
    }

    public OperationsDashboard dashboard() {
        return dashboard;
    }
}

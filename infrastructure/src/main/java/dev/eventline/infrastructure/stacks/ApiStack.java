package dev.eventline.infrastructure.stacks;

import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.constructs.EventlineHttpApi;
import dev.eventline.infrastructure.constructs.OperationsDashboard;
import java.util.Arrays;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.Construct;

/**
 * The edge and the overview: the HTTP API routing to the {@code live} aliases of the context
 * functions (referenced by name, so the context stacks export nothing), and the environment's
 * dashboard, which needs the API id and addresses everything else by name.
 */
public final class ApiStack extends Stack {

    private final EventlineHttpApi api;
    private final OperationsDashboard dashboard;

    public ApiStack(Construct scope, String id, Deployment deployment) {
        super(scope, id, deployment.stackProps("Eventline HTTP API and operations dashboard"));
        EnvironmentConfig config = deployment.config();
        ResourceNames names = deployment.names();

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
                        .alerting(deployment.alerting(this))
                        .build());
        api.addRoutes("OrderingCommands", live(names, FunctionSpec.ORDERING_COMMAND_API), ApiRoutes.ORDERING_COMMANDS);
        api.addRoutes("OrderingQueries", live(names, FunctionSpec.ORDERING_QUERY_API), ApiRoutes.ORDERING_QUERIES);
        api.addRoutes("Accounts", live(names, FunctionSpec.ACCOUNTS_API), ApiRoutes.ACCOUNTS);

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

    public OperationsDashboard dashboard() {
        return dashboard;
    }
}

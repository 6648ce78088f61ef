package dev.eventline.explorer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.explorer.StreamInspection.StreamContext;
import dev.eventline.http.ExceptionMapping;
import dev.eventline.http.HttpApi;
import dev.eventline.http.Router;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.accounts.AccountsUpcasters;
import dev.eventline.schemas.ordering.OrderingUpcasters;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The staff-only explorer API behind the event explorer console (API Gateway HTTP API, payload
 * 2.0, the one HTTP adapter path). Wiring happens once, in the constructor.
 *
 * <p>Environment: {@code ORDERING_EVENTS_TABLE}, {@code ACCOUNTS_EVENTS_TABLE}, and the Powertools
 * variables for logs and metrics.
 */
public final class ExplorerApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    static final String ORDERING_EVENTS_TABLE = "ORDERING_EVENTS_TABLE";
    static final String ACCOUNTS_EVENTS_TABLE = "ACCOUNTS_EVENTS_TABLE";

    private final Router router;
    private final HttpApi api;

    /** Called by Lambda. */
    public ExplorerApiHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** For the local runtime and tests: the environment the template gives the function. */
    public ExplorerApiHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    ExplorerApiHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        DynamoDbClient dynamoDb = clients.dynamoDb();
        var streams = new StreamInspection(Map.of(
                "Order",
                new StreamContext(
                        OrderingUpcasters.CONTEXT,
                        new DynamoDbEventReader(dynamoDb, env.require(ORDERING_EVENTS_TABLE)),
                        EventSchemas.forContext(OrderingUpcasters.CONTEXT, OrderingUpcasters.upcasters())),
                "Account",
                new StreamContext(
                        AccountsUpcasters.CONTEXT,
                        new DynamoDbEventReader(dynamoDb, env.require(ACCOUNTS_EVENTS_TABLE)),
                        EventSchemas.forContext(AccountsUpcasters.CONTEXT, AccountsUpcasters.upcasters()))));
        this.router = new ExplorerRoutes(streams).register(new Router());
        this.api = new HttpApi(
                "explorer", router, ExceptionMapping.defaults(), Observability.fromEnvironment(env, clock), Map.of());
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event);
    }

    /** What this function serves. */
    List<Router.Route> routes() {
        return router.routes();
    }
}

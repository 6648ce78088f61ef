package dev.eventline.explorer;

import com.amazonaws.services.lambda.runtime.Context;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.explorer.StreamInspection.StreamContext;
import dev.eventline.http.ApiGatewayHandler;
import dev.eventline.http.ExceptionMapping;
import dev.eventline.http.HttpApi;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.http.Router;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.operations.ConsumerLag;
import dev.eventline.operations.DeadLetters;
import dev.eventline.operations.LambdaRedriveTarget;
import dev.eventline.operations.Resources;
import dev.eventline.schemas.EventSchemas;
import dev.eventline.schemas.accounts.AccountsUpcasters;
import dev.eventline.schemas.ordering.OrderingUpcasters;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The staff-only explorer API behind the event explorer console (API Gateway HTTP API, payload
 * 2.0, the one HTTP adapter path). Wiring happens once, in the constructor.
 *
 * <p>Environment: the events tables, the consumers, their checkpoints and dead-letter queues as
 * {@link ExplorerResources} names them, optionally {@code AWS_ENDPOINT_URL_LAMBDA}, and the Powertools
 * variables for logs and metrics.
 */
public final class ExplorerApiHandler implements ApiGatewayHandler {
    static final String ORDERING_EVENTS_TABLE = ExplorerResources.ORDERING_EVENTS_TABLE;
    static final String ACCOUNTS_EVENTS_TABLE = ExplorerResources.ACCOUNTS_EVENTS_TABLE;

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
        Resources resources = ExplorerResources.fromEnvironment(env);
        LambdaClient lambda = lambdaClient(env);
        var operations = new OperationsRoutes(
                resources,
                new ConsumerLag(dynamoDb, resources, clock),
                new DeadLetters(clients.sqs(), dynamoDb, resources),
                consumer -> LambdaRedriveTarget.of(lambda, dynamoDb, resources, consumer));
        this.router = operations.register(new ExplorerRoutes(streams).register(new Router()));
        this.api = new HttpApi(
                "explorer", router, ExceptionMapping.defaults(), Observability.fromEnvironment(env, clock), Map.of());
    }

    /**
     * Lambda's client, as {@link AwsClients} builds the others: the redrive invokes the consumers' live
     * aliases. {@code AWS_ENDPOINT_URL_LAMBDA} (the SDK's own name for it) points it at the local runtime,
     * which runs the consumers.
     */
    private static LambdaClient lambdaClient(LambdaEnvironment env) {
        var builder = LambdaClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.of(env.optional("AWS_REGION").orElse("us-east-1")));
        if (env.optional("AWS_ACCESS_KEY_ID").isPresent()
                && env.optional("AWS_SECRET_ACCESS_KEY").isPresent()
                && env.optional("AWS_SESSION_TOKEN").isEmpty()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY"))));
        } else {
            builder.credentialsProvider(EnvironmentVariableCredentialsProvider.create());
        }
        env.optional("AWS_ENDPOINT_URL_LAMBDA")
                .or(() -> env.optional("AWS_ENDPOINT_URL"))
                .ifPresent(url -> builder.endpointOverride(URI.create(url)));
        return builder.build();
    }

    @Override
    public HttpApiResponse handleRequest(HttpApiEvent event, Context context) {
        return api.handle(event);
    }

    /** What this function serves. */
    List<Router.Route> routes() {
        return router.routes();
    }
}

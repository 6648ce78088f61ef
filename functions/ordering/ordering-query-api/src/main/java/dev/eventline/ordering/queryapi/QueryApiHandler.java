package dev.eventline.ordering.queryapi;

import com.amazonaws.services.lambda.runtime.Context;
import dev.eventline.eventstore.EventCodec;
import dev.eventline.eventstore.EventReader;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.http.ApiGatewayHandler;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.ExceptionMapping;
import dev.eventline.http.HttpApi;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.http.Router;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelTables;
import dev.eventline.personaldata.PersonalDataVault;
import dev.eventline.personaldata.SealedToken;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The order query API (API Gateway HTTP API, payload 2.0): orders from the order-summary
 * projection, with read-your-writes through the events table, time travel and the audit trail;
 * a customer's orders from orders-by-customer. Conventions as the command API: problem+json
 * errors, validated path ids, ETags. Wiring happens once, in the constructor.
 *
 * <p>Environment: {@code EVENTS_TABLE}, {@code ORDER_SUMMARY_TABLE}, {@code ORDERS_BY_CUSTOMER_TABLE},
 * {@code DAILY_SALES_TABLE}, and the Powertools variables for logs and metrics.
 */
public final class QueryApiHandler implements ApiGatewayHandler, Resource {
    private final Router router;
    private final HttpApi api;
    private final Clock clock;
    private final Supplier<Function<String, Optional<String>>> contacts;
    private final OrderLookup lookup;
    private final OrderHistory history;
    private final OrderReadModels readModels;
    private final ConsistencyTokens tokens;

    /** Called by Lambda; registers the SnapStart priming hook (a no-op without SnapStart). */
    public QueryApiHandler() {
        this(LambdaEnvironment.fromSystem());
        Core.getGlobalContext().register(this);
    }

    /** For the local runtime and tests: the environment the template gives the function. */
    public QueryApiHandler(LambdaEnvironment env) {
        this(env, Clock.systemUTC());
    }

    private QueryApiHandler(LambdaEnvironment env, Clock clock) {
        this(
                env,
                new AwsClients(env),
                new OrderEventCodec(),
                clock,
                Observability.fromEnvironment(env, clock),
                Thread::sleep);
    }

    /** For tests: metered clients, a chosen codec, clock and observability, no real sleeping. */
    QueryApiHandler(
            LambdaEnvironment env,
            AwsClients clients,
            EventCodec<OrderEvent> codec,
            Clock clock,
            Observability observability,
            OrderLookup.Sleeper sleeper) {
        this(env, clients, codec, clock, observability, sleeper, ConsistencyTokens.fromEnvironment(env));
    }

    /** For tests that give the keys themselves (no parameter store behind the environment). */
    QueryApiHandler(
            LambdaEnvironment env,
            AwsClients clients,
            EventCodec<OrderEvent> codec,
            Clock clock,
            Observability observability,
            OrderLookup.Sleeper sleeper,
            ConsistencyTokens tokens) {
        this.clock = clock;
        DynamoDbClient dynamoDb = clients.dynamoDb();
        EventReader events = new DynamoDbEventReader(dynamoDb, env.require("EVENTS_TABLE"));
        this.readModels = new OrderReadModels(
                dynamoDb, new GenerationPointers(dynamoDb, ReadModelTables.fromEnvironment(env), clock));
        this.history = new OrderHistory(events, codec);
        this.lookup = new OrderLookup(readModels, history, clock, sleeper);
        this.contacts = contacts(env, clients, clock);
        this.tokens = tokens;
        this.router = new OrderQueryRoutes(lookup, history, readModels, observability.metrics(), contacts, tokens)
                .register(new Router());
        // the read source goes into the access line: which reads the projection could not serve
        this.api = new HttpApi(
                "order-query",
                router,
                ExceptionMapping.defaults(),
                observability,
                Map.of(OrderQueryRoutes.READ_SOURCE, "readSource"));
    }

    /**
     * Opens sealed contacts with a session per request. Without a configured key a sealed contact
     * cannot be shown, and showing it as erased would be a lie: the request fails instead.
     */
    private static Supplier<Function<String, Optional<String>>> contacts(
            LambdaEnvironment env, AwsClients clients, Clock clock) {
        Optional<String> key = env.optional(PersonalDataVault.MASTER_KEY_VARIABLE);
        Optional<String> table = env.optional(PersonalDataVault.KEYS_TABLE_VARIABLE);
        if (key.isEmpty() || table.isEmpty()) {
            return () -> token -> {
                throw new IllegalStateException("a sealed contact, but no personal-data key configured ("
                        + PersonalDataVault.MASTER_KEY_VARIABLE + ", " + PersonalDataVault.KEYS_TABLE_VARIABLE + ")");
            };
        }
        var vault = new PersonalDataVault(
                clients.build(KmsClient.builder()), clients.dynamoDb(), key.get(), table.get(), clock);
        return () -> {
            PersonalDataVault.Session session = vault.session();
            return token -> session.open(SealedToken.parse(token)
                    .orElseThrow(() -> new IllegalStateException("the order's contact is not a sealed token")));
        };
    }

    @Override
    public HttpApiResponse handleRequest(HttpApiEvent event, Context context) {
        return api.handle(event);
    }

    /** What this function serves; the OpenAPI document is checked against it. */
    List<Router.Route> routes() {
        return router.routes();
    }

    /** Before a SnapStart snapshot: see {@link #prime()}. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    /**
     * Runs {@link Priming}'s queries through a copy of the routes over the real readers, outside
     * the access log and metrics (a metric counted here would be reported by every container
     * restored from the snapshot).
     *
     * @return the status of each priming request
     */
    List<Integer> prime() {
        Observability priming = Observability.priming(clock);
        HttpApi copy = new HttpApi(
                "order-query",
                new OrderQueryRoutes(lookup, history, readModels, priming.metrics(), contacts, tokens)
                        .register(new Router()),
                ExceptionMapping.defaults(),
                priming,
                Map.of(OrderQueryRoutes.READ_SOURCE, "readSource"));
        return Priming.run(ApiGatewayHandler.throughTheWire(copy::handle));
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK replaces pooled connections that went stale in the snapshot
    }
}

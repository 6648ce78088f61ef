package dev.eventline.ordering.commandapi;

import com.amazonaws.services.lambda.runtime.Context;
import dev.eventline.eventstore.ConflictRetries;
import dev.eventline.eventstore.EventStore;
import dev.eventline.eventstore.InMemoryEventStore;
import dev.eventline.eventstore.dynamodb.DynamoDbEventStore;
import dev.eventline.http.ApiGatewayHandler;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.ExceptionMapping;
import dev.eventline.http.HttpApi;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.http.HttpApiResponse;
import dev.eventline.http.Router;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.ordering.OrderRule;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.personaldata.PersonalDataVault;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.crac.Core;
import org.crac.Resource;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * The order command API (API Gateway HTTP API, payload 2.0). A thin adapter: all wiring (SDK
 * client, event store, executor, routes) is built once in the constructor, during the cold start,
 * and {@link #handleRequest} only hands the event on. The routes live in {@link OrderRoutes}.
 *
 * <p>Configuration: {@code EVENTS_TABLE} and {@code IDEMPOTENCY_TABLE} (set by the CDK stack);
 * optional {@code CONFLICT_RETRY_BUDGET_MS} (how long lost races are retried, default 3000);
 * {@code CONSISTENCY_KEY_PARAMETER}, the SecureString parameter of the token keys (read once here);
 * {@code AWS_ENDPOINT_URL} only for the local emulator.
 *
 * <p>SnapStart ready: the Lambda constructor registers a CRaC hook that primes the request path
 * before the snapshot (see {@link Priming}); without SnapStart the hook never runs.
 */
public final class CommandApiHandler implements ApiGatewayHandler, Resource {
    /** Rule codes that are not a 422: a command on an order that does not exist is about a missing resource. */
    static final Map<String, Integer> STATUS_BY_RULE_CODE = Map.of(OrderRule.ORDER_NOT_FOUND.code(), 404);

    private static final Supplier<String> NEW_ORDER_IDS =
            () -> UUID.randomUUID().toString();

    private static final String SEGMENT = "order-command";

    private final Clock clock;
    private final PersonalData personalData;
    private final ConflictRetries retries;
    private final DynamoDbEventStore store;
    private final StructuredLogger log;
    private final ConsistencyTokens tokens;
    private final Router router;
    private final HttpApi api;

    /** Called by Lambda. */
    public CommandApiHandler() {
        this(LambdaEnvironment.fromSystem());
        Core.getGlobalContext().register(this);
    }

    /** For the local runtime and tests: the environment the template gives the function. */
    public CommandApiHandler(LambdaEnvironment env) {
        this(env, Clock.systemUTC());
    }

    private CommandApiHandler(LambdaEnvironment env, Clock clock) {
        this(env, new AwsClients(env), clock, Observability.fromEnvironment(env, clock));
    }

    /** For tests that give the keys themselves (no parameter store behind the environment). */
    CommandApiHandler(LambdaEnvironment env, ConsistencyTokens tokens) {
        this(
                env,
                new AwsClients(env),
                Clock.systemUTC(),
                Observability.fromEnvironment(env, Clock.systemUTC()),
                tokens);
    }

    private CommandApiHandler(LambdaEnvironment env, AwsClients clients, Clock clock, Observability observability) {
        this(env, clients, clock, observability, ConsistencyTokens.fromEnvironment(env));
    }

    /**
     * For tests and benchmarks that meter the SDK client (interceptors on {@code clients}), fix the clock or read the log.
     *
     * @param log receives the JSON lines: one per request, plus one per unexpected exception (metrics go to stdout)
     */
    public CommandApiHandler(LambdaEnvironment env, AwsClients clients, Clock clock, Consumer<String> log) {
        this(
                env,
                clients,
                clock,
                new Observability(
                        StructuredLogger.create(EmfMetrics.serviceName(env), StructuredLogger.Level.INFO, log, clock),
                        EmfMetrics.fromEnvironment(env, clock),
                        Tracing.fromEnvironment(env, clock)));
    }

    private CommandApiHandler(
            LambdaEnvironment env,
            AwsClients clients,
            Clock clock,
            Observability observability,
            ConsistencyTokens tokens) {
        this.retries = ConflictRetries.fromSetting(env.optional(ConflictRetries.BUDGET_VARIABLE));
        this.store = new DynamoDbEventStore(
                clients.dynamoDb(), env.require("EVENTS_TABLE"), env.require("IDEMPOTENCY_TABLE"), clock);
        this.personalData = new PersonalData(vault(env, clients, clock));
        this.log = observability.log();
        this.clock = clock;
        this.tokens = tokens;
        this.router = routes(store, clock, observability.metrics());
        this.api = new HttpApi(SEGMENT, router, new ExceptionMapping(STATUS_BY_RULE_CODE), observability);
    }

    @Override
    public HttpApiResponse handleRequest(HttpApiEvent event, Context context) {
        return api.handle(event);
    }

    /** What this function serves; the OpenAPI document is checked against it. */
    List<Router.Route> routes() {
        return router.routes();
    }

    private Router routes(EventStore store, Clock clock, EmfMetrics metrics) {
        return new OrderRoutes(
                        OrderCommands.create(store, clock, retries),
                        clock,
                        NEW_ORDER_IDS,
                        metrics,
                        personalData,
                        tokens)
                .register(new Router());
    }

    /** The vault when the template names a key and a keys table (every environment does). */
    private static Optional<PersonalDataVault> vault(LambdaEnvironment env, AwsClients clients, Clock clock) {
        Optional<String> key = env.optional(PersonalDataVault.MASTER_KEY_VARIABLE);
        Optional<String> table = env.optional(PersonalDataVault.KEYS_TABLE_VARIABLE);
        if (key.isEmpty() || table.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new PersonalDataVault(
                clients.build(KmsClient.builder()), clients.dynamoDb(), key.get(), table.get(), clock));
    }

    /** Before a SnapStart snapshot: see {@link #prime()}. */
    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        prime();
    }

    /**
     * Runs {@link Priming}'s requests through a copy of the request path over an in-memory store,
     * then a command's DynamoDB requests through the real client without changing a table (see
     * {@link Priming#throughDynamoDb}): the snapshot then holds loaded, warmed classes, but no
     * order state.
     *
     * @return the status of each priming request
     */
    List<Integer> prime() {
        InMemoryEventStore memory = new InMemoryEventStore(clock);
        Observability priming = Observability.priming(clock);
        HttpApi copy = new HttpApi(
                SEGMENT, routes(memory, clock, priming.metrics()), new ExceptionMapping(STATUS_BY_RULE_CODE), priming);
        List<Integer> statuses = Priming.run(ApiGatewayHandler.throughTheWire(copy::handle));
        Priming.throughDynamoDb(
                store,
                memory.readAfter(OrderCommands.streamId(Priming.ORDER_ID), 0).getFirst(),
                log);
        return statuses;
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the SDK drops pooled connections that went stale in the snapshot and
        // opens new ones, and no state was primed
    }
}

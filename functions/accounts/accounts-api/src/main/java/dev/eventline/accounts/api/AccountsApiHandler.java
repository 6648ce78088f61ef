package dev.eventline.accounts.api;

import dev.eventline.http.HttpRequest;
import dev.eventline.lambda.observability.Tracing;
import java.util.Map;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.eventline.http.HttpApi;
import dev.eventline.http.Router;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Lambda entry point of the accounts HTTP API. Everything is wired once per container in the
 * constructor (SDK client, stores, executor with its state cache); a request only routes.
 * Environment: {@code ACCOUNTS_EVENTS_TABLE}, {@code ACCOUNTS_IDEMPOTENCY_TABLE},
 * {@code ACCOUNTS_SNAPSHOTS_TABLE}, optional {@code SNAPSHOT_STRATEGY} (count|event|chaser, default
 * chaser), {@code SNAPSHOT_THRESHOLD} (default 100) and {@code CONFLICT_RETRY_BUDGET_MS} (how long lost
 * races are retried, default 3000).
 */
public final class AccountsApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApi api;
    private final Tracing tracing;
    /** What the router serves, for the test that compares it with docs/openapi/accounts.json. */
    private final List<Router.Route> routes;

    /** Called by Lambda. */
    public AccountsApiHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** The local runtime passes the template's environment, pointed at the emulator. */
    public AccountsApiHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    /** Tests: clients with interceptors (capacity metering), the test's clock. */
    AccountsApiHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        Router router = AccountsApi.router(AccountsModule.fromEnvironment(env, clients.dynamoDb(), clock), clock,
                () -> UUID.randomUUID().toString());
        this.routes = router.routes();
        this.api = new HttpApi(router, AccountsApi.STATUS_BY_RULE, clock);
        this.tracing = Tracing.fromEnvironment(env);
    }

    /** The routes this handler serves, in registration order. */
    List<Router.Route> routes() {
        return routes;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        // the same correlation id is stored in the events' metadata and annotated by the stream consumers
        return tracing.inSubsegment("account-request", Map.of("correlationId", correlationId(event)), () -> api.handle(event));
    }

    private static String correlationId(APIGatewayV2HTTPEvent event) {
        try {
            return HttpRequest.from(event).correlationId();
        } catch (RuntimeException malformed) {
            return "unknown"; // HttpApi answers such an event with a 400 problem
        }
    }
}

package dev.eventline.accounts.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.eventline.http.HttpApi;
import dev.eventline.http.Router;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
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
        this.api = AccountsApi.create(
                AccountsModule.fromEnvironment(env, clients.dynamoDb(), clock),
                clock,
                () -> UUID.randomUUID().toString(),
                Observability.fromEnvironment(env, clock));
    }

    /** The routes this handler serves, in registration order. */
    List<Router.Route> routes() {
        return api.routes();
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return api.handle(event);
    }
}

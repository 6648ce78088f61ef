package dev.eventline.accounts.projector;

import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.streams.Parallel;
import dev.eventline.streams.PoisonParking;
import dev.eventline.streams.StreamConsumerHandler;
import dev.eventline.streams.StreamConsumerRuntime;
import dev.eventline.streams.push.PushNotifier;
import java.time.Clock;

/**
 * Lambda entry point: the accounts events table's stream to the accounts-by-owner and balance-history
 * read models, with partial batch failures ({@code ReportBatchItemFailures}). Environment:
 * {@code ACCOUNTS_EVENTS_TABLE}, {@code ACCOUNT_PROJECTIONS_TABLE}, {@code ACCOUNTS_BY_OWNER_TABLE},
 * {@code BALANCE_HISTORY_TABLE}; optional {@code DEAD_LETTER_QUEUE} (queue name) or
 * {@code DEAD_LETTER_QUEUE_URL}, {@code MAX_RECORD_ATTEMPTS} (3), {@code PROJECTION_CONCURRENCY} (8);
 * {@code PUSH_CONNECTIONS_TABLE} and {@code PUSH_ENDPOINT} turn server push on ({@link PushNotifier}).
 */
public final class AccountProjectionHandler extends StreamConsumerHandler {
    static final String SOURCE = "accounts-projector";

    /** Called by Lambda. */
    public AccountProjectionHandler() {
        this(LambdaEnvironment.fromSystem());
    }

    /** For the local runtime: the function's environment from the template, pointed at the emulator. */
    public AccountProjectionHandler(LambdaEnvironment env) {
        this(env, new AwsClients(env), Clock.systemUTC());
    }

    /** For tests and benchmarks: clients with interceptors, the fixture's clock. */
    public AccountProjectionHandler(LambdaEnvironment env, AwsClients clients, Clock clock) {
        super(runtime(env, clients, clock, Observability.fromEnvironment(env, clock)));
    }

    private static StreamConsumerRuntime runtime(
            LambdaEnvironment env, AwsClients clients, Clock clock, Observability observability) {
        Parallel parallel = new Parallel(env.intOr("PROJECTION_CONCURRENCY", 8));
        return StreamConsumerRuntime.ordered(
                new AccountProjection(
                        AccountReadModelStore.fromEnvironment(env, clients.dynamoDb()),
                        new AccountEventCodec(),
                        parallel,
                        clock,
                        observability.metrics(),
                        PushNotifier.fromEnvironment(
                                env, clients, clock, observability.metrics(), observability.log())),
                new DynamoDbEventReader(clients.dynamoDb(), env.require(AccountsEnvironment.EVENTS_TABLE)),
                parallel,
                PoisonParking.fromEnvironment(env, clients::sqs, SOURCE, clock),
                observability);
    }
}

package dev.eventline.accounts.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.accounts.AccountCommand;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.ChangeOverdraftLimit;
import dev.eventline.accounts.CloseAccount;
import dev.eventline.accounts.DepositMoney;
import dev.eventline.accounts.FreezeAccount;
import dev.eventline.accounts.OpenAccount;
import dev.eventline.accounts.UnfreezeAccount;
import dev.eventline.accounts.WithdrawMoney;
import dev.eventline.accounts.application.AccountAccess;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.CommandExecutor;
import dev.eventline.eventstore.CommandResult;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.CommandResult.Replayed;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.Idempotency;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.ETags;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.IdempotencyKeys;
import dev.eventline.http.ProblemException;
import dev.eventline.http.StoredResponse;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Tracing;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The command routes: body to command, then one path for all of them through the executor, which
 * owns loading, deciding, appending and conflicts. Every success carries the account as it is now,
 * its {@code ETag} and an {@code X-Consistency-Token}; an {@code If-Match} makes the command
 * conditional (412 when the account moved on); an {@code Idempotency-Key} makes a retry replay the
 * first response (422 when the key comes back with a different request).
 */
final class AccountCommands {
    /** Contexts may share an idempotency table; each prefixes its keys so they never collide. */
    static final String IDEMPOTENCY_SCOPE = "accounts:";

    static final Duration IDEMPOTENCY_TTL = Duration.ofHours(24);

    private final CommandExecutor<AccountAccess.Guarded, AccountEvent, AccountState> executor;
    private final Clock clock;
    private final Supplier<String> newAccountId;
    private final EmfMetrics metrics;
    private final ConsistencyTokens tokens;
    private final HolderNames holders;

    /** @param metrics the request's metrics: {@code EventsAppended} joins its line (next to projected, published) */
    AccountCommands(
            CommandExecutor<AccountAccess.Guarded, AccountEvent, AccountState> executor,
            Clock clock,
            Supplier<String> newAccountId,
            EmfMetrics metrics,
            ConsistencyTokens tokens,
            HolderNames holders) {
        this.tokens = tokens;
        this.holders = holders;
        this.executor = executor;
        this.clock = clock;
        this.newAccountId = newAccountId;
        this.metrics = metrics;
    }

    HttpResponse open(HttpRequest request) {
        return execute(request, this::opening, true);
    }

    /**
     * The open command with the holder's name sealed for the owner. The access check runs first, so a
     * refused request never creates a data key for someone else.
     */
    private OpenAccount opening(HttpRequest request, Instant at) {
        AccountAccess access = AccountQueries.access(request);
        AccountRequests.Opening opening = AccountRequests.open(request, newAccountId, access::ownerOfNewAccount, at);
        OpenAccount command = opening.command();
        if (opening.holderName().isEmpty()) {
            return command;
        }
        requireAllowed(access, command);
        return new OpenAccount(
                command.accountId(),
                command.ownerId(),
                command.currency(),
                command.overdraftLimit(),
                command.at(),
                holders.seal(command.ownerId(), opening.holderName().get()));
    }

    private static void requireAllowed(AccountAccess access, AccountCommand command) {
        if (access.command(command) == AccountAccess.Outcome.FORBIDDEN) {
            throw ProblemException.forbidden(AccountAccess.STAFF_SCOPE, forbiddenDetail(command));
        }
    }

    HttpResponse deposit(HttpRequest request) {
        return execute(request, AccountRequests::deposit, false);
    }

    HttpResponse withdraw(HttpRequest request) {
        return execute(request, AccountRequests::withdraw, false);
    }

    HttpResponse changeOverdraftLimit(HttpRequest request) {
        return execute(request, AccountRequests::changeOverdraftLimit, false);
    }

    HttpResponse freeze(HttpRequest request) {
        return execute(request, AccountRequests::freeze, false);
    }

    HttpResponse unfreeze(HttpRequest request) {
        return execute(request, AccountRequests::unfreeze, false);
    }

    HttpResponse close(HttpRequest request) {
        return execute(request, AccountRequests::close, false);
    }

    private HttpResponse execute(
            HttpRequest request, BiFunction<HttpRequest, Instant, AccountCommand> parse, boolean creates) {
        // everything is read and validated before the command runs: a bad request never reaches the store
        Expectation expectation = ETags.parseIfMatch(request.header(ETags.IF_MATCH))
                .map(Expectation::exactly)
                .orElse(Expectation.any());
        // scoped by caller: another caller's same key is another key (no pre-claiming, no replay of theirs)
        Optional<String> key =
                IdempotencyKeys.fromHeader(request).map(k -> request.principal().scopedKey(IDEMPOTENCY_SCOPE, k));
        Optional<String> fingerprint = key.map(k -> IdempotencyKeys.fingerprint(request));
        Instant now = clock.instant();
        AccountCommand command = parse.apply(request, now);
        AccountAccess access = AccountQueries.access(request);
        requireAllowed(access, command);
        Optional<Idempotency<AccountState>> idempotency = key.map(k -> new Idempotency<>(
                k,
                fingerprint.orElseThrow(),
                IDEMPOTENCY_TTL,
                executed -> StoredResponse.serialize(success(executed, creates))));
        CommandResult<AccountState> result = executor.execute(
                AccountStreams.streamId(command.accountId()),
                new AccountAccess.Guarded(access, command),
                context(request, key, fingerprint, now),
                expectation,
                idempotency);
        return switch (result) {
            case Executed<AccountState> executed -> {
                metrics.count("EventsAppended", executed.newEvents().size());
                yield success(executed, creates);
            }
            case Replayed<AccountState> replayed ->
                StoredResponse.replay(replayed.record().response());
        };
    }

    private static String forbiddenDetail(AccountCommand command) {
        return switch (command) {
            case FreezeAccount c -> "only staff freeze an account";
            case UnfreezeAccount c -> "only staff unfreeze an account";
            case ChangeOverdraftLimit c ->
                "an overdraft limit above " + AccountAccess.SELF_SERVICE_OVERDRAFT_LIMIT + " needs staff";
            case OpenAccount c ->
                "only staff open an account for another owner or with an overdraft limit above "
                        + AccountAccess.SELF_SERVICE_OVERDRAFT_LIMIT;
            case DepositMoney c -> "not allowed";
            case WithdrawMoney c -> "not allowed";
            case CloseAccount c -> "not allowed";
        };
    }

    /**
     * 201 for an account opened now, 200 for everything else (an already satisfied command too, with
     * {@code "events": []}). Also what an idempotent request remembers: the body holds nothing generated
     * per attempt, so a replay is byte for byte the first answer; and no holder name, not even sealed,
     * so the idempotency record never holds personal data ({@code GET /accounts/{id}} shows it).
     */
    HttpResponse success(Executed<AccountState> executed, boolean creates) {
        boolean created = creates && !executed.newEvents().isEmpty();
        ObjectNode body = AccountJson.of(executed.state(), executed.version());
        ArrayNode events = body.putArray("events");
        executed.newEvents().forEach(event -> events.add(event.type()));
        HttpResponse.Builder response =
                HttpResponse.status(created ? 201 : 200).header("ETag", ETags.of(executed.version()));
        if (creates) { // an open that was already satisfied still says where the account is
            response.header("Location", "/accounts/" + executed.state().accountId());
        }
        if (executed.version() > 0) {
            String token = tokens.sign(new ConsistencyToken(executed.streamId(), executed.version()));
            response.header(ConsistencyToken.HEADER, token);
            body.put("consistencyToken", token);
        }
        return response.json(body).build();
    }

    /**
     * With a key, the command id is derived from key and fingerprint, so racing duplicates of one
     * request carry the same command id; without one, every request is a new command.
     */
    private static CommandContext context(
            HttpRequest request, Optional<String> key, Optional<String> fingerprint, Instant now) {
        String commandId = key.map(k -> UUID.nameUUIDFromBytes(
                                (k + "\n" + fingerprint.orElseThrow()).getBytes(StandardCharsets.UTF_8))
                        .toString())
                .orElseGet(() -> UUID.randomUUID().toString());
        // read per invocation: the request's span (or Lambda's trace header), which every later hop links to
        return new CommandContext(
                commandId,
                request.correlationId(),
                commandId,
                Tracing.currentTraceHeader().orElse(null),
                request.actor(),
                now);
    }
}

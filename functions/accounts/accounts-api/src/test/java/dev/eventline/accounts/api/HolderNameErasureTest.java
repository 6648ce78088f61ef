package dev.eventline.accounts.api;

import static dev.eventline.accounts.api.ApiSamples.event;
import static dev.eventline.accounts.api.ApiSamples.withBody;
import static dev.eventline.accounts.api.ApiSamples.withHeader;
import static dev.eventline.accounts.api.ApiSamples.withMethod;
import static dev.eventline.accounts.api.ApiSamples.withPath;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.accounts.projector.AccountProjectionHandler;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.http.ApiGatewayEvents;
import dev.eventline.http.HttpApiEvent;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.events.StreamEvent;
import dev.eventline.personaldata.PersonalDataVault;
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.SliceOutcome;
import dev.eventline.streams.StreamTail;
import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Crypto-shredding of the account holder's name end to end, against moto's KMS and DynamoDB: the
 * name is sealed for the owner before the command exists, so the events, the inline balance view,
 * the owner list, and the idempotency record only ever hold the token; reads open it for the owner
 * and staff; after {@code DELETE /owners/{ownerId}/personal-data} every copy, the immutable events
 * and rebuilt read models included, shows it as erased while balances and history remain.
 */
@WithEmulator
class HolderNameErasureTest {
    private static final String NAME = "Ada Lovelace";

    private final AccountsFixture accounts;
    private final StreamTail tail;
    private final AccountProjectionHandler projector;
    private final String projectionsTable;
    private final DynamoDbClient dynamoDb;
    private final String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);

    HolderNameErasureTest(Emulator emulator) {
        accounts = AccountsFixture.start(emulator);
        dynamoDb = emulator.dynamoDb();
        tail = new StreamTail(
                emulator.streams(), emulator.resources().streamArn(accounts.table(AccountsEnvironment.EVENTS_TABLE)));
        tail.skipToEnd();
        LambdaEnvironment env = new LambdaEnvironment(emulator.environmentOf(AccountProjectionHandler.class));
        projector = new AccountProjectionHandler(env, new AwsClients(env), AccountsFixture.CLOCK);
        projectionsTable = env.require(AccountsEnvironment.PROJECTIONS_TABLE);
    }

    private static HttpApiEvent as(HttpApiEvent event, String subject, String... scopes) {
        return ApiGatewayEvents.withCaller(event, subject, scopes);
    }

    private Response openAsOwner(String accountId, String holderName) {
        return accounts.send(as(
                withBody(
                        event("open-account-with-id", accountId),
                        "{\"accountId\":\"" + accountId + "\",\"currency\":\"EUR\",\"holderName\":\"" + holderName
                                + "\"}"),
                owner));
    }

    private Response get(String accountId, String subject, String... scopes) {
        return accounts.send(as(event("get-account", accountId), subject, scopes));
    }

    private Response ownerList(String subject, String... scopes) {
        return accounts.send(
                as(withPath(event("get-account", "unused"), "/owners/" + owner + "/accounts"), subject, scopes));
    }

    private Response erase(String ownerId, String subject, String... scopes) {
        HttpApiEvent delete = withBody(
                withMethod(withPath(event("get-account", "unused"), "/owners/" + ownerId + "/personal-data"), "DELETE"),
                null);
        return accounts.send(as(delete, subject, scopes));
    }

    private void project() {
        StreamEvent batch = SdkRecords.toStreamEvent(tail.poll(), tail.streamArn());
        assertThat(projector.handleRequest(batch, null).batchItemFailures()).isEmpty();
    }

    private String rawEvents(String accountId) {
        return accounts.events(accountId).stream()
                .map(RecordedEvent::data)
                .toList()
                .toString();
    }

    private String ownerListItem(String accountId) {
        return String.valueOf(dynamoDb.getItem(r -> r.tableName(
                                accounts.table(AccountsEnvironment.ACCOUNTS_BY_OWNER_TABLE))
                        .key(Map.of(
                                "ownerId", AttributeValue.fromS(owner), "accountId", AttributeValue.fromS(accountId)))
                        .consistentRead(true))
                .item());
    }

    private boolean hasDataKey(String subject) {
        var item = dynamoDb.getItem(r -> r.tableName(accounts.table(PersonalDataVault.KEYS_TABLE_VARIABLE))
                .key(Map.of(PersonalDataVault.SUBJECT_ID, AttributeValue.fromS(subject)))
                .consistentRead(true));
        return item.hasItem() && !item.item().isEmpty();
    }

    @Test
    void the_name_is_stored_sealed_everywhere_and_shown_to_the_owner_and_staff() {
        String accountId = AccountsFixture.newAccountId();

        Response opened = accounts.send(withHeader(
                as(
                        withBody(
                                event("open-account-with-id", accountId),
                                "{\"accountId\":\"" + accountId + "\",\"currency\":\"EUR\",\"holderName\":\"" + NAME
                                        + "\"}"),
                        owner),
                "Idempotency-Key",
                "open-" + accountId));
        project();

        assertThat(opened.status()).as(opened.rawBody()).isEqualTo(201);
        assertThat(opened.rawBody()).as("command responses carry no holder").doesNotContain("Ada", "pii1", "holder");
        assertThat(rawEvents(accountId)).doesNotContain("Ada").contains("\"holder\":\"pii1.");
        assertThat(String.valueOf(accounts.balanceViewItem(accountId)))
                .doesNotContain("Ada")
                .contains("pii1.");
        assertThat(ownerListItem(accountId)).doesNotContain("Ada").contains("pii1.");
        assertThat(accounts.idempotencyItem("accounts:" + owner.length() + ":" + owner + ":open-" + accountId)
                        .map(String::valueOf))
                .hasValueSatisfying(item -> assertThat(item).doesNotContain("Ada", "pii1"));
        for (Response read : new Response[] {get(accountId, owner), get(accountId, "clerk-1", "eventline/staff")}) {
            assertThat(read.status()).as(read.rawBody()).isEqualTo(200);
            assertThat(read.body().path("holderName").asText()).isEqualTo(NAME);
            assertThat(read.body().path("holderErased").asBoolean()).isFalse();
        }
        assertThat(ownerList(owner).body().at("/accounts/0/holderName").asText())
                .isEqualTo(NAME);
        assertThat(get(accountId, "someone-else").status())
                .as("another's account is missing")
                .isEqualTo(404);
    }

    @Test
    void after_erasure_events_views_lists_and_rebuilds_show_the_name_erased_and_keep_the_money() {
        String accountId = AccountsFixture.newAccountId();
        assertThat(openAsOwner(accountId, NAME).status()).isEqualTo(201);
        assertThat(accounts.send(as(withBody(event("deposit", accountId), "{\"amount\":1250}"), owner))
                        .status())
                .isEqualTo(200);
        String otherOwner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        String otherAccount = AccountsFixture.newAccountId();
        assertThat(accounts.send(as(
                                withBody(
                                        event("open-account-with-id", otherAccount),
                                        "{\"accountId\":\"" + otherAccount
                                                + "\",\"currency\":\"EUR\",\"holderName\":\"Grace Hopper\"}"),
                                otherOwner))
                        .status())
                .isEqualTo(201);
        project();

        assertThat(erase(owner, owner).status()).isEqualTo(204);

        assertThat(accounts.eventTypes(accountId))
                .as("history stays")
                .containsExactly("AccountOpened", "MoneyDeposited");
        assertThat(rawEvents(accountId)).as("the token stays, unreadable").contains("\"holder\":\"pii1.");
        Response inline = get(accountId, owner);
        assertErasedButWhole(inline);
        assertThat(inline.header(AccountQueries.READ_SOURCE)).isEqualTo("inline");
        assertThat(ownerList(owner).body().at("/accounts/0/holderName").asText())
                .isEqualTo("[erased]");
        assertThat(ownerList(owner).body().at("/accounts/0/holderErased").asBoolean())
                .isTrue();

        // rebuilds: the inline view dropped (read folds the events), the owner list projected again from scratch
        accounts.deleteBalanceView(accountId);
        Response folded = get(accountId, "clerk-1", "eventline/staff");
        assertThat(folded.header(AccountQueries.READ_SOURCE)).isEqualTo("events");
        assertErasedButWhole(folded);
        dynamoDb.deleteItem(r -> r.tableName(accounts.table(AccountsEnvironment.ACCOUNTS_BY_OWNER_TABLE))
                .key(Map.of("ownerId", AttributeValue.fromS(owner), "accountId", AttributeValue.fromS(accountId))));
        dynamoDb.deleteItem(
                r -> r.tableName(projectionsTable).key(Map.of("accountId", AttributeValue.fromS(accountId))));
        assertThat(projector.redrive(AccountStreams.streamId(accountId), 1)).isInstanceOf(SliceOutcome.Completed.class);
        assertThat(ownerListItem(accountId)).contains("pii1.").doesNotContain("Ada");
        assertThat(ownerList(owner).body().at("/accounts/0/holderName").asText())
                .isEqualTo("[erased]");
        assertThat(ownerList(owner).body().at("/accounts/0/balance").asLong()).isEqualTo(1250);

        assertThat(get(otherAccount, otherOwner).body().path("holderName").asText())
                .as("another owner is untouched")
                .isEqualTo("Grace Hopper");
    }

    private static void assertErasedButWhole(Response account) {
        assertThat(account.status()).as(account.rawBody()).isEqualTo(200);
        assertThat(account.body().path("holderName").asText()).isEqualTo("[erased]");
        assertThat(account.body().path("holderErased").asBoolean()).isTrue();
        assertThat(account.body().path("balance").asLong()).isEqualTo(1250);
        assertThat(account.body().path("transactionCount").asLong()).isEqualTo(1);
    }

    @Test
    void only_the_owner_or_staff_erase_and_erasing_again_is_still_204() {
        String accountId = AccountsFixture.newAccountId();
        assertThat(openAsOwner(accountId, NAME).status()).isEqualTo(201);

        Response refused = erase(owner, "someone-else");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(get(accountId, owner).body().path("holderName").asText())
                .as("nothing erased")
                .isEqualTo(NAME);
        assertThat(erase(owner, "clerk-1", "eventline/staff").status()).isEqualTo(204);
        assertThat(erase(owner, owner).status()).as("idempotent").isEqualTo(204);
        assertThat(erase("nobody-" + UUID.randomUUID().toString().substring(0, 8), "clerk-1", "eventline/staff")
                        .status())
                .as("an id without data answers the same")
                .isEqualTo(204);
        assertThat(get(accountId, owner).body().path("holderName").asText()).isEqualTo("[erased]");
    }

    @Test
    void a_later_account_of_an_erased_owner_gets_a_new_key_and_its_name_is_readable_while_the_old_stays_erased() {
        String first = AccountsFixture.newAccountId();
        assertThat(openAsOwner(first, NAME).status()).isEqualTo(201);
        assertThat(erase(owner, owner).status()).isEqualTo(204);

        String second = AccountsFixture.newAccountId();
        assertThat(openAsOwner(second, "Ada King").status()).isEqualTo(201);

        assertThat(get(second, owner).body().path("holderName").asText()).isEqualTo("Ada King");
        assertThat(get(first, owner).body().path("holderName").asText()).isEqualTo("[erased]");
    }

    @Test
    void a_name_that_is_not_printable_text_is_a_400_that_creates_no_key() {
        String accountId = AccountsFixture.newAccountId();
        for (String name : new String[] {"", "   ", "Ada\\u0000Lovelace", "x".repeat(HolderNames.MAX_LENGTH + 1)}) {
            Response refused = openAsOwner(accountId, name);
            assertThat(refused.status()).as(name).isEqualTo(400);
            assertThat(refused.body().path("field").asText()).as(name).isEqualTo("holderName");
        }
        assertThat(hasDataKey(owner)).isFalse();
        assertThat(accounts.events(accountId)).isEmpty();
    }

    @Test
    void opening_for_another_owner_without_staff_is_refused_before_any_key_is_created() {
        String victim = "owner-" + UUID.randomUUID().toString().substring(0, 8);
        String accountId = AccountsFixture.newAccountId();

        Response refused = accounts.send(as(
                withBody(
                        event("open-account-with-id", accountId),
                        "{\"accountId\":\"" + accountId + "\",\"ownerId\":\"" + victim
                                + "\",\"currency\":\"EUR\",\"holderName\":\"" + NAME + "\"}"),
                owner));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(hasDataKey(victim)).isFalse();
    }

    @Test
    void an_account_opened_without_a_name_shows_none_and_needs_no_key() {
        String accountId = AccountsFixture.newAccountId();
        Response opened = accounts.send(as(
                withBody(
                        event("open-account-with-id", accountId),
                        "{\"accountId\":\"" + accountId + "\",\"currency\":\"EUR\"}"),
                owner));

        assertThat(opened.status()).isEqualTo(201);
        assertThat(get(accountId, owner).body().has("holderName")).isFalse();
        assertThat(hasDataKey(owner)).isFalse();
    }
}

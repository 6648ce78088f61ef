package dev.eventline.personaldata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.WithEmulator;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kms.KmsClient;

/** Sealing, opening and erasing against moto's KMS and DynamoDB. */
@WithEmulator
class PersonalDataVaultTest {

    private final DynamoDbClient dynamoDb;
    private final KmsClient kms;
    private final String keysTable = "personal-data-keys-" + UUID.randomUUID();
    private final PersonalDataVault vault;

    PersonalDataVaultTest(Emulator emulator) {
        this.dynamoDb = emulator.dynamoDb();
        this.kms = KmsClient.builder()
                .endpointOverride(emulator.endpoint().uri())
                .region(emulator.endpoint().region())
                .credentialsProvider(emulator.endpoint().credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        dynamoDb.createTable(r -> r.tableName(keysTable)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder()
                        .attributeName(PersonalDataVault.SUBJECT_ID)
                        .attributeType(ScalarAttributeType.S)
                        .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName(PersonalDataVault.SUBJECT_ID)
                        .keyType(KeyType.HASH)
                        .build()));
        String masterKey = kms.createKey(r -> r.description("eventline test personal data"))
                .keyMetadata()
                .keyId();
        this.vault = new PersonalDataVault(kms, dynamoDb, masterKey, keysTable, Clock.systemUTC());
    }

    @Test
    void sealed_personal_data_opens_while_the_subject_has_a_key_and_carries_no_plaintext() {
        SealedToken token = vault.session().seal("c-1", "Ada Lovelace <ada@example.com>");

        assertThat(token.text()).doesNotContain("Ada", "ada@example.com").startsWith("pii1.");
        assertThat(new String(token.sealed(), StandardCharsets.ISO_8859_1)).doesNotContain("Ada");
        assertThat(SealedToken.parse(token.text())).contains(token);
        assertThat(token.subjectId()).isEqualTo("c-1");
        assertThat(vault.session().open(token)).contains("Ada Lovelace <ada@example.com>");
    }

    @Test
    void erasing_a_subject_makes_every_copy_of_its_data_unreadable_and_leaves_other_subjects_alone() {
        var session = vault.session();
        SealedToken ada = session.seal("c-erased", "Ada");
        SealedToken grace = session.seal("c-kept", "Grace");

        assertThat(vault.erase("c-erased")).isTrue();

        var later = vault.session();
        assertThat(later.open(ada)).isEmpty();
        assertThat(later.reveal(ada.text())).isEqualTo(PersonalDataVault.ERASED);
        assertThat(later.open(grace)).contains("Grace");
        assertThat(vault.erase("c-erased")).as("idempotent").isFalse();
    }

    @Test
    void data_sealed_for_a_subject_after_its_erasure_uses_a_new_key_and_the_old_data_stays_erased() {
        SealedToken before = vault.session().seal("c-back", "old address");
        vault.erase("c-back");

        SealedToken after = vault.session().seal("c-back", "new address");

        assertThat(after.keyId()).isNotEqualTo(before.keyId());
        var reader = vault.session();
        assertThat(reader.open(before)).isEmpty();
        assertThat(reader.open(after)).contains("new address");
    }

    @Test
    void a_session_unwraps_each_subjects_key_once_and_a_new_subject_costs_one_generate_data_key() {
        var writer = vault.session();
        writer.seal("c-new", "a");
        writer.seal("c-new", "b");
        assertThat(writer.kmsCalls()).as("GenerateDataKey once").isEqualTo(1);

        var reader = vault.session();
        SealedToken one = writer.seal("c-new", "c");
        reader.open(one);
        reader.open(one);
        reader.open(writer.seal("c-new", "d"));
        assertThat(reader.kmsCalls()).as("Decrypt once").isEqualTo(1);
    }

    @Test
    void a_token_altered_or_moved_to_another_subject_is_refused_not_shown_as_erased() {
        var session = vault.session();
        SealedToken token = session.seal("c-victim", "Ada");
        session.seal("c-other", "someone else");
        byte[] flipped = token.sealed();
        flipped[flipped.length - 1] ^= 1;
        var reader = vault.session();

        assertThatIllegalStateException()
                .isThrownBy(() -> reader.open(new SealedToken("c-victim", token.keyId(), flipped)))
                .withMessageContaining("altered");
        String otherKeyId = dynamoDb.getItem(r -> r.tableName(keysTable)
                        .key(Map.of(PersonalDataVault.SUBJECT_ID, AttributeValue.fromS("c-other"))))
                .item()
                .get(PersonalDataVault.KEY_ID)
                .s();
        assertThatIllegalStateException()
                .isThrownBy(() -> reader.open(new SealedToken("c-other", otherKeyId, token.sealed())))
                .withMessageContaining("altered");
    }

    @Test
    void text_that_is_not_a_token_is_not_mistaken_for_one() {
        assertThat(SealedToken.parse("Ada Lovelace")).isEmpty();
        assertThat(SealedToken.parse("pii1.only.three")).isEmpty();
        assertThat(SealedToken.parse(null)).isEqualTo(Optional.empty());
        assertThat(vault.session().reveal("plain")).isEqualTo("plain");
    }
}

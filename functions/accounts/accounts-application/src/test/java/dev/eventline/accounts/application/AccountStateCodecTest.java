package dev.eventline.accounts.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.AccountStatus;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class AccountStateCodecTest {
    private static final AccountStateCodec CODEC = new AccountStateCodec();
    private static final AccountState OVERDRAWN = new AccountState(
            AccountStatus.FROZEN,
            "acc-1",
            "owner-42",
            "EUR",
            -1_250,
            5_000,
            17,
            Instant.parse("2025-03-01T09:00:00Z"),
            Instant.parse("2025-04-02T10:30:00.123Z"),
            "pii1.b3duZXItNDI.k1.AAECAwQFBgcICQoLc2VhbGVk");
    /** The stored form of {@link #OVERDRAWN} at schema version 2: changing it means bumping SCHEMA_VERSION. */
    private static final String OVERDRAWN_V2 =
            "{\"status\":\"FROZEN\",\"accountId\":\"acc-1\",\"ownerId\":\"owner-42\","
                    + "\"currency\":\"EUR\",\"balance\":-1250,\"overdraftLimit\":5000,\"transactionCount\":17,"
                    + "\"openedAt\":\"2025-03-01T09:00:00Z\",\"updatedAt\":\"2025-04-02T10:30:00.123Z\","
                    + "\"holder\":\"pii1.b3duZXItNDI.k1.AAECAwQFBgcICQoLc2VhbGVk\"}";

    @Test
    void the_stored_form_of_schema_version_2_is_this_exact_document_with_the_holder_sealed() {
        assertThat(CODEC.schemaVersion()).isEqualTo(2);
        assertThat(CODEC.encode(OVERDRAWN)).isEqualTo(OVERDRAWN_V2);
    }

    @Test
    void a_state_survives_the_round_trip_unchanged() {
        assertThat(CODEC.decode(CODEC.encode(OVERDRAWN))).isEqualTo(OVERDRAWN);
        assertThat(CODEC.decode(OVERDRAWN_V2)).isEqualTo(OVERDRAWN);
    }

    @Test
    void the_initial_state_with_its_nulls_survives_the_round_trip() {
        assertThat(CODEC.decode(CODEC.encode(AccountState.initial()))).isEqualTo(AccountState.initial());
    }

    static Stream<Arguments> corrupt() {
        return Stream.of(
                Arguments.of("not JSON", "{not json"),
                Arguments.of("a JSON array", "[1,2]"),
                Arguments.of("an empty document", ""),
                Arguments.of("a field missing", OVERDRAWN_V2.replace(",\"transactionCount\":17", "")),
                Arguments.of("an unknown field", OVERDRAWN_V2.replace("{", "{\"fees\":0,")),
                Arguments.of("a balance as a string", OVERDRAWN_V2.replace("-1250", "\"-1250\"")),
                Arguments.of("a balance with a fraction", OVERDRAWN_V2.replace("-1250", "-1250.5")),
                Arguments.of("an unknown status", OVERDRAWN_V2.replace("FROZEN", "SUSPENDED")),
                Arguments.of("a date that is no instant", OVERDRAWN_V2.replace("2025-03-01T09:00:00Z", "yesterday")),
                Arguments.of("an existing account without an owner", OVERDRAWN_V2.replace("\"owner-42\"", "null")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrupt")
    void anything_but_a_complete_state_is_refused_so_the_loader_replays_instead(String description, String text) {
        assertThatThrownBy(() -> CODEC.decode(text)).isInstanceOf(IllegalArgumentException.class);
    }
}

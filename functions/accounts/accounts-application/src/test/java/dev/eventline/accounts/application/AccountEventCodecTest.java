package dev.eventline.accounts.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.accounts.AccountClosed;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountFrozen;
import dev.eventline.accounts.AccountOpened;
import dev.eventline.accounts.AccountUnfrozen;
import dev.eventline.accounts.MoneyDeposited;
import dev.eventline.accounts.MoneyWithdrawn;
import dev.eventline.accounts.OverdraftLimitChanged;
import dev.eventline.eventstore.EventCodec.EncodedEvent;
import dev.eventline.eventstore.EventMetadata;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.schemas.EventJson;
import dev.eventline.schemas.InvalidEventException;
import dev.eventline.schemas.tools.RepositoryRoot;
import dev.eventline.schemas.tools.SchemaSamples;
import dev.eventline.schemas.tools.SchemaSamples.Sample;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored form of account events, and the golden samples of events-samples/schemas/accounts. */
class AccountEventCodecTest {

    private static final Instant T0 = Instant.parse("2025-03-01T09:00:00Z");
    private static final EventMetadata METADATA = new EventMetadata("cmd-1", "corr-1", "cmd-1", null, "tester", T0);
    private static final AccountEventCodec CODEC = new AccountEventCodec();

    /** What each sample means. A sample without an entry here fails the build, so new ones get an expectation. */
    private static final Map<String, AccountEvent> EXPECTED = Map.of(
            "AccountOpened/v1", new AccountOpened("acc-0001", "owner-42", "EUR", 50_000, T0),
            "AccountOpened/v2",
                    new AccountOpened(
                            "acc-0002",
                            "owner-42",
                            "EUR",
                            50_000,
                            T0,
                            "pii1.b3duZXItNDI.7c1e2d3f-4a5b-4c6d-8e9f-a0b1c2d3e4f5."
                                    + "AAECAwQFBgcICQoLc2VhbGVkLWhvbGRlci1uYW1lLWNpcGhlcnRleHQtYW5kLXRhZw"),
            "MoneyDeposited/v1",
                    new MoneyDeposited(
                            "acc-0001", 125_000, "salary March", 125_000, Instant.parse("2025-03-01T10:00:00Z")),
            "MoneyDeposited/v1.no-reference",
                    new MoneyDeposited("acc-0001", 2_500, null, 127_500, Instant.parse("2025-03-01T10:30:00Z")),
            "MoneyWithdrawn/v1",
                    new MoneyWithdrawn("acc-0001", 150_000, "rent", -22_500, Instant.parse("2025-03-02T08:00:00Z")),
            "OverdraftLimitChanged/v1",
                    new OverdraftLimitChanged("acc-0001", 50_000, 100_000, Instant.parse("2025-03-03T08:00:00Z")),
            "AccountFrozen/v1", new AccountFrozen("acc-0001", "fraud check", Instant.parse("2025-03-04T08:00:00Z")),
            "AccountUnfrozen/v1", new AccountUnfrozen("acc-0001", Instant.parse("2025-03-05T08:00:00Z")),
            "AccountClosed/v1", new AccountClosed("acc-0002", Instant.parse("2025-03-06T08:00:00Z")));

    static Stream<AccountEvent> everyEventType() {
        return Stream.concat(
                EXPECTED.values().stream(),
                Stream.of(
                        new AccountFrozen("acc-0001", null, T0),
                        new MoneyWithdrawn("acc-0001", 1, null, -1, T0.plusNanos(1))));
    }

    static Stream<Sample> samples() {
        return SchemaSamples.of(RepositoryRoot.find(), "accounts").stream();
    }

    private static RecordedEvent stored(String type, int schemaVersion, String data) {
        return new RecordedEvent("Account-acc-0001", 4, "evt-4", type, schemaVersion, data, METADATA, T0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyEventType")
    void every_event_round_trips_through_its_stored_form_at_its_current_version(AccountEvent event) {
        EncodedEvent encoded = CODEC.encode(event);

        assertThat(encoded.type()).isEqualTo(event.getClass().getSimpleName());
        // AccountOpened is at v2 (the sealed holder), every other type at v1
        assertThat(encoded.schemaVersion()).isEqualTo(event instanceof AccountOpened ? 2 : 1);
        assertThat(CODEC.decode(stored(encoded.type(), encoded.schemaVersion(), encoded.data())))
                .isEqualTo(event);
    }

    @Test
    void an_absent_reference_is_left_out_not_written_as_null() {
        EncodedEvent encoded = CODEC.encode(new MoneyDeposited("acc-0001", 100, null, 100, T0));

        assertThat(EventJson.parseObject(encoded.data()).has("reference")).isFalse();
    }

    @Test
    void encode_refuses_an_event_its_schema_refuses_before_anything_is_appended() {
        assertThatThrownBy(() -> CODEC.encode(new MoneyDeposited("acc-0001", 0, "zero", 0, T0)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("MoneyDeposited v1")
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> CODEC.encode(new AccountOpened("acc-0001", "owner", "euro", 0, T0)))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining("currency");
    }

    @Test
    void decode_failures_name_the_stream_position_and_type() {
        assertThatThrownBy(() -> CODEC.decode(stored("AccountMerged", 1, "{\"accountId\":\"acc-0001\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot decode event Account-acc-0001@4 (AccountMerged v1)");
        assertThatThrownBy(() -> CODEC.decode(stored("AccountClosed", 1, "not json")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("cannot decode event Account-acc-0001@4 (AccountClosed v1)")
                .hasMessageContaining("malformed JSON");
        assertThatThrownBy(() ->
                        CODEC.decode(stored("MoneyDeposited", 1, "{\"accountId\":\"acc-0001\",\"amount\":\"10\"}")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("field 'amount' must be an integer");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void every_sample_decodes_to_the_event_it_means_and_re_encodes_to_itself(Sample sample) {
        AccountEvent decoded = CODEC.decode(
                stored(sample.type(), sample.version(), sample.payload().toString()));

        assertThat(decoded).isEqualTo(EXPECTED.get(sample.name()));
        assertThat(EventJson.parseObject(CODEC.encode(decoded).data())).isEqualTo(sample.payload());
    }

    @Test
    void every_sample_has_an_expectation_and_every_expectation_a_sample() {
        assertThat(samples().map(Sample::name)).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }
}

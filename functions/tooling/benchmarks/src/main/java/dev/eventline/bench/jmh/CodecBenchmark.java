package dev.eventline.bench.jmh;

import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.MoneyWithdrawn;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.eventstore.EventCodec.EncodedEvent;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.application.OrderEventCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One event through the context codecs the functions use: encode (to JSON, validated against the current
 * schema) and decode (parse, upcast if needed, map to the record). OrderPlaced is the largest ordering event.
 */
@State(Scope.Benchmark)
public class CodecBenchmark {
    private OrderEventCodec orderCodec;
    private AccountEventCodec accountCodec;
    private OrderEvent orderPlaced;
    private RecordedEvent storedOrderPlaced;
    private AccountEvent moneyWithdrawn;
    private RecordedEvent storedMoneyWithdrawn;

    @Setup
    public void setUp() {
        orderCodec = new OrderEventCodec();
        accountCodec = new AccountEventCodec();
        orderPlaced = OrderStreams.events().getFirst();
        storedOrderPlaced = OrderStreams.recorded(orderCodec).getFirst();
        moneyWithdrawn = new MoneyWithdrawn("acc-bench-1", 2_500, "groceries", 997_500, OrderStreams.T0);
        EncodedEvent encoded = accountCodec.encode(moneyWithdrawn);
        storedMoneyWithdrawn = new RecordedEvent(
                "acc-bench-1",
                2,
                "evt-2",
                encoded.type(),
                encoded.schemaVersion(),
                encoded.data(),
                OrderStreams.METADATA,
                OrderStreams.T0);
    }

    @Benchmark
    public EncodedEvent order_encode_validated() {
        return orderCodec.encode(orderPlaced);
    }

    @Benchmark
    public OrderEvent order_decode() {
        return orderCodec.decode(storedOrderPlaced);
    }

    @Benchmark
    public EncodedEvent account_encode_validated() {
        return accountCodec.encode(moneyWithdrawn);
    }

    @Benchmark
    public AccountEvent account_decode() {
        return accountCodec.decode(storedMoneyWithdrawn);
    }
}

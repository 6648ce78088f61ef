package dev.eventline.bench.jmh;

import dev.eventline.accounts.AccountDecider;
import dev.eventline.accounts.AccountEvent;
import dev.eventline.accounts.AccountState;
import dev.eventline.accounts.DepositMoney;
import dev.eventline.accounts.OpenAccount;
import dev.eventline.accounts.WithdrawMoney;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.OrderEvent;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PlaceOrder;
import java.time.Instant;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One command's domain work, as the command executor does it after loading: decide, then evolve the state by
 * the events decided. The loaded state is the input; nothing here touches the store or the codec.
 */
@State(Scope.Benchmark)
public class DecisionBenchmark {
    private static final Instant T = OrderStreams.T0.plusSeconds(7_200);

    private final OrderDecider orders = OrderDecider.INSTANCE;
    private final AccountDecider accounts = AccountDecider.INSTANCE;
    private OrderState openOrder;
    private AccountState openAccount;
    private PlaceOrder place;
    private AddItem addItem;
    private WithdrawMoney withdraw;
    private DepositMoney deposit;

    @Setup
    public void setUp() {
        openOrder = orders.fold(orders.initial(), OrderStreams.events().subList(0, 7));
        place = new PlaceOrder("ord-bench-2", "cust-7", "EUR", List.of(new OrderLine("BASE", 2, 1_500)), T);
        addItem = new AddItem(OrderStreams.ORDER_ID, "SKU-NEW", 2, 990, T);
        AccountState initial = accounts.initial();
        List<AccountEvent> opened =
                accounts.decide(new OpenAccount("acc-bench-1", "owner-1", "EUR", 50_000, OrderStreams.T0), initial);
        openAccount = accounts.fold(initial, opened);
        openAccount = accounts.fold(
                openAccount,
                accounts.decide(
                        new DepositMoney("acc-bench-1", 1_000_000, "salary", OrderStreams.T0.plusSeconds(1)),
                        openAccount));
        withdraw = new WithdrawMoney("acc-bench-1", 2_500, "groceries", T);
        deposit = new DepositMoney("acc-bench-1", 2_500, "refund", T);
    }

    @Benchmark
    public OrderState order_place() {
        OrderState initial = orders.initial();
        List<OrderEvent> events = orders.decide(place, initial);
        return orders.fold(initial, events);
    }

    @Benchmark
    public OrderState order_add_item() {
        return orders.fold(openOrder, orders.decide(addItem, openOrder));
    }

    @Benchmark
    public AccountState account_withdraw() {
        return accounts.fold(openAccount, accounts.decide(withdraw, openAccount));
    }

    @Benchmark
    public AccountState account_deposit() {
        return accounts.fold(openAccount, accounts.decide(deposit, openAccount));
    }
}

package dev.eventline.ordering.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.CommandContext;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.eventstore.Expectation;
import dev.eventline.eventstore.InMemoryEventStore;
import dev.eventline.ordering.AddItem;
import dev.eventline.ordering.CancelOrder;
import dev.eventline.ordering.CapturePayment;
import dev.eventline.ordering.ConfirmOrder;
import dev.eventline.ordering.DeliverOrder;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderLine;
import dev.eventline.ordering.OrderRule;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.RemoveItem;
import dev.eventline.ordering.ShipOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ordering access rules as a matrix: route × caller (the order's customer, another customer,
 * staff) → what the API answers (403 before anything is read, 404 as if the order did not exist,
 * or "passes": the request reaches the decider, which may still refuse it by a business rule).
 * Commands run through {@link OrderCommands} on an in-memory store, so the 404s are the executor's
 * real refusals.
 */
class OrderAccessTest {
    private static final String ORDER = "o-1";
    private static final String OWNER = "alice";

    private final Clock clock = Clock.systemUTC();
    private final InMemoryEventStore store = new InMemoryEventStore(clock);
    private final OrderCommands commands = OrderCommands.create(store, clock);

    enum Caller {
        CUSTOMER(new OrderAccess(OWNER, false)),
        OTHER_CUSTOMER(new OrderAccess("mallory", false)),
        STAFF(new OrderAccess("clerk-7", true));

        final OrderAccess access;

        Caller(OrderAccess access) {
            this.access = access;
        }
    }

    /** A command route and the command it sends for the order {@value #ORDER}. */
    enum Route {
        ADD_ITEM("POST /orders/{orderId}/items", at -> new AddItem(ORDER, "SKU-2", 1, 500, at)),
        REMOVE_ITEM("DELETE /orders/{orderId}/items/{sku}", at -> new RemoveItem(ORDER, "SKU-1", at)),
        CONFIRM("POST /orders/{orderId}/confirm", at -> new ConfirmOrder(ORDER, at)),
        PAY("POST /orders/{orderId}/pay", at -> new CapturePayment(ORDER, 3998, at)),
        SHIP("POST /orders/{orderId}/ship", at -> new ShipOrder(ORDER, "DHL", "TRACK-1", at)),
        DELIVER("POST /orders/{orderId}/deliver", at -> new DeliverOrder(ORDER, at)),
        CANCEL("POST /orders/{orderId}/cancel", at -> new CancelOrder(ORDER, "changed my mind", at));

        final String key;
        final java.util.function.Function<Instant, OrderCommand> command;

        Route(String key, java.util.function.Function<Instant, OrderCommand> command) {
            this.key = key;
            this.command = command;
        }
    }

    static Stream<Arguments> command_matrix() {
        return Stream.of(
                Arguments.of(Route.ADD_ITEM, Caller.CUSTOMER, "passes"),
                Arguments.of(Route.ADD_ITEM, Caller.OTHER_CUSTOMER, "404"),
                Arguments.of(Route.ADD_ITEM, Caller.STAFF, "passes"),
                Arguments.of(Route.REMOVE_ITEM, Caller.CUSTOMER, "passes"),
                Arguments.of(Route.REMOVE_ITEM, Caller.OTHER_CUSTOMER, "404"),
                Arguments.of(Route.REMOVE_ITEM, Caller.STAFF, "passes"),
                Arguments.of(Route.CONFIRM, Caller.CUSTOMER, "passes"),
                Arguments.of(Route.CONFIRM, Caller.OTHER_CUSTOMER, "404"),
                Arguments.of(Route.CONFIRM, Caller.STAFF, "passes"),
                Arguments.of(Route.PAY, Caller.CUSTOMER, "passes"),
                Arguments.of(Route.PAY, Caller.OTHER_CUSTOMER, "404"),
                Arguments.of(Route.PAY, Caller.STAFF, "passes"),
                Arguments.of(Route.SHIP, Caller.CUSTOMER, "403"),
                Arguments.of(Route.SHIP, Caller.OTHER_CUSTOMER, "403"),
                Arguments.of(Route.SHIP, Caller.STAFF, "passes"),
                Arguments.of(Route.DELIVER, Caller.CUSTOMER, "403"),
                Arguments.of(Route.DELIVER, Caller.OTHER_CUSTOMER, "403"),
                Arguments.of(Route.DELIVER, Caller.STAFF, "passes"),
                Arguments.of(Route.CANCEL, Caller.CUSTOMER, "passes"),
                Arguments.of(Route.CANCEL, Caller.OTHER_CUSTOMER, "404"),
                Arguments.of(Route.CANCEL, Caller.STAFF, "passes"));
    }

    @ParameterizedTest(name = "{0} by {1}: {2}")
    @MethodSource
    void command_matrix(Route route, Caller caller, String expected) {
        placeForOwner();

        assertThat(answer(route.command.apply(clock.instant()), caller.access)).isEqualTo(expected);
    }

    @Test
    void a_command_on_an_order_that_does_not_exist_is_the_same_404_as_on_someone_elses() {
        placeForOwner();
        OrderAccess mallory = Caller.OTHER_CUSTOMER.access;

        RuleViolation missing = refusal(new ConfirmOrder("o-missing", clock.instant()), mallory);
        RuleViolation othersOrder = refusal(new ConfirmOrder(ORDER, clock.instant()), mallory);

        assertThat(othersOrder.code()).isEqualTo(missing.code()).isEqualTo(OrderRule.ORDER_NOT_FOUND.code());
        assertThat(othersOrder.detail()).isEqualTo(missing.detail().replace("o-missing", ORDER));
    }

    static Stream<Arguments> placement_matrix() {
        return Stream.of(
                Arguments.of(Caller.CUSTOMER, Optional.empty(), OWNER, "passes"),
                Arguments.of(Caller.CUSTOMER, Optional.of(OWNER), OWNER, "passes"),
                Arguments.of(Caller.CUSTOMER, Optional.of("bob"), "bob", "403"),
                Arguments.of(Caller.STAFF, Optional.of("bob"), "bob", "passes"),
                Arguments.of(Caller.STAFF, Optional.empty(), "clerk-7", "passes"));
    }

    @ParameterizedTest(name = "POST /orders by {0} naming {1}: for {2}, {3}")
    @MethodSource
    void placement_matrix(Caller caller, Optional<String> named, String customer, String expected) {
        String customerId = caller.access.customerOfNewOrder(named);
        PlaceOrder place = new PlaceOrder("o-new", customerId, "EUR", List.of(line()), clock.instant());

        assertThat(customerId).isEqualTo(customer);
        assertThat(answer(place, caller.access)).isEqualTo(expected);
    }

    static Stream<Arguments> read_matrix() {
        BiFunction<OrderAccess, OrderState, OrderAccess.Outcome> order = OrderAccess::readOrder;
        return Stream.of(
                Arguments.of("GET /orders/{orderId} and /events", Caller.CUSTOMER, order, "200"),
                Arguments.of("GET /orders/{orderId} and /events", Caller.OTHER_CUSTOMER, order, "404"),
                Arguments.of("GET /orders/{orderId} and /events", Caller.STAFF, order, "200"));
    }

    @ParameterizedTest(name = "{0} by {1}: {3}")
    @MethodSource
    void read_matrix(
            String route, Caller caller, BiFunction<OrderAccess, OrderState, OrderAccess.Outcome> rule, String status) {
        OrderState placed = placeForOwner();

        assertThat(status(rule.apply(caller.access, placed))).isEqualTo(status);
        assertThat(status(rule.apply(caller.access, OrderState.initial()))).isEqualTo("404");
    }

    @Test
    void a_customer_list_is_readable_by_the_customer_and_staff_and_missing_for_anyone_else() {
        assertThat(status(Caller.CUSTOMER.access.readCustomer(OWNER))).isEqualTo("200");
        assertThat(status(Caller.OTHER_CUSTOMER.access.readCustomer(OWNER))).isEqualTo("404");
        assertThat(status(Caller.STAFF.access.readCustomer(OWNER))).isEqualTo("200");
    }

    @Test
    void personal_data_is_erased_by_the_customer_or_staff_and_refused_to_anyone_else() {
        assertThat(status(Caller.CUSTOMER.access.erasePersonalData(OWNER))).isEqualTo("200");
        assertThat(status(Caller.OTHER_CUSTOMER.access.erasePersonalData(OWNER)))
                .isEqualTo("403");
        assertThat(status(Caller.STAFF.access.erasePersonalData(OWNER))).isEqualTo("200");
    }

    @Test
    void only_staff_see_who_acted_and_the_trace_ids_in_an_audit_trail() {
        assertThat(Caller.CUSTOMER.access.seesAuditMetadata()).isFalse();
        assertThat(Caller.OTHER_CUSTOMER.access.seesAuditMetadata()).isFalse();
        assertThat(Caller.STAFF.access.seesAuditMetadata()).isTrue();
    }

    private OrderState placeForOwner() {
        OrderAccess owner = Caller.CUSTOMER.access;
        PlaceOrder place = new PlaceOrder(ORDER, OWNER, "EUR", List.of(line()), clock.instant());
        return ((Executed<OrderState>) commands.handle(place, owner, context(), Expectation.any(), Optional.empty()))
                .state();
    }

    private static OrderLine line() {
        return new OrderLine("SKU-1", 2, 1999);
    }

    /** What the API makes of the policy and the executor: 403, 404, or "passes" (to the decider's own rules). */
    private String answer(OrderCommand command, OrderAccess access) {
        if (access.command(command) == OrderAccess.Outcome.FORBIDDEN) {
            return "403";
        }
        try {
            commands.handle(command, access, context(), Expectation.any(), Optional.empty());
            return "passes";
        } catch (RuleViolation violation) {
            return violation.code().equals(OrderRule.ORDER_NOT_FOUND.code()) ? "404" : "passes";
        }
    }

    private RuleViolation refusal(OrderCommand command, OrderAccess access) {
        try {
            commands.handle(command, access, context(), Expectation.any(), Optional.empty());
        } catch (RuleViolation violation) {
            return violation;
        }
        throw new AssertionError("expected a refusal of " + command);
    }

    private static String status(OrderAccess.Outcome outcome) {
        return switch (outcome) {
            case ALLOWED -> "200";
            case NOT_FOUND -> "404";
            case FORBIDDEN -> "403";
        };
    }

    private CommandContext context() {
        return new CommandContext("cmd", "corr", "cmd", null, "test", clock.instant());
    }
}

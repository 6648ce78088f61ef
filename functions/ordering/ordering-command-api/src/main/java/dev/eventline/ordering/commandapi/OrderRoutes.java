package dev.eventline.ordering.commandapi;

import dev.eventline.eventstore.CommandResult;
import dev.eventline.eventstore.CommandResult.Executed;
import dev.eventline.http.ConsistencyTokens;
import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.Principal;
import dev.eventline.http.ProblemException;
import dev.eventline.http.Router;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.ordering.OrderCommand;
import dev.eventline.ordering.OrderState;
import dev.eventline.ordering.PlaceOrder;
import dev.eventline.ordering.application.OrderAccess;
import dev.eventline.ordering.application.OrderCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The order command routes. Every route is the same four steps: read the headers, parse the body
 * into a command, run it, render the outcome. Everything is read and validated before the command
 * runs, so a bad request never reaches the event store. Who may run what is {@link OrderAccess}'s:
 * its command check (403) before the command runs, its order check (404) as it is decided.
 */
final class OrderRoutes {
    private final OrderCommands commands;
    private final Clock clock;
    private final Supplier<String> newOrderIds;
    private final EmfMetrics metrics;
    private final PersonalData personalData;
    private final CommandResponses responses;

    /** @param metrics the request's metrics: {@code EventsAppended} joins its line (next to projected, published) */
    OrderRoutes(
            OrderCommands commands,
            Clock clock,
            Supplier<String> newOrderIds,
            EmfMetrics metrics,
            PersonalData personalData,
            ConsistencyTokens tokens) {
        this.responses = new CommandResponses(tokens);
        this.commands = Objects.requireNonNull(commands, "commands");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.newOrderIds = Objects.requireNonNull(newOrderIds, "newOrderIds");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.personalData = Objects.requireNonNull(personalData, "personalData");
    }

    Router register(Router router) {
        route(router, "POST", "/orders", this::placeOrder, responses::created);
        route(router, "POST", "/orders/{orderId}/items", ignoringHeaders(OrderRequests::addItem), responses::updated);
        route(
                router,
                "DELETE",
                "/orders/{orderId}/items/{sku}",
                ignoringHeaders(OrderRequests::removeItem),
                responses::updated);
        route(router, "POST", "/orders/{orderId}/confirm", ignoringHeaders(OrderRequests::confirm), responses::updated);
        route(router, "POST", "/orders/{orderId}/pay", ignoringHeaders(OrderRequests::pay), responses::updated);
        route(router, "POST", "/orders/{orderId}/ship", ignoringHeaders(OrderRequests::ship), responses::updated);
        route(router, "POST", "/orders/{orderId}/deliver", ignoringHeaders(OrderRequests::deliver), responses::updated);
        route(router, "POST", "/orders/{orderId}/cancel", ignoringHeaders(OrderRequests::cancel), responses::updated);
        router.route("DELETE", "/customers/{customerId}/personal-data", personalData::erase);
        return router;
    }

    /** Request to command; the headers are already read, and {@code at} is the command's business time. */
    @FunctionalInterface
    private interface Parser {
        OrderCommand parse(HttpRequest request, CommandHeaders headers, Instant at);
    }

    private static Parser ignoringHeaders(BiFunction<HttpRequest, Instant, OrderCommand> parse) {
        return (request, headers, at) -> parse.apply(request, at);
    }

    private OrderCommand placeOrder(HttpRequest request, CommandHeaders headers, Instant at) {
        return OrderRequests.placeOrder(
                request,
                () -> headers.newOrderId(newOrderIds),
                access(request)::customerOfNewOrder,
                at,
                personalData::seal);
    }

    /** The caller as the ordering context's access rules see them. */
    static OrderAccess access(HttpRequest request) {
        Principal principal = request.principal();
        return new OrderAccess(principal.subject(), principal.isStaff());
    }

    private void route(
            Router router,
            String method,
            String template,
            Parser parse,
            Function<Executed<OrderState>, HttpResponse> render) {
        router.route(method, template, request -> execute(request, parse, render));
    }

    private HttpResponse execute(
            HttpRequest request, Parser parse, Function<Executed<OrderState>, HttpResponse> render) {
        CommandHeaders headers = CommandHeaders.of(request);
        Instant now = clock.instant();
        OrderCommand command = parse.parse(request, headers, now);
        OrderAccess access = access(request);
        if (access.command(command) == OrderAccess.Outcome.FORBIDDEN) {
            throw ProblemException.forbidden(
                    OrderAccess.STAFF_SCOPE,
                    command instanceof PlaceOrder
                            ? "only staff place orders for another customer"
                            : "only staff may "
                                    + request.routeKey()
                                            .substring(request.routeKey().lastIndexOf('/') + 1) + " an order");
        }
        CommandResult<OrderState> result = commands.handle(
                command, access, headers.context(request, now), headers.expectation(), headers.idempotency(render));
        if (result instanceof Executed<OrderState> executed) {
            metrics.count("EventsAppended", executed.newEvents().size());
        }
        return CommandResponses.of(result, render);
    }
}

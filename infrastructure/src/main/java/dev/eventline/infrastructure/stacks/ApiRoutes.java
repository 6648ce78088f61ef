package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.constructs.ApiRoute.delete;
import static dev.eventline.infrastructure.constructs.ApiRoute.get;
import static dev.eventline.infrastructure.constructs.ApiRoute.post;
import static dev.eventline.infrastructure.constructs.ApiRoute.put;

import dev.eventline.infrastructure.constructs.ApiRoute;
import java.util.List;
import java.util.stream.Stream;

/** The public routes, by the function serving them. Each is listed explicitly: no greedy paths. */
public final class ApiRoutes {

    /** Order lifecycle actions, one route each. */
    public static final List<String> ORDER_ACTIONS = List.of("confirm", "pay", "ship", "deliver", "cancel");
    /** Account state changes, one route each. */
    public static final List<String> ACCOUNT_ACTIONS = List.of("freeze", "unfreeze", "close");

    public static final List<ApiRoute> ORDERING_COMMANDS = Stream.concat(
                    Stream.of(
                            post("/orders"), post("/orders/{orderId}/items"), delete("/orders/{orderId}/items/{sku}")),
                    ORDER_ACTIONS.stream().map(action -> post("/orders/{orderId}/" + action)))
            .toList();

    public static final List<ApiRoute> ORDERING_QUERIES =
            List.of(get("/orders/{orderId}"), get("/orders/{orderId}/events"), get("/customers/{customerId}/orders"));

    public static final List<ApiRoute> ACCOUNTS = Stream.concat(
                    Stream.of(
                            post("/accounts"),
                            post("/accounts/{accountId}/deposits"),
                            post("/accounts/{accountId}/withdrawals"),
                            put("/accounts/{accountId}/overdraft-limit")),
                    Stream.concat(
                            ACCOUNT_ACTIONS.stream().map(action -> post("/accounts/{accountId}/" + action)),
                            Stream.of(
                                    get("/accounts/{accountId}"),
                                    get("/accounts/{accountId}/statement"),
                                    get("/accounts/{accountId}/balance-history"),
                                    get("/owners/{ownerId}/accounts"))))
            .toList();

    private ApiRoutes() {}
}

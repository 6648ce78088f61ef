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

    /**
     * The scope of staff-only actions. API Gateway refuses tokens without it (403) on the routes
     * that are staff-only whatever the request says; the functions check the rest (large
     * overdrafts, anyone's data) and check these again.
     */
    public static final String STAFF_SCOPE = "eventline/staff";
    /** Order and account actions only staff take. */
    public static final List<String> STAFF_ACTIONS = List.of("ship", "deliver", "freeze", "unfreeze");

    /** Order lifecycle actions, one route each. */
    public static final List<String> ORDER_ACTIONS = List.of("confirm", "pay", "ship", "deliver", "cancel");
    /** Account state changes, one route each. */
    public static final List<String> ACCOUNT_ACTIONS = List.of("freeze", "unfreeze", "close");

    public static final List<ApiRoute> ORDERING_COMMANDS = Stream.concat(
                    Stream.of(
                            post("/orders"),
                            post("/orders/{orderId}/items"),
                            delete("/orders/{orderId}/items/{sku}"),
                            delete("/customers/{customerId}/personal-data")),
                    ORDER_ACTIONS.stream().map(action -> scoped(action, post("/orders/{orderId}/" + action))))
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
                            ACCOUNT_ACTIONS.stream()
                                    .map(action -> scoped(action, post("/accounts/{accountId}/" + action))),
                            Stream.of(
                                    get("/accounts/{accountId}"),
                                    get("/accounts/{accountId}/statement"),
                                    get("/accounts/{accountId}/balance-history"),
                                    get("/owners/{ownerId}/accounts"),
                                    delete("/owners/{ownerId}/personal-data"))))
            .toList();

    /**
     * The explorer API behind the event explorer console: staff only (see {@code ApiStack}). Not in
     * the public OpenAPI documents.
     */
    public static final List<ApiRoute> EXPLORER = List.of(
                    get("/explorer/streams/{streamId}/events"),
                    get("/explorer/consumers"),
                    get("/explorer/dead-letters"),
                    post("/explorer/dead-letters/{queue}/redrive"))
            .stream()
            .map(route -> route.requiring(STAFF_SCOPE))
            .toList();

    private ApiRoutes() {}

    private static ApiRoute scoped(String action, ApiRoute route) {
        return STAFF_ACTIONS.contains(action) ? route.requiring(STAFF_SCOPE) : route;
    }
}

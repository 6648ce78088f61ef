package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertInvalidField;
import static dev.eventline.http.ProblemAssertions.problemOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.eventline.local.emulator.ApiGatewayRoutes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static Function<HttpRequest, HttpResponse> answer(String name) {
        return req -> HttpResponse.json(
                200,
                JsonNodeFactory.instance
                        .objectNode()
                        .put("handler", name)
                        .put("params", new java.util.TreeMap<>(req.pathParams()).toString()));
    }

    private final Router router = new Router()
            .route("POST", "/orders", answer("create"))
            .route("GET", "/orders/{orderId}", answer("get"))
            .route("GET", "/orders/search", answer("search"))
            .route("POST", "/orders/{orderId}/items", answer("addItem"))
            .route("DELETE", "/orders/{orderId}/items/{sku}", answer("removeItem"))
            .route("GET", "/", answer("root"));

    /** What API Gateway does in front of the function, with this router's routes deployed as the CDK deploys them. */
    private final ApiGatewayRoutes gateway = ApiGatewayRoutes.of(ApiGatewayRoutes.withAnyPerPath(
            router.routes().stream().map(Router.Route::key).toList()));

    /** The event API Gateway hands over for a route it selected; the path in it is deliberately not the route's. */
    private static HttpRequest routed(String method, String routeKey, Map<String, String> pathParameters) {
        HttpApiEvent event = Samples.event("get-order.json")
                .withRawPath("/not/matched/by/the/function")
                .withMethod(method)
                .withRouteKey(routeKey, pathParameters == null ? null : new LinkedHashMap<>(pathParameters));
        return HttpRequest.from(event);
    }

    /** A request as it arrives through {@link #gateway}. */
    private HttpRequest request(String method, String path) {
        HttpApiEvent event = Samples.event("get-order.json").withRawPath(path).withMethod(method);
        return HttpRequest.from(Samples.routed(gateway, event));
    }

    private static String handlerFor(Router router, HttpRequest request) {
        return ProblemAssertions.parse(router.dispatch(request).body().orElseThrow())
                .path("handler")
                .asText();
    }

    @Test
    void routes_are_listed_in_registration_order() {
        assertThat(router.routes())
                .containsExactly(
                        new Router.Route("POST", "/orders"),
                        new Router.Route("GET", "/orders/{orderId}"),
                        new Router.Route("GET", "/orders/search"),
                        new Router.Route("POST", "/orders/{orderId}/items"),
                        new Router.Route("DELETE", "/orders/{orderId}/items/{sku}"),
                        new Router.Route("GET", "/"));
        assertThat(router.routes().get(4).key()).isEqualTo("DELETE /orders/{orderId}/items/{sku}");
    }

    @Test
    void dispatches_on_the_route_key_with_the_events_path_parameters_not_on_the_path() {
        assertThat(handlerFor(router, routed("POST", "POST /orders", null))).isEqualTo("create");
        assertThat(handlerFor(router, routed("GET", "GET /", null))).isEqualTo("root");
        HttpResponse response = router.dispatch(
                routed("DELETE", "DELETE /orders/{orderId}/items/{sku}", Map.of("orderId", "o-1", "sku", "SKU_9")));
        assertThat(response.body().orElseThrow())
                .contains("removeItem")
                .contains("orderId=o-1")
                .contains("sku=SKU_9");
    }

    @Test
    void through_api_gateway_templates_match_and_fill_path_params() {
        assertThat(handlerFor(router, request("POST", "/orders"))).isEqualTo("create");
        assertThat(handlerFor(router, request("GET", "/orders/o-1"))).isEqualTo("get");
        assertThat(handlerFor(router, request("GET", "/"))).isEqualTo("root");
        HttpResponse response = router.dispatch(request("DELETE", "/orders/o-1/items/SKU_9"));
        assertThat(response.body().orElseThrow())
                .contains("removeItem")
                .contains("orderId=o-1")
                .contains("sku=SKU_9");
    }

    @Test
    void literal_segments_win_over_parameters() {
        assertThat(handlerFor(router, request("GET", "/orders/search"))).isEqualTo("search");
    }

    @Test
    void the_any_route_of_a_path_is_405_with_the_paths_methods_in_allow() {
        Problem onAny =
                problemOf(() -> router.dispatch(routed("PUT", "ANY /orders/{orderId}", Map.of("orderId", "o-1"))));
        assertThat(onAny.status()).isEqualTo(405);
        assertThat(onAny.headers()).containsEntry("Allow", "GET");
        assertThat(problemOf(() -> router.dispatch(routed("PATCH", "ANY /orders", null)))
                        .headers())
                .containsEntry("Allow", "POST");
        assertThat(problemOf(() -> router.dispatch(routed("HEAD", "ANY /orders/{orderId}/items/{sku}", null)))
                        .headers())
                .containsEntry("Allow", "DELETE");
        // a route key of this router's, on an event whose method is another: still the path's methods
        assertThat(problemOf(() -> router.dispatch(routed("PUT", "POST /orders", null)))
                        .headers())
                .containsEntry("Allow", "POST");
    }

    @Test
    void no_route_is_404() {
        assertThat(problemOf(() -> router.dispatch(routed("GET", "$default", null)))
                        .status())
                .isEqualTo(404);
        assertThat(problemOf(() -> router.dispatch(routed("GET", "", null))).status())
                .isEqualTo(404);
        assertThat(problemOf(() -> router.dispatch(routed("GET", "GET /elsewhere", null)))
                        .status())
                .isEqualTo(404);
        assertThat(problemOf(() -> router.dispatch(routed("GET", "ANY /elsewhere", null)))
                        .status())
                .isEqualTo(404);
        assertThat(problemOf(() -> router.dispatch(routed("GET", "GET/orders", null)))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void through_api_gateway_no_template_is_404_and_wrong_method_is_405() {
        assertThat(problemOf(() -> router.dispatch(request("GET", "/nope"))).status())
                .isEqualTo(404);
        assertThat(problemOf(() -> router.dispatch(request("GET", "/orders/o-1/items/SKU-1/extra")))
                        .status())
                .isEqualTo(404);
        assertThat(problemOf(() -> router.dispatch(request("GET", "/orders/"))).status())
                .isEqualTo(404);
        Problem notAllowed = problemOf(() -> router.dispatch(request("PATCH", "/orders")));
        assertThat(notAllowed.status()).isEqualTo(405);
        assertThat(notAllowed.headers()).containsEntry("Allow", "POST");
        assertThat(problemOf(() -> router.dispatch(request("POST", "/orders/search")))
                        .headers())
                .containsEntry("Allow", "GET");
    }

    @Test
    void literal_segments_are_compared_undecoded() {
        assertThat(problemOf(() -> router.dispatch(request("POST", "/ord%65rs")))
                        .status())
                .isEqualTo(404);
    }

    @Test
    void invalid_params_name_the_parameter_and_are_checked_only_after_method_match() {
        assertInvalidField(problemOf(() -> router.dispatch(request("DELETE", "/orders/o-1/items/%2e%2e"))), "sku");
        assertInvalidField(problemOf(() -> router.dispatch(request("DELETE", "/orders/%FF/items/x"))), "orderId");
        assertInvalidField(
                problemOf(() ->
                        router.dispatch(routed("GET", "GET /orders/{orderId}", Map.of("orderId", "../../etc/passwd")))),
                "orderId");
        assertThat(problemOf(() -> router.dispatch(request("PUT", "/orders/%00")))
                        .status())
                .isEqualTo(405);
    }

    @Test
    void a_path_parameter_the_event_lacks_is_a_400_naming_it() {
        assertInvalidField(problemOf(() -> router.dispatch(routed("GET", "GET /orders/{orderId}", null))), "orderId");
        assertInvalidField(
                problemOf(() -> router.dispatch(
                        routed("DELETE", "DELETE /orders/{orderId}/items/{sku}", Map.of("orderId", "o-1")))),
                "sku");
    }

    @Test
    void path_ids_accept_exactly_the_stream_id_alphabet() {
        assertThat(PathIds.require("orderId", "Ab_9-z")).isEqualTo("Ab_9-z");
        assertThat(PathIds.isValid("a".repeat(128))).isTrue();
        assertThat(PathIds.isValid("a".repeat(129))).isFalse();
        assertThat(PathIds.isValid("")).isFalse();
        assertThat(PathIds.isValid(null)).isFalse();
        assertThat(PathIds.isValid("ａ")).as("full-width letter").isFalse();
        assertThat(PathIds.isValid("a\n")).isFalse();
        assertInvalidField(problemOf(() -> PathIds.require("accountId", "../x")), "accountId");
    }

    @Test
    void registration_refuses_bad_methods_templates_and_duplicates() {
        Function<HttpRequest, HttpResponse> h = answer("x");
        assertThatThrownBy(() -> new Router().route("HEAD", "/a", h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router().route("get", "/a", h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router().route("GET", "a", h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router().route("GET", "/a/", h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router().route("GET", "/a//b", h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router().route("GET", "/a/{}", h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router().route("GET", "/a/{x", h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router().route("GET", "/a/{x}/{x}", h))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router().route("GET", "/a/b c", h)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Router().route("GET", "/a/{x}", h).route("GET", "/a/{y}", h))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

package dev.eventline.local;

import dev.eventline.local.emulator.ApiGatewayRoutes;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.JwtRouteAuth;
import dev.eventline.local.emulator.Topology.RouteSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which function serves a request: the template's {@code AWS::ApiGatewayV2::Route}s when it has
 * any, selected by {@link ApiGatewayRoutes} as API Gateway does (the route key and path parameters
 * it hands the function are the ones the function dispatches on); otherwise the conventional split
 * of the Eventline APIs by path, so the local stack starts before the API is synthesized (the
 * functions then get {@code $default} and answer 404: they dispatch on route keys only).
 */
final class HttpRoutes {
    static final String QUERY_HANDLER = "dev.eventline.ordering.queryapi.QueryApiHandler";
    static final String COMMAND_HANDLER = "dev.eventline.ordering.commandapi.CommandApiHandler";
    static final String ACCOUNTS_HANDLER = "dev.eventline.accounts.api.AccountsApiHandler";

    /**
     * Where a request goes: the function, the route key API Gateway would report, the path variables,
     * and the route's JWT authorizer (empty: none, the function then sees no caller).
     */
    record Match(
            LocalFunction function, String routeKey, Map<String, String> pathParameters, Optional<JwtRouteAuth> jwt) {
        Match(LocalFunction function, String routeKey, Map<String, String> pathParameters) {
            this(function, routeKey, pathParameters, Optional.empty());
        }
    }

    /** The routes whose functions run here, and all the template's routes (to name a function that does not run). */
    private final ApiGatewayRoutes running;

    private final ApiGatewayRoutes all;
    private final Map<String, LocalFunction> byRouteKey;
    private final Map<String, String> functionNameByRouteKey;
    private final Map<String, JwtRouteAuth> jwtByRouteKey;
    private final boolean fromTemplate;
    private final LocalFunctions functions;

    private HttpRoutes(
            Map<String, LocalFunction> byRouteKey,
            Map<String, String> functionNameByRouteKey,
            Map<String, JwtRouteAuth> jwtByRouteKey,
            LocalFunctions functions) {
        this.running = ApiGatewayRoutes.of(byRouteKey.keySet());
        this.all = ApiGatewayRoutes.of(functionNameByRouteKey.keySet());
        this.byRouteKey = Map.copyOf(byRouteKey);
        this.functionNameByRouteKey = Map.copyOf(functionNameByRouteKey);
        this.jwtByRouteKey = Map.copyOf(jwtByRouteKey);
        this.fromTemplate = !functionNameByRouteKey.isEmpty();
        this.functions = functions;
    }

    static HttpRoutes from(Topology topology, LocalFunctions functions) {
        Map<String, LocalFunction> byRouteKey = new LinkedHashMap<>();
        Map<String, String> functionNameByRouteKey = new LinkedHashMap<>();
        Map<String, JwtRouteAuth> jwtByRouteKey = new LinkedHashMap<>();
        for (RouteSpec spec : topology.routes()) {
            functionNameByRouteKey.put(spec.routeKey(), spec.functionName());
            spec.jwt().ifPresent(jwt -> jwtByRouteKey.put(spec.routeKey(), jwt));
            // a function whose handler was skipped has no entry: its requests get a 503 naming it below
            functions.function(spec.functionName()).ifPresent(function -> byRouteKey.put(spec.routeKey(), function));
        }
        return new HttpRoutes(byRouteKey, functionNameByRouteKey, jwtByRouteKey, functions);
    }

    boolean fromTemplate() {
        return fromTemplate;
    }

    /**
     * @return the match, or empty for no route (404); a route whose function is not running gives
     *         {@link UnavailableFunctionException} (503)
     */
    Optional<Match> match(String method, String path) {
        if (fromTemplate) {
            Optional<ApiGatewayRoutes.Selected> selected = running.select(method, path);
            if (selected.isPresent()) {
                return Optional.of(new Match(
                        byRouteKey.get(selected.get().routeKey()),
                        selected.get().routeKey(),
                        selected.get().pathParameters(),
                        Optional.ofNullable(jwtByRouteKey.get(selected.get().routeKey()))));
            }
            all.select(method, path).ifPresent(unavailable -> {
                throw new UnavailableFunctionException(functionNameByRouteKey.get(unavailable.routeKey()));
            });
            return Optional.empty();
        }
        return conventional(method, path)
                .map(handler -> byHandler(handler)
                        .map(function -> new Match(function, "$default", Map.of()))
                        .orElseThrow(() -> new UnavailableFunctionException(handler)));
    }

    /** GET /orders* and /customers* read, other /orders* write, /accounts* is the accounts API. */
    private static Optional<String> conventional(String method, String path) {
        if (under(path, "/customers") || under(path, "/orders") && method.equals("GET")) {
            return Optional.of(QUERY_HANDLER);
        }
        if (under(path, "/orders")) {
            return Optional.of(COMMAND_HANDLER);
        }
        if (under(path, "/accounts")) {
            return Optional.of(ACCOUNTS_HANDLER);
        }
        return Optional.empty();
    }

    private Optional<LocalFunction> byHandler(String handlerClass) {
        return functions.all().values().stream()
                .filter(f -> f.spec().handlerClass().equals(handlerClass))
                .findFirst();
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    /** A route exists, but its function is not running here (its module is not built, or its cold start failed). */
    static final class UnavailableFunctionException extends RuntimeException {
        UnavailableFunctionException(String function) {
            super(function + " is not running in the local stack (see the warnings at start-up)");
        }
    }
}

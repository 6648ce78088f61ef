package dev.eventline.local;

import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.RouteSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which function serves a request: the template's {@code AWS::ApiGatewayV2::Route}s when it has
 * any, matched like API Gateway (most specific first: literal segments, then path variables, then
 * greedy {@code {proxy+}}, {@code $default} last); otherwise the conventional split of the Eventline
 * APIs by path, so the local stack works before the API is synthesized.
 */
final class HttpRoutes {
    static final String QUERY_HANDLER = "dev.eventline.ordering.queryapi.QueryApiHandler";
    static final String COMMAND_HANDLER = "dev.eventline.ordering.commandapi.CommandApiHandler";
    static final String ACCOUNTS_HANDLER = "dev.eventline.accounts.api.AccountsApiHandler";

    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)(\\+?)}");

    /** Where a request goes: the function, the route key API Gateway would report, the path variables. */
    record Match(LocalFunction function, String routeKey, Map<String, String> pathParameters) {
    }

    private record Route(String method, Pattern path, List<String> variables, int literals, boolean greedy,
                         String routeKey, LocalFunction function) {
        Optional<Match> match(String requestMethod, String requestPath) {
            if (!method.equals("ANY") && !method.equals(requestMethod)) {
                return Optional.empty();
            }
            Matcher matcher = path.matcher(requestPath);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            Map<String, String> parameters = new LinkedHashMap<>();
            for (int i = 0; i < variables.size(); i++) {
                parameters.put(variables.get(i), matcher.group(i + 1));
            }
            return Optional.of(new Match(function, routeKey, parameters));
        }
    }

    private final List<Route> routes;
    private final Optional<LocalFunction> defaultRoute;
    private final boolean fromTemplate;
    private final LocalFunctions functions;
    private final Topology topology;

    private HttpRoutes(List<Route> routes, Optional<LocalFunction> defaultRoute, boolean fromTemplate,
                       LocalFunctions functions, Topology topology) {
        this.routes = routes;
        this.defaultRoute = defaultRoute;
        this.fromTemplate = fromTemplate;
        this.functions = functions;
        this.topology = topology;
    }

    static HttpRoutes from(Topology topology, LocalFunctions functions) {
        List<Route> routes = new ArrayList<>();
        Optional<LocalFunction> defaultRoute = Optional.empty();
        for (RouteSpec spec : topology.routes()) {
            Optional<LocalFunction> function = functions.function(spec.functionName());
            if (function.isEmpty()) {
                continue; // its handler was skipped: the request gets a 503 naming the function below
            }
            if (spec.routeKey().equals("$default")) {
                defaultRoute = function;
            } else {
                routes.add(route(spec.routeKey(), function.get()));
            }
        }
        routes.sort(Comparator.comparing(Route::greedy).thenComparing(Route::literals, Comparator.reverseOrder())
                .thenComparing(r -> r.variables().size()).thenComparing(r -> r.method().equals("ANY")));
        return new HttpRoutes(List.copyOf(routes), defaultRoute, !topology.routes().isEmpty(), functions, topology);
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
            for (Route route : routes) {
                Optional<Match> match = route.match(method, path);
                if (match.isPresent()) {
                    return match;
                }
            }
            if (defaultRoute.isPresent()) {
                return Optional.of(new Match(defaultRoute.get(), "$default", Map.of()));
            }
            topology.routes().stream().filter(spec -> !spec.routeKey().equals("$default"))
                    .filter(spec -> route(spec.routeKey(), null).match(method, path).isPresent()).findFirst()
                    .ifPresent(spec -> {
                        throw new UnavailableFunctionException(spec.functionName());
                    });
            return Optional.empty();
        }
        return conventional(method, path).map(handler -> byHandler(handler)
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
        return functions.all().values().stream().filter(f -> f.spec().handlerClass().equals(handlerClass)).findFirst();
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }

    private static Route route(String routeKey, LocalFunction function) {
        int space = routeKey.indexOf(' ');
        String method = routeKey.substring(0, space);
        String template = routeKey.substring(space + 1);
        StringBuilder regex = new StringBuilder();
        List<String> variables = new ArrayList<>();
        int literals = 0;
        boolean greedy = false;
        for (String segment : template.substring(1).split("/", -1)) {
            regex.append('/');
            Matcher variable = VARIABLE.matcher(segment);
            if (variable.matches()) {
                variables.add(variable.group(1));
                greedy |= !variable.group(2).isEmpty();
                regex.append(variable.group(2).isEmpty() ? "([^/]+)" : "(.+)");
            } else {
                literals++;
                regex.append(Pattern.quote(segment));
            }
        }
        return new Route(method, Pattern.compile(regex.toString()), variables, literals, greedy, routeKey, function);
    }

    /** A route exists, but its function is not running here (its module is not built, or its cold start failed). */
    static final class UnavailableFunctionException extends RuntimeException {
        UnavailableFunctionException(String function) {
            super(function + " is not running in the local stack (see the warnings at start-up)");
        }
    }
}

package dev.eventline.local.emulator;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Route selection as API Gateway HTTP APIs do it, for whatever stands in for API Gateway: the local
 * server, and the tests and benchmarks that hand events to a handler. Given a request's method and
 * raw path, the most specific route key wins (literal segments, then path variables, then greedy
 * {@code {proxy+}}; a route naming the method before {@code ANY}), and its path variables are
 * reported as {@code pathParameters}, raw (still percent-encoded) as the local server always sent
 * them. The functions never match paths: they dispatch on the route key this selects.
 */
public final class ApiGatewayRoutes {
    public static final String DEFAULT_ROUTE = "$default";
    private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z0-9_]+)(\\+?)}");

    /** The route API Gateway selected: its key and the path variables it filled. */
    public record Selected(String routeKey, Map<String, String> pathParameters) {}

    private record Route(
            String method, Pattern path, List<String> variables, int literals, boolean greedy, String routeKey) {
        Optional<Selected> match(String requestMethod, String requestPath) {
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
            return Optional.of(new Selected(routeKey, Map.copyOf(parameters)));
        }
    }

    private final List<Route> routes;
    private final boolean hasDefault;

    private ApiGatewayRoutes(List<Route> routes, boolean hasDefault) {
        this.routes = routes;
        this.hasDefault = hasDefault;
    }

    /** @param routeKeys e.g. {@code "POST /orders/{orderId}/items"}, {@code "ANY /files/{proxy+}"}, {@code "$default"} */
    public static ApiGatewayRoutes of(Collection<String> routeKeys) {
        List<Route> routes = new ArrayList<>();
        boolean hasDefault = false;
        for (String key : routeKeys) {
            if (key.equals(DEFAULT_ROUTE)) {
                hasDefault = true;
            } else {
                routes.add(route(key));
            }
        }
        routes.sort(Comparator.comparing(Route::greedy)
                .thenComparing(Route::literals, Comparator.reverseOrder())
                .thenComparing(r -> r.variables().size())
                .thenComparing(r -> r.method().equals("ANY")));
        return new ApiGatewayRoutes(List.copyOf(routes), hasDefault);
    }

    /**
     * The route keys Eventline deploys for a function's routes ({@code "GET /orders/{orderId}"}): each
     * of them, and an {@code ANY} route per path, as {@code EventlineHttpApi.addRoutes} adds them.
     */
    public static List<String> withAnyPerPath(Collection<String> routeKeys) {
        Set<String> keys = new LinkedHashSet<>(routeKeys);
        routeKeys.forEach(key -> keys.add("ANY " + key.substring(key.indexOf(' ') + 1)));
        return List.copyOf(keys);
    }

    /** Empty when no route matches and there is no {@code $default} route: API Gateway answers 404 itself. */
    public Optional<Selected> select(String method, String rawPath) {
        for (Route route : routes) {
            Optional<Selected> selected = route.match(method, rawPath);
            if (selected.isPresent()) {
                return selected;
            }
        }
        return hasDefault ? Optional.of(new Selected(DEFAULT_ROUTE, Map.of())) : Optional.empty();
    }

    /**
     * The route API Gateway selects for a request's method (as the client wrote it) and raw path
     * under {@code stage}: with no route matching, or no method or path, {@code $default} and no path
     * parameters, which the functions answer with a 404 problem. The caller puts the key (top level
     * and in the request context) and the path parameters into its event, as API Gateway would have.
     */
    public Selected routeOf(String method, String rawPath, String stage) {
        String path = withoutStage(rawPath, stage);
        // as the local server does: a method arrives upper case, whatever the client wrote
        return method == null || path == null
                ? new Selected(DEFAULT_ROUTE, Map.of())
                : select(method.toUpperCase(Locale.ROOT), path).orElse(new Selected(DEFAULT_ROUTE, Map.of()));
    }

    /** A named stage prefixes {@code rawPath} ({@code /prod/orders}); routes are matched without it. */
    private static String withoutStage(String rawPath, String stage) {
        if (rawPath == null || stage == null || stage.isEmpty() || stage.equals(DEFAULT_ROUTE)) {
            return rawPath;
        }
        String prefix = "/" + stage;
        return rawPath.equals(prefix)
                ? "/"
                : rawPath.startsWith(prefix + "/") ? rawPath.substring(prefix.length()) : rawPath;
    }

    private static Route route(String routeKey) {
        int space = routeKey.indexOf(' ');
        if (space < 0) {
            throw new IllegalArgumentException("a route key is METHOD /path or $default: " + routeKey);
        }
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
        return new Route(method, Pattern.compile(regex.toString()), variables, literals, greedy, routeKey);
    }
}

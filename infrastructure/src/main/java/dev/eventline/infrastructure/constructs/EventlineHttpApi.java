package dev.eventline.infrastructure.constructs;

import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiThrottling;
import dev.eventline.infrastructure.config.EnvironmentConfig.RouteLimit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpIamAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizer;
import software.amazon.awscdk.aws_apigatewayv2_authorizers.HttpJwtAuthorizerProps;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.CfnApi;
import software.amazon.awscdk.services.apigatewayv2.CfnStage;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpApiProps;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpRoute;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IHttpRouteAuthorizer;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.MathExpressionProps;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The public HTTP API: one {@code $default} stage, auto-deployed, throttled, with JSON access logs;
 * every route requires the configured authorizer (IAM or JWT); an alarm on the 5xx rate.
 */
public final class EventlineHttpApi extends Construct {

    /** The access log line: one JSON object per request. */
    public static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"ip\":\"$context.identity.sourceIp\","
            + "\"routeKey\":\"$context.routeKey\","
            + "\"status\":\"$context.status\","
            + "\"latency\":\"$context.responseLatency\","
            + "\"integrationError\":\"$context.integrationErrorMessage\"}";

    /** Request headers a browser client sends: the bearer token, JSON bodies, command idempotency. */
    public static final List<String> BROWSER_REQUEST_HEADERS =
            List.of("Authorization", "Content-Type", "Idempotency-Key");

    /** Response headers the console reads beyond the CORS-safelisted ones. */
    public static final List<String> BROWSER_RESPONSE_HEADERS = List.of("X-Read-Source");

    private final HttpApi api;
    private final HttpStage stage;
    private final ApiAuthorizationKind authorization;
    private final ApiThrottling throttling;
    private final Map<String, Map<String, Object>> routeSettings = new TreeMap<>();

    public EventlineHttpApi(Construct scope, String id, Props props) {
        super(scope, id);
        this.authorization = switch (props.authorization()) {
            case ApiAuthorization.Iam iam -> ApiAuthorizationKind.IAM;
            case ApiAuthorization.Jwt jwt -> ApiAuthorizationKind.JWT;
        };
        this.throttling = props.throttling();
        this.api = new HttpApi(
                this,
                "Api",
                HttpApiProps.builder()
                        .apiName(props.apiName())
                        .description("Eventline commands and queries")
                        .createDefaultStage(false)
                        .defaultAuthorizer(authorizer(props.authorization(), props.apiName()))
                        .build());
        var accessLogs = new LogGroup(
                this,
                "AccessLogs",
                LogGroupProps.builder()
                        .logGroupName(props.accessLogGroupName())
                        .retention(props.logRetention())
                        .removalPolicy(props.removalPolicy())
                        .build());
        this.stage = api.addStage(
                "DefaultStage",
                HttpStageOptions.builder()
                        .stageName("$default")
                        .autoDeploy(true)
                        .throttle(ThrottleSettings.builder()
                                .rateLimit(props.throttling().rateLimit())
                                .burstLimit(props.throttling().burstLimit())
                                .build())
                        .accessLogSettings(
                                new JsonAccessLogs(new LogGroupLogDestination(accessLogs), ACCESS_LOG_FORMAT))
                        .build());
        props.alerting()
                .ifPresent(alerting -> alerting.whenAbove(
                        this,
                        "ServerErrorRateAlarm",
                        props.apiName(),
                        "5xx-rate",
                        serverErrorRate(alerting),
                        alerting.thresholds().api5xxRate(),
                        props.apiName() + " answers too many requests with 5xx"));
    }

    private static IHttpRouteAuthorizer authorizer(ApiAuthorization authorization, String apiName) {
        return switch (authorization) {
            case ApiAuthorization.Iam iam -> new HttpIamAuthorizer();
            case ApiAuthorization.Jwt jwt ->
                new HttpJwtAuthorizer(
                        "JwtAuthorizer",
                        jwt.issuer(),
                        HttpJwtAuthorizerProps.builder()
                                .authorizerName(apiName + "-jwt")
                                .jwtAudience(jwt.audience())
                                .identitySource(List.of("$request.header.Authorization"))
                                .build());
        };
    }

    private IMetric serverErrorRate(Alerting alerting) {
        var sum = MetricOptions.builder()
                .statistic("Sum")
                .period(alerting.period())
                .build();
        var metrics = new LinkedHashMap<String, IMetric>();
        metrics.put("errors", api.metricServerError(sum));
        metrics.put("requests", api.metricCount(sum));
        return new MathExpression(MathExpressionProps.builder()
                .expression("IF(requests > 0, errors / requests, 0)")
                .usingMetrics(metrics)
                .label("5xx rate")
                .period(alerting.period())
                .build());
    }

    /**
     * Routes every one of {@code routes} to {@code handler} through one Lambda proxy integration
     * (payload 2.0), and every other method on those paths too ({@code ANY}, which API Gateway picks
     * only when no route names the method): the function's router then answers 405 with
     * {@code Allow}, as the OpenAPI documents say, where API Gateway alone would answer a bare 404.
     * A path is served by one function, so its router knows every method the path has.
     */
    public void addRoutes(String integrationId, IFunction handler, List<ApiRoute> routes) {
        var integration = new HttpLambdaIntegration(integrationId, handler);
        for (ApiRoute route : routes) {
            var added = api.addRoutes(options(route.path(), route.method(), integration, route.scopes()));
            var limit = throttling.routes().get(route.routeKey());
            if (limit != null) {
                throttleRoute(route.routeKey(), limit, added);
            }
        }
        // ANY on a path whose every route needs the same scopes needs them too: a token without them
        // learns nothing from a 405 either
        routes.stream()
                .collect(Collectors.groupingBy(ApiRoute::path, LinkedHashMap::new, Collectors.toList()))
                .forEach((path, onPath) -> {
                    List<String> common =
                            onPath.stream().map(ApiRoute::scopes).distinct().count() == 1
                                    ? onPath.getFirst().scopes()
                                    : List.of();
                    api.addRoutes(options(path, HttpMethod.ANY, integration, common));
                });
    }

    /**
     * A stage's route settings name a route by key, and CloudFormation refuses the stage while the
     * route does not exist yet: hence the dependency.
     */
    private void throttleRoute(String routeKey, RouteLimit limit, List<HttpRoute> added) {
        // RouteSettings is untyped JSON in CloudFormation: the keys go out as written, so in a fixed
        // order (a Map.of would make each synthesis differ)
        Map<String, Object> setting = new TreeMap<>();
        setting.put("ThrottlingBurstLimit", limit.burstLimit());
        setting.put("ThrottlingRateLimit", limit.rateLimit());
        routeSettings.put(routeKey, setting);
        var cfnStage = (CfnStage) stage.getNode().getDefaultChild();
        cfnStage.setRouteSettings(new TreeMap<>(routeSettings));
        added.forEach(route -> stage.getNode().addDependency(route));
    }

    private AddRoutesOptions options(
            String path, HttpMethod method, HttpLambdaIntegration integration, List<String> scopes) {
        var options =
                AddRoutesOptions.builder().path(path).methods(List.of(method)).integration(integration);
        if (authorization == ApiAuthorizationKind.JWT && !scopes.isEmpty()) {
            // only a JWT authorizer has scopes; API Gateway answers 403 to a token without one
            options.authorizationScopes(scopes);
        }
        return options.build();
    }

    private enum ApiAuthorizationKind {
        IAM,
        JWT
    }

    /**
     * Lets a browser application served from {@code origin} call the API: API Gateway answers the
     * preflight, the routes' authorizer still decides. Bearer tokens travel in {@code Authorization},
     * never in cookies, so credentials stay off.
     */
    public void allowBrowserOrigin(String origin) {
        var cfnApi = (CfnApi) api.getNode().getDefaultChild();
        cfnApi.setCorsConfiguration(CfnApi.CorsProperty.builder()
                .allowOrigins(List.of(origin))
                .allowMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"))
                .allowHeaders(BROWSER_REQUEST_HEADERS)
                .exposeHeaders(BROWSER_RESPONSE_HEADERS)
                .allowCredentials(false)
                .maxAge(3600)
                .build());
    }

    public HttpApi api() {
        return api;
    }

    public HttpStage stage() {
        return stage;
    }

    /**
     * @param apiName            physical API name (required)
     * @param authorization      IAM or JWT (required)
     * @param throttling         stage throttling and per-route limits (required)
     * @param accessLogGroupName physical name of the access log group (required)
     * @param logRetention       default one month
     * @param removalPolicy      of the access log group; default RETAIN
     * @param alerting           alarm on the 5xx rate; default none
     */
    public record Props(
            String apiName,
            ApiAuthorization authorization,
            ApiThrottling throttling,
            String accessLogGroupName,
            RetentionDays logRetention,
            RemovalPolicy removalPolicy,
            Optional<Alerting> alerting) {
        public Props {
            Objects.requireNonNull(apiName, "apiName");
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(throttling, "throttling");
            Objects.requireNonNull(accessLogGroupName, "accessLogGroupName");
            Objects.requireNonNull(logRetention, "logRetention");
            Objects.requireNonNull(removalPolicy, "removalPolicy");
            Objects.requireNonNull(alerting, "alerting");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String apiName;
            private ApiAuthorization authorization;
            private ApiThrottling throttling;
            private String accessLogGroupName;
            private RetentionDays logRetention = RetentionDays.ONE_MONTH;
            private RemovalPolicy removalPolicy = RemovalPolicy.RETAIN;
            private Alerting alerting;

            public Builder apiName(String apiName) {
                this.apiName = apiName;
                return this;
            }

            public Builder authorization(ApiAuthorization authorization) {
                this.authorization = authorization;
                return this;
            }

            public Builder throttling(ApiThrottling throttling) {
                this.throttling = throttling;
                return this;
            }

            public Builder accessLogGroupName(String accessLogGroupName) {
                this.accessLogGroupName = accessLogGroupName;
                return this;
            }

            public Builder logRetention(RetentionDays logRetention) {
                this.logRetention = logRetention;
                return this;
            }

            public Builder removalPolicy(RemovalPolicy removalPolicy) {
                this.removalPolicy = removalPolicy;
                return this;
            }

            public Builder alerting(Alerting alerting) {
                this.alerting = alerting;
                return this;
            }

            public Props build() {
                return new Props(
                        apiName,
                        authorization,
                        throttling,
                        accessLogGroupName,
                        logRetention,
                        removalPolicy,
                        Optional.ofNullable(alerting));
            }
        }
    }
}

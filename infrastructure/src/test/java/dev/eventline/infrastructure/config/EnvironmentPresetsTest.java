package dev.eventline.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.eventline.infrastructure.SynthesizeAll;
import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import dev.eventline.infrastructure.config.EnvironmentConfig.ConsoleDomain;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.PriceClass;

class EnvironmentPresetsTest {

    /** Staging and prod get the example console domain unless the test names console inputs itself. */
    private static EnvironmentConfig resolve(Map<String, String> context, Map<String, String> variables) {
        var all = new HashMap<>(context);
        if (!"dev".equals(context.getOrDefault("env", "dev"))
                && context.keySet().stream().noneMatch(key -> key.startsWith("console"))) {
            all.putAll(SynthesizeAll.EXAMPLE_CONSOLE_CONTEXT);
        }
        return resolveExactly(withJwt(all), variables);
    }

    private static EnvironmentConfig resolveExactly(Map<String, String> context, Map<String, String> variables) {
        return EnvironmentPresets.resolve(new ConfigInputs(key -> Optional.ofNullable(context.get(key)), variables));
    }

    /** As {@link #resolve}, without the test identity provider: for the tests of that check. */
    private static EnvironmentConfig resolveWithoutJwt(Map<String, String> context, Map<String, String> variables) {
        var all = new HashMap<>(context);
        if (!"dev".equals(context.getOrDefault("env", "dev"))) {
            all.putAll(SynthesizeAll.EXAMPLE_CONSOLE_CONTEXT);
        }
        return resolveExactly(all, variables);
    }

    /** Staging and prod also need a real identity provider (checked first); console tests give them one. */
    private static Map<String, String> withJwt(Map<String, String> context) {
        var all = new HashMap<>(context);
        if (!"dev".equals(context.getOrDefault("env", "dev")) && !context.containsKey("jwtIssuer")) {
            all.put("jwtIssuer", "https://cognito-idp.eu-west-1.amazonaws.com/pool");
            all.put("jwtAudience", "web");
        }
        return all;
    }

    private static final String CERTIFICATE = "arn:aws:acm:us-east-1:123456789012:certificate/abc";
    private static final String WEB_ACL = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/console/abc";

    @Test
    void dev_serves_the_console_on_the_distribution_name_unless_given_a_domain() {
        assertThat(resolve(Map.of(), Map.of()).console().domain()).isEmpty();
        var dev = resolveExactly(
                Map.of(
                        "consoleDomain", "console.dev.example.com",
                        "consoleCertificateArn", CERTIFICATE,
                        "consoleWebAclArn", WEB_ACL),
                Map.of());
        assertThat(dev.console().domain()).contains(new ConsoleDomain("console.dev.example.com", CERTIFICATE, WEB_ACL));
    }

    @Test
    void staging_and_prod_refuse_to_synthesize_without_the_console_domain_certificate_and_web_acl() {
        for (String env : List.of("staging", "prod")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> resolveExactly(withJwt(Map.of("env", env)), Map.of()))
                    .withMessageContaining(
                            "environment '" + env + "' needs the console's domain, certificate and web ACL")
                    .withMessageContaining("-c consoleDomain=");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> resolveExactly(
                            withJwt(Map.of(
                                    "env",
                                    env,
                                    "consoleDomain",
                                    "console.example.com",
                                    "consoleCertificateArn",
                                    CERTIFICATE)),
                            Map.of()))
                    .withMessageContaining("needs the console's domain, certificate and web ACL");
        }
    }

    @Test
    void a_partial_console_domain_is_refused_in_dev_too() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> resolveExactly(Map.of("consoleDomain", "console.example.com"), Map.of()))
                .withMessageContaining("together (or none of them)");
    }

    @Test
    void the_console_certificate_must_be_in_us_east_1_and_the_web_acl_of_cloudfront_scope() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConsoleDomain(
                        "console.example.com", "arn:aws:acm:eu-west-1:123456789012:certificate/abc", WEB_ACL))
                .withMessageContaining("us-east-1");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new ConsoleDomain(
                        "console.example.com",
                        CERTIFICATE,
                        "arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/console/abc"))
                .withMessageContaining("CLOUDFRONT");
    }

    @Test
    void console_price_class_grows_with_the_environment_and_countries_come_from_context() {
        assertThat(resolve(Map.of(), Map.of()).console().priceClass()).isEqualTo(PriceClass.PRICE_CLASS_100);
        assertThat(resolve(Map.of("env", "staging"), Map.of()).console().priceClass())
                .isEqualTo(PriceClass.PRICE_CLASS_100);
        assertThat(resolve(Map.of("env", "prod"), Map.of()).console().priceClass())
                .isEqualTo(PriceClass.PRICE_CLASS_ALL);
        assertThat(resolve(Map.of("consoleCountries", "DE, FR"), Map.of())
                        .console()
                        .countries())
                .containsExactly("DE", "FR");
    }

    @Test
    void dev_is_the_default_disposable_and_jwt_authorized_like_the_others() {
        var dev = resolve(Map.of(), Map.of());
        assertThat(dev.name()).isEqualTo("dev");
        assertThat(dev.removalPolicy()).isEqualTo(RemovalPolicy.DESTROY);
        assertThat(dev.deletionProtection()).isFalse();
        assertThat(dev.authorization())
                .isEqualTo(
                        new ApiAuthorization.Jwt("https://auth.eventline.example/dev", List.of("eventline-dev-api")));
        assertThat(dev.metricsNamespace()).isEqualTo("Eventline/dev");
        assertThat(dev.target().toCdkEnvironment()).isEmpty();
    }

    @Test
    void every_environment_throttles_the_waiting_reads_and_erasure_tighter_than_its_stage() {
        for (String env : List.of("dev", "staging", "prod")) {
            var context = new HashMap<>(REAL_JWT);
            context.put("env", env);
            var throttling = resolve(context, Map.of()).throttling();
            assertThat(throttling.routes())
                    .as(env)
                    .containsOnlyKeys(
                            "GET /orders/{orderId}",
                            "GET /accounts/{accountId}",
                            "DELETE /customers/{customerId}/personal-data",
                            "DELETE /owners/{ownerId}/personal-data");
            throttling.routes().forEach((routeKey, limit) -> {
                assertThat(limit.rateLimit()).as(env + " " + routeKey).isLessThan(throttling.rateLimit());
                assertThat(limit.burstLimit()).as(env + " " + routeKey).isLessThan(throttling.burstLimit());
            });
        }
    }

    @Test
    void a_route_limit_above_the_stage_limit_is_refused() {
        var stage = new EnvironmentConfig.ApiThrottling(10, 20);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> stage.withRoute("GET /orders/{orderId}", new EnvironmentConfig.RouteLimit(11, 5)));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> stage.withRoute("GET /orders/{orderId}", new EnvironmentConfig.RouteLimit(5, 21)));
    }

    private static final Map<String, String> REAL_JWT =
            Map.of("jwtIssuer", "https://cognito-idp.eu-west-1.amazonaws.com/pool", "jwtAudience", "web");

    @Test
    void staging_and_prod_are_retained_protected_and_jwt_authorized() {
        for (String env : List.of("staging", "prod")) {
            var context = new java.util.HashMap<>(REAL_JWT);
            context.put("env", env);
            var config = resolve(context, Map.of());
            assertThat(config.removalPolicy()).isEqualTo(RemovalPolicy.RETAIN);
            assertThat(config.deletionProtection()).isTrue();
            assertThat(config.authorization())
                    .isEqualTo(new ApiAuthorization.Jwt(
                            "https://cognito-idp.eu-west-1.amazonaws.com/pool", List.of("web")));
        }
    }

    @Test
    void staging_and_prod_refuse_to_synthesize_without_a_real_jwt_issuer_and_audience() {
        for (String env : List.of("staging", "prod")) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> resolveWithoutJwt(Map.of("env", env), Map.of()))
                    .withMessageContaining("'" + env + "'")
                    .withMessageContaining("no JWT issuer")
                    .withMessageContaining("-c jwtIssuer=");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> resolveWithoutJwt(
                            Map.of("env", env, "jwtIssuer", "https://cognito-idp.eu-west-1.amazonaws.com/pool"),
                            Map.of()))
                    .withMessageContaining("no JWT audience");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> resolveWithoutJwt(
                            Map.of(
                                    "env",
                                    env,
                                    "jwtIssuer",
                                    "https://auth.eventline.example/" + env,
                                    "jwtAudience",
                                    "a"),
                            Map.of()))
                    .withMessageContaining("placeholder");
        }
    }

    @Test
    void jwt_issuer_and_audiences_come_from_context() {
        var prod = resolve(
                Map.of(
                        "env",
                        "prod",
                        "jwtIssuer",
                        "https://cognito-idp.eu-west-1.amazonaws.com/pool",
                        "jwtAudience",
                        "web, mobile"),
                Map.of());
        assertThat(prod.authorization())
                .isEqualTo(new ApiAuthorization.Jwt(
                        "https://cognito-idp.eu-west-1.amazonaws.com/pool", List.of("web", "mobile")));
    }

    @Test
    void account_and_region_come_from_context_then_from_the_cdk_cli() {
        var fromCli =
                resolve(Map.of(), Map.of("CDK_DEFAULT_ACCOUNT", "111111111111", "CDK_DEFAULT_REGION", "eu-west-1"));
        assertThat(fromCli.target()).isEqualTo(new EnvironmentConfig.DeploymentTarget("111111111111", "eu-west-1"));
        var fromContext = resolve(
                Map.of("account", "222222222222"),
                Map.of("CDK_DEFAULT_ACCOUNT", "111111111111", "CDK_DEFAULT_REGION", "eu-west-1"));
        assertThat(fromContext.target()).isEqualTo(new EnvironmentConfig.DeploymentTarget("222222222222", "eu-west-1"));
        assertThat(fromContext.target().toCdkEnvironment()).isPresent();
    }

    @Test
    void an_unknown_environment_is_refused_with_the_choices() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> resolve(Map.of("env", "qa"), Map.of()))
                .withMessageContaining("'qa'")
                .withMessageContaining("dev|staging|prod");
    }

    @Test
    void every_environment_sizes_every_function_and_bounds_its_retries() {
        for (String env : EnvironmentPresets.ENVIRONMENTS) {
            var context = new java.util.HashMap<>(REAL_JWT);
            context.put("env", env);
            var config = resolve(context, Map.of());
            assertThat(config.functions()).containsOnlyKeys(FunctionSpec.values());
            assertThat(config.streams().retryAttempts()).isBetween(0, 10_000);
            assertThat(config.streams().maxRecordAge()).isLessThanOrEqualTo(Duration.ofHours(24));
            assertThat(config.queues().deadLetterRetention()).isEqualTo(Duration.ofDays(14));
            assertThat(config.queues().maxReceiveCount()).isEqualTo(5);
            assertThat(config.queues().batchSize()).isEqualTo(10);
            assertThat(config.snapshotThreshold()).isEqualTo(100);
        }
    }

    @Test
    void invalid_stream_settings_are_refused_with_the_offending_value() {
        assertThatIllegalArgumentException()
                .isThrownBy(() ->
                        new EnvironmentConfig.StreamConsumption(100, Duration.ofMillis(500), 3, Duration.ofHours(1), 1))
                .withMessageContaining("PT0.5S");
        assertThatIllegalArgumentException()
                .isThrownBy(
                        () -> new EnvironmentConfig.StreamConsumption(100, Duration.ZERO, 3, Duration.ofHours(1), 11))
                .withMessageContaining("11");
    }

    @Test
    void every_environment_snapshots_accounts_with_the_chaser_and_schedules_faster_the_busier_it_is() {
        var dev = resolve(Map.of("env", "dev"), Map.of()).snapshotting();
        var staging = resolve(Map.of("env", "staging"), Map.of()).snapshotting();
        var prod = resolve(Map.of("env", "prod"), Map.of()).snapshotting();

        for (var snapshotting : List.of(dev, staging, prod)) {
            assertThat(snapshotting.strategy()).isEqualTo(EnvironmentConfig.SnapshotStrategy.CHASER);
        }
        assertThat(List.of(dev.every(), staging.every(), prod.every()))
                .containsExactly(Duration.ofMinutes(15), Duration.ofMinutes(10), Duration.ofMinutes(5));
        assertThat(prod.windowMinutes()).isEqualTo(10);
    }

    @Test
    void the_snapshot_strategy_and_its_schedule_are_chosen_at_deploy_time_by_context() {
        var config =
                resolve(Map.of("env", "prod", "snapshotStrategy", "time", "snapshotScheduleMinutes", "30"), Map.of());

        assertThat(config.snapshotting().strategy()).isEqualTo(EnvironmentConfig.SnapshotStrategy.TIME);
        assertThat(config.snapshotting().every()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.deployedFunctions())
                .contains(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS)
                .doesNotContain(FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER);
        assertThat(resolve(Map.of("snapshotStrategy", "count"), Map.of()).deployedFunctions())
                .doesNotContain(FunctionSpec.ACCOUNTS_SCHEDULED_SNAPSHOTS, FunctionSpec.ACCOUNTS_SNAPSHOT_CHASER);
    }

    @Test
    void an_unknown_strategy_or_a_schedule_outside_5_minutes_to_4_hours_is_refused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> resolve(Map.of("snapshotStrategy", "hourly"), Map.of()))
                .withMessageContaining("'hourly'")
                .withMessageContaining("count|event|chaser|time");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> resolve(Map.of("snapshotScheduleMinutes", "1"), Map.of()))
                .withMessageContaining("PT1M");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> resolve(Map.of("snapshotScheduleMinutes", "hourly"), Map.of()))
                .withMessageContaining("'hourly'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EnvironmentConfig.Snapshotting(
                        EnvironmentConfig.SnapshotStrategy.TIME, Duration.ofSeconds(390)))
                .withMessageContaining("whole minutes");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new EnvironmentConfig.Snapshotting(
                        EnvironmentConfig.SnapshotStrategy.TIME, Duration.ofMinutes(241)))
                .withMessageContaining("4 hours");
    }
}

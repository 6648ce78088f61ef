package dev.eventline.infrastructure.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.eventline.infrastructure.config.EnvironmentConfig.ApiAuthorization;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.RemovalPolicy;

class EnvironmentPresetsTest {

    private static EnvironmentConfig resolve(Map<String, String> context, Map<String, String> variables) {
        return EnvironmentPresets.resolve(new ConfigInputs(key -> Optional.ofNullable(context.get(key)), variables));
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
                    .isThrownBy(() -> resolve(Map.of("env", env), Map.of()))
                    .withMessageContaining("'" + env + "'")
                    .withMessageContaining("no JWT issuer")
                    .withMessageContaining("-c jwtIssuer=");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> resolve(
                            Map.of("env", env, "jwtIssuer", "https://cognito-idp.eu-west-1.amazonaws.com/pool"),
                            Map.of()))
                    .withMessageContaining("no JWT audience");
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> resolve(
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
}

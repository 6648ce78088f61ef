package dev.eventline.infrastructure.constructs;

import dev.eventline.infrastructure.config.EnvironmentConfig.FunctionSizing;
import dev.eventline.infrastructure.config.FunctionSpec;
import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.RoleProps;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.AdotLambdaLayerGenericVersion;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.AliasProps;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionProps;
import software.amazon.awscdk.services.lambda.LayerVersion;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsLayerVersion;
import software.amazon.awscdk.services.lambda.ParamsAndSecretsVersions;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.LogGroupProps;
import software.constructs.Construct;

/**
 * An Eventline Lambda function: Java 25 on arm64, X-Ray active tracing with the application's
 * OpenTelemetry spans exported through the ADOT collector extension, SnapStart on published
 * versions behind the alias {@value #LIVE_ALIAS} (the only thing callers and event sources invoke),
 * Powertools settings, its own log group, its own role (no managed policies: it may write its
 * log group, and gets everything else through grants), and alarms on Errors and Throttles.
 */
public final class EventlineFunction extends Construct {

    public static final String LIVE_ALIAS = "live";

    /**
     * The ADOT collector extension (collector only: the functions bring their own OpenTelemetry SDK),
     * pinned so that a CDK upgrade does not change the deployed collector unnoticed.
     */
    public static final AdotLambdaLayerGenericVersion COLLECTOR_LAYER = AdotLambdaLayerGenericVersion.V0_115_0;

    /**
     * The AWS Parameters and Secrets Lambda Extension, pinned like the collector, on the functions that
     * read a parameter (those given {@link ConsistencyTokenKey#VARIABLE}): they read it over the
     * extension's local HTTP endpoint (ParametersExtension in lambda-support) instead of carrying the
     * SDK's SSM client, about 5 MB of every such jar. CDK resolves the layer's ARN per region and
     * architecture.
     */
    public static final ParamsAndSecretsVersions PARAMETERS_EXTENSION = ParamsAndSecretsVersions.V1_0_103;

    /** Where the function's OTLP exporter sends spans: the collector extension's OTLP/HTTP receiver. */
    public static final String OTLP_TRACES_ENDPOINT = "http://localhost:4318/v1/traces";

    /**
     * The collector's configuration, shipped in every function jar by lambda-support (Lambda unpacks the
     * jar into /var/task): OTLP/HTTP in, X-Ray out, traces only.
     */
    public static final String COLLECTOR_CONFIG = "/var/task/otel-collector.yaml";

    private final Function function;
    private final Alias alias;
    private final Role role;

    public EventlineFunction(Construct scope, String id, Props props) {
        super(scope, id);
        this.role = new Role(
                this,
                "Role",
                RoleProps.builder()
                        .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                        .description("Execution role of " + props.functionName())
                        .build());
        var logGroup = new LogGroup(
                this,
                "LogGroup",
                LogGroupProps.builder()
                        .logGroupName("/aws/lambda/" + props.functionName())
                        .retention(props.defaults().logRetention())
                        .removalPolicy(props.defaults().removalPolicy())
                        .build());
        logGroup.grantWrite(role);
        this.function = new Function(
                this,
                "Function",
                FunctionProps.builder()
                        .functionName(props.functionName())
                        .description(props.spec().module() + " (" + props.spec().handler() + ")")
                        .runtime(Runtime.JAVA_25)
                        .architecture(Architecture.ARM_64)
                        .handler(props.spec().handler())
                        .code(props.code())
                        .memorySize(props.sizing().memoryMb())
                        .timeout(Duration.seconds(props.sizing().timeout().toSeconds()))
                        .reservedConcurrentExecutions(props.sizing().reservedConcurrency())
                        .tracing(Tracing.ACTIVE)
                        .layers(List.of(LayerVersion.fromLayerVersionArn(
                                this, "OtelCollector", COLLECTOR_LAYER.layerArn(this, Architecture.ARM_64))))
                        .paramsAndSecrets(parametersExtension(props))
                        .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                        .environment(environment(props))
                        .logGroup(logGroup)
                        .role(role)
                        .build());
        this.alias = new Alias(
                this,
                "LiveAlias",
                AliasProps.builder()
                        .aliasName(LIVE_ALIAS)
                        .version(function.getCurrentVersion())
                        .build());
        // the CDK cannot see that the alias publishes versions (currentVersion), hence its warning
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "versions are published through currentVersion and invoked through the live alias");
        NagSuppressions.addResourceSuppressions(
                role,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason(
                                "X-Ray active tracing and the collector's X-Ray exporter need xray:PutTraceSegments and "
                                        + "xray:PutTelemetryRecords, which support no resource-level permissions "
                                        + "(statement added by CDK for Tracing.ACTIVE)")
                        .appliesTo(List.of("Resource::*"))
                        .build()),
                true);
        props.alerting().ifPresent(alerting -> alarmOn(alerting, props.functionName()));
    }

    /** The extension layer when the function reads a parameter, else none (null: the prop unset). */
    private static ParamsAndSecretsLayerVersion parametersExtension(Props props) {
        return props.environment().containsKey(ConsistencyTokenKey.VARIABLE)
                ? ParamsAndSecretsLayerVersion.fromVersion(PARAMETERS_EXTENSION)
                : null;
    }

    private static Map<String, String> environment(Props props) {
        var environment = new LinkedHashMap<String, String>();
        environment.put("POWERTOOLS_SERVICE_NAME", props.spec().service());
        environment.put("POWERTOOLS_LOG_LEVEL", props.defaults().logLevel());
        environment.put("POWERTOOLS_METRICS_NAMESPACE", props.defaults().metricsNamespace());
        environment.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", OTLP_TRACES_ENDPOINT);
        environment.put("OPENTELEMETRY_COLLECTOR_CONFIG_URI", COLLECTOR_CONFIG);
        environment.putAll(props.environment());
        return environment;
    }

    private void alarmOn(Alerting alerting, String functionName) {
        var sum = MetricOptions.builder()
                .statistic("Sum")
                .period(alerting.period())
                .build();
        alerting.whenAbove(
                this,
                "ErrorsAlarm",
                functionName,
                "errors",
                function.metricErrors(sum),
                alerting.thresholds().functionErrors(),
                functionName + " invocations failed");
        alerting.whenAbove(
                this,
                "ThrottlesAlarm",
                functionName,
                "throttles",
                function.metricThrottles(sum),
                alerting.thresholds().functionThrottles(),
                functionName + " invocations were throttled");
    }

    /** The unqualified function (for metrics and configuration). */
    public Function function() {
        return function;
    }

    /** The {@value #LIVE_ALIAS} alias: what APIs and event sources invoke. */
    public Alias alias() {
        return alias;
    }

    /** The execution role, for grants. */
    public IGrantable grantee() {
        return role;
    }

    public void addEnvironment(String key, String value) {
        function.addEnvironment(key, value);
    }

    /**
     * @param spec         which function (module, handler, service name) (required)
     * @param functionName physical name (required)
     * @param code         deployment package (required)
     * @param sizing       memory and timeout (required)
     * @param defaults     Powertools and log settings of the environment (required)
     * @param environment  extra environment variables; default none
     * @param alerting     alarms on Errors and Throttles; default none
     */
    public record Props(
            FunctionSpec spec,
            String functionName,
            Code code,
            FunctionSizing sizing,
            FunctionDefaults defaults,
            Map<String, String> environment,
            Optional<Alerting> alerting) {
        public Props {
            Objects.requireNonNull(spec, "spec");
            Objects.requireNonNull(functionName, "functionName");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(sizing, "sizing");
            Objects.requireNonNull(defaults, "defaults");
            // sorted: a template must not depend on hash iteration order
            environment = Collections.unmodifiableMap(new TreeMap<>(environment));
            Objects.requireNonNull(alerting, "alerting");
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private FunctionSpec spec;
            private String functionName;
            private Code code;
            private FunctionSizing sizing;
            private FunctionDefaults defaults;
            private final Map<String, String> environment = new LinkedHashMap<>();
            private Alerting alerting;

            public Builder spec(FunctionSpec spec) {
                this.spec = spec;
                return this;
            }

            public Builder functionName(String functionName) {
                this.functionName = functionName;
                return this;
            }

            public Builder code(Code code) {
                this.code = code;
                return this;
            }

            public Builder sizing(FunctionSizing sizing) {
                this.sizing = sizing;
                return this;
            }

            public Builder defaults(FunctionDefaults defaults) {
                this.defaults = defaults;
                return this;
            }

            public Builder environment(String key, String value) {
                this.environment.put(key, value);
                return this;
            }

            public Builder alerting(Alerting alerting) {
                this.alerting = alerting;
                return this;
            }

            public Props build() {
                return new Props(
                        spec, functionName, code, sizing, defaults, environment, Optional.ofNullable(alerting));
            }
        }
    }
}

package dev.eventline.infrastructure.constructs;

import dev.eventline.infrastructure.config.FunctionSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.IHttpApi;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.DashboardProps;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.GraphWidgetProps;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.MetricProps;
import software.constructs.Construct;

/**
 * One dashboard per environment: command rate and p99 latency (API and Lambda), projection lag,
 * events published, dead-letter queue depths, and errors. Lambda and SQS metrics are addressed by
 * physical name, so the dashboard needs no reference to the stacks that own them.
 */
public final class OperationsDashboard extends Construct {

    private static final Duration PERIOD = Duration.minutes(1);
    private static final int WIDTH = 12;
    private static final int HEIGHT = 6;

    private final Dashboard dashboard;

    public OperationsDashboard(Construct scope, String id, Props props) {
        super(scope, id);
        this.dashboard = new Dashboard(
                this,
                "Dashboard",
                DashboardProps.builder().dashboardName(props.dashboardName()).build());
        dashboard.addWidgets(
                graph(
                        "Command rate (requests per minute)",
                        Stream.concat(
                                        Stream.of(props.api().metricCount(options("Sum", "API requests"))),
                                        props.commandFunctions().stream().map(fn -> lambda(fn, "Invocations", "Sum")))
                                .toList()),
                graph(
                        "Command latency p99 (ms)",
                        Stream.concat(
                                        Stream.of(props.api().metricLatency(options("p99", "API latency p99"))),
                                        props.commandFunctions().stream().map(fn -> lambda(fn, "Duration", "p99")))
                                .toList()));
        dashboard.addWidgets(
                graph(
                        "Projection lag p99 (ms)",
                        List.of(custom(props, "ProjectionLagMs", props.projectorService(), "p99"))),
                graph(
                        "Events appended, projected, published",
                        List.of(
                                // appended per context: the command functions count what they store
                                custom(props, "EventsAppended", FunctionSpec.ORDERING_COMMAND_API.service(), "Sum"),
                                custom(props, "EventsAppended", FunctionSpec.ACCOUNTS_API.service(), "Sum"),
                                custom(props, "EventsProjected", props.projectorService(), "Sum"),
                                custom(props, "EventsPublished", props.publisherService(), "Sum"),
                                custom(props, "PublishFailures", props.publisherService(), "Sum"))));
        dashboard.addWidgets(
                graph(
                        "Dead-letter queue depth",
                        props.deadLetterQueues().stream()
                                .map(queue -> metric(
                                        "AWS/SQS",
                                        "ApproximateNumberOfMessagesVisible",
                                        Map.of("QueueName", queue),
                                        "Maximum",
                                        queue))
                                .toList()),
                graph(
                        "Errors",
                        Stream.concat(
                                        Stream.of(props.api().metricServerError(options("Sum", "API 5xx"))),
                                        props.functions().stream().map(fn -> lambda(fn, "Errors", "Sum")))
                                .toList()));
    }

    private static MetricOptions options(String statistic, String label) {
        return MetricOptions.builder()
                .statistic(statistic)
                .period(PERIOD)
                .label(label)
                .build();
    }

    private static IMetric lambda(String functionName, String metricName, String statistic) {
        return metric(
                "AWS/Lambda",
                metricName,
                Map.of("FunctionName", functionName),
                statistic,
                functionName + " " + metricName + " " + statistic);
    }

    private static IMetric custom(Props props, String metricName, String service, String statistic) {
        return metric(
                props.metricsNamespace(),
                metricName,
                Map.of("Service", service),
                statistic,
                metricName + " " + statistic);
    }

    private static IMetric metric(
            String namespace, String name, Map<String, String> dimensions, String statistic, String label) {
        return new Metric(MetricProps.builder()
                .namespace(namespace)
                .metricName(name)
                .dimensionsMap(dimensions)
                .statistic(statistic)
                .period(PERIOD)
                .label(label)
                .build());
    }

    private static IWidget graph(String title, List<IMetric> metrics) {
        return new GraphWidget(GraphWidgetProps.builder()
                .title(title)
                .left(metrics)
                .width(WIDTH)
                .height(HEIGHT)
                .build());
    }

    public Dashboard dashboard() {
        return dashboard;
    }

    /**
     * @param dashboardName    physical dashboard name (required)
     * @param api              the HTTP API (required)
     * @param metricsNamespace namespace of the custom metrics, {@code Eventline/<env>} (required)
     * @param projectorService Powertools service emitting {@code ProjectionLagMs} (required)
     * @param publisherService Powertools service emitting {@code EventsPublished} and {@code PublishFailures} (required)
     * @param commandFunctions names of the functions handling commands (required)
     * @param functions        names of every function (required)
     * @param deadLetterQueues names of every dead-letter queue (required)
     */
    public record Props(
            String dashboardName,
            IHttpApi api,
            String metricsNamespace,
            String projectorService,
            String publisherService,
            List<String> commandFunctions,
            List<String> functions,
            List<String> deadLetterQueues) {
        public Props {
            Objects.requireNonNull(dashboardName, "dashboardName");
            Objects.requireNonNull(api, "api");
            Objects.requireNonNull(metricsNamespace, "metricsNamespace");
            Objects.requireNonNull(projectorService, "projectorService");
            Objects.requireNonNull(publisherService, "publisherService");
            commandFunctions = List.copyOf(commandFunctions);
            functions = List.copyOf(functions);
            deadLetterQueues = List.copyOf(deadLetterQueues);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String dashboardName;
            private IHttpApi api;
            private String metricsNamespace;
            private String projectorService;
            private String publisherService;
            private List<String> commandFunctions = List.of();
            private List<String> functions = List.of();
            private List<String> deadLetterQueues = List.of();

            public Builder dashboardName(String dashboardName) {
                this.dashboardName = dashboardName;
                return this;
            }

            public Builder api(IHttpApi api) {
                this.api = api;
                return this;
            }

            public Builder metricsNamespace(String metricsNamespace) {
                this.metricsNamespace = metricsNamespace;
                return this;
            }

            public Builder projectorService(String projectorService) {
                this.projectorService = projectorService;
                return this;
            }

            public Builder publisherService(String publisherService) {
                this.publisherService = publisherService;
                return this;
            }

            public Builder commandFunctions(List<String> commandFunctions) {
                this.commandFunctions = commandFunctions;
                return this;
            }

            public Builder functions(List<String> functions) {
                this.functions = functions;
                return this;
            }

            public Builder deadLetterQueues(List<String> deadLetterQueues) {
                this.deadLetterQueues = deadLetterQueues;
                return this;
            }

            public Props build() {
                return new Props(
                        dashboardName,
                        api,
                        metricsNamespace,
                        projectorService,
                        publisherService,
                        commandFunctions,
                        functions,
                        deadLetterQueues);
            }
        }
    }
}

package dev.eventline.infrastructure.stacks;

import static dev.eventline.infrastructure.support.Resources.properties;
import static dev.eventline.infrastructure.support.Resources.resource;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.infrastructure.config.FunctionSpec;
import dev.eventline.infrastructure.support.ForEachEnvironment;
import dev.eventline.infrastructure.support.Synthesized;

class DashboardTest {

    @ForEachEnvironment
    void theDashboardShowsCommandsProjectionLagPublishingDeadLettersAndErrors(String env) {
        var synthesized = Synthesized.environment(env);
        var names = synthesized.names();
        var dashboard = properties(
                resource(synthesized.api(), "AWS::CloudWatch::Dashboard", "DashboardName", names.dashboard()));
        assertThat(names.dashboard()).isEqualTo("eventline-" + env);
        String body =
                new ObjectMapper().valueToTree(dashboard.get("DashboardBody")).toString();
        assertThat(body)
                .contains(
                        "Command rate",
                        "Command latency p99",
                        "Projection lag p99",
                        "Events appended, projected, published",
                        "Dead-letter queue depth",
                        "Errors")
                .contains("\\\"AWS/ApiGateway\\\",\\\"Count\\\"", "\\\"AWS/ApiGateway\\\",\\\"Latency\\\"")
                .contains("\\\"Duration\\\",\\\"FunctionName\\\",\\\""
                        + names.function(FunctionSpec.ORDERING_COMMAND_API) + "\\\"")
                .contains("\\\"Eventline/" + env
                        + "\\\",\\\"ProjectionLagMs\\\",\\\"Service\\\",\\\"ordering-projector\\\"")
                .contains("\\\"Eventline/" + env
                        + "\\\",\\\"EventsPublished\\\",\\\"Service\\\",\\\"ordering-publisher\\\"")
                .contains("\\\"Eventline/" + env
                        + "\\\",\\\"EventsAppended\\\",\\\"Service\\\",\\\"ordering-command-api\\\"")
                .contains("\\\"Eventline/" + env + "\\\",\\\"EventsAppended\\\",\\\"Service\\\",\\\"accounts-api\\\"")
                .contains("\\\"stat\\\":\\\"p99\\\"");
        for (String queue : new String[] {
            names.orderingProjectorDlq(),
            names.orderingPublisherDlq(),
            names.accountsSnapshotChaserDlq(),
            names.shippingNotificationsDlq(),
            names.shippingRuleDlq()
        }) {
            assertThat(body).contains("\\\"QueueName\\\",\\\"" + queue + "\\\"");
        }
        for (FunctionSpec spec : Synthesized.environment(env).config().deployedFunctions()) {
            assertThat(body).contains("\\\"Errors\\\",\\\"FunctionName\\\",\\\"" + names.function(spec) + "\\\"");
        }
    }
}

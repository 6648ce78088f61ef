package dev.eventline.local.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eventline.local.emulator.Topology.RouteSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateReaderRoutesTest {

    /** The shapes CDK's HttpLambdaIntegration synthesizes: a function ARN, or an alias referenced by Ref. */
    private static final String TEMPLATE = """
            {"Resources": {
              "CommandFn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "eventline-dev-ordering-command-api",
                  "Handler": "dev.eventline.ordering.commandapi.CommandApiHandler::handleRequest"}},
              "QueryFn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "eventline-dev-ordering-query-api",
                  "Handler": "dev.eventline.ordering.queryapi.QueryApiHandler::handleRequest"}},
              "QueryLive": {"Type": "AWS::Lambda::Alias", "Properties": {"FunctionName": {"Ref": "QueryFn"}, "Name": "live"}},
              "Api": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "eventline", "ProtocolType": "HTTP"}},
              "ApiCommandIntegration": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {"ApiId": {"Ref": "Api"},
                  "IntegrationType": "AWS_PROXY", "PayloadFormatVersion": "2.0",
                  "IntegrationUri": {"Fn::GetAtt": ["CommandFn", "Arn"]}}},
              "ApiQueryIntegration": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {"ApiId": {"Ref": "Api"},
                  "IntegrationType": "AWS_PROXY", "PayloadFormatVersion": "2.0", "IntegrationUri": {"Ref": "QueryLive"}}},
              "RoutePostItems": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": {"Ref": "Api"},
                  "RouteKey": "POST /orders/{orderId}/items",
                  "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "ApiCommandIntegration"}]]}}},
              "RouteGetOrder": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": {"Ref": "Api"},
                  "RouteKey": "GET /orders/{orderId}",
                  "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "ApiQueryIntegration"}]]}}}
            }}
            """;

    @Test
    void routes_lead_through_their_integration_to_the_function(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Api.template.json"), TEMPLATE);

        Topology topology = TemplateReader.read(dir);

        assertThat(topology.routes())
                .containsExactlyInAnyOrder(
                        new RouteSpec("POST /orders/{orderId}/items", "eventline-dev-ordering-command-api"),
                        new RouteSpec("GET /orders/{orderId}", "eventline-dev-ordering-query-api"));
        assertThat(topology.function("eventline-dev-ordering-query-api")).isPresent();
    }

    @Test
    void the_projects_templates_lead_every_route_and_mapping_to_a_function_of_the_templates() {
        Topology topology = TemplateReader.read(ProjectLayout.templates());

        assertThat(topology.mappings()).isNotEmpty();
        assertThat(topology.mappings())
                .allSatisfy(m -> assertThat(topology.function(m.functionName())).isPresent());
        assertThat(topology.routes())
                .allSatisfy(route ->
                        assertThat(topology.function(route.functionName())).isPresent());
    }

    @Test
    void every_route_of_the_projects_templates_has_the_jwt_authorizer_and_staff_routes_its_scope() {
        Topology topology = TemplateReader.read(ProjectLayout.templates());

        assertThat(topology.routes())
                .allSatisfy(route -> assertThat(route.jwt())
                        .as(route.routeKey())
                        .hasValueSatisfying(jwt -> {
                            assertThat(jwt.issuer()).startsWith("https://");
                            assertThat(jwt.audience()).isNotEmpty();
                            boolean staffOnly = route.routeKey()
                                    .matches(
                                            "\\w+ /(orders|accounts)/\\{\\w+}/(ship|deliver|freeze|unfreeze)|\\w+ /explorer/.*");
                            assertThat(jwt.scopes())
                                    .isEqualTo(staffOnly ? java.util.List.of("eventline/staff") : java.util.List.of());
                        }));
    }

    @Test
    void a_websocket_apis_routes_are_not_http_routes(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Push.template.json"), """
                {"Resources": {
                  "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "push", "Handler": "x.Handler"}},
                  "Ws": {"Type": "AWS::ApiGatewayV2::Api", "Properties": {"Name": "push", "ProtocolType": "WEBSOCKET"}},
                  "WsIntegration": {"Type": "AWS::ApiGatewayV2::Integration", "Properties": {"ApiId": {"Ref": "Ws"},
                      "IntegrationType": "AWS_PROXY", "IntegrationUri": {"Fn::Join": ["", [
                          "arn:aws:apigateway:eu-west-1:lambda:path/2015-03-31/functions/",
                          {"Fn::GetAtt": ["Fn", "Arn"]}, "/invocations"]]}}},
                  "Connect": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": {"Ref": "Ws"},
                      "RouteKey": "$connect", "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "WsIntegration"}]]}}},
                  "Default": {"Type": "AWS::ApiGatewayV2::Route", "Properties": {"ApiId": {"Ref": "Ws"},
                      "RouteKey": "$default", "Target": {"Fn::Join": ["", ["integrations/", {"Ref": "WsIntegration"}]]}}}
                }}
                """);

        Topology topology = TemplateReader.read(dir);

        assertThat(topology.routes()).isEmpty();
        assertThat(topology.function("push")).isPresent();
    }

    @Test
    void a_mapping_on_an_alias_qualified_name_points_at_the_function(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Esm.template.json"), """
                {"Resources": {
                  "Fn": {"Type": "AWS::Lambda::Function", "Properties": {"FunctionName": "fn", "Handler": "x.Handler"}},
                  "Live": {"Type": "AWS::Lambda::Alias", "Properties": {"FunctionName": {"Ref": "Fn"}, "Name": "live"}},
                  "Queue": {"Type": "AWS::SQS::Queue", "Properties": {"QueueName": "q"}},
                  "Esm": {"Type": "AWS::Lambda::EventSourceMapping", "Properties": {
                      "FunctionName": {"Fn::Join": ["", [{"Fn::Select": [6, {"Fn::Split": [":", {"Ref": "Live"}]}]}, ":live"]]},
                      "EventSourceArn": {"Fn::GetAtt": ["Queue", "Arn"]}}}
                }}
                """);

        assertThat(TemplateReader.read(dir).mappings().getFirst().functionName())
                .isEqualTo("fn");
    }
}

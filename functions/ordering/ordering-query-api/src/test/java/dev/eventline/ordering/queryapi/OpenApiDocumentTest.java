package dev.eventline.ordering.queryapi;

import static dev.eventline.testsupport.http.OpenApiDocument.operations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.testsupport.http.OpenApiDocument;
import dev.eventline.testsupport.http.TestConsistencyKeys;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/openapi/ordering-queries.json} documents exactly what the handler's router serves. */
class OpenApiDocumentTest {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final OpenApiDocument openApi = OpenApiDocument.read("ordering-queries.json");
    private final JsonNode document = openApi.json();

    /** Constructing the handler opens no connection, so a placeholder environment will do. */
    private static Set<String> servedRoutes() {
        LambdaEnvironment env = new LambdaEnvironment(Map.of(
                "EVENTS_TABLE",
                "events",
                "ORDER_SUMMARY_TABLE",
                "summary",
                "ORDERS_BY_CUSTOMER_TABLE",
                "by-customer",
                "DAILY_SALES_TABLE",
                "sales",
                "AWS_REGION",
                "us-east-1",
                "AWS_ACCESS_KEY_ID",
                "unused",
                "AWS_SECRET_ACCESS_KEY",
                "unused"));
        Clock clock = Clock.systemUTC();
        return OpenApiDocument.routesOf(new QueryApiHandler(
                        env,
                        new AwsClients(env),
                        new OrderEventCodec(),
                        clock,
                        Observability.fromEnvironment(env, clock),
                        d -> {},
                        TestConsistencyKeys.tokens())
                .routes());
    }

    @Test
    void is_openapi_3_1() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void documents_every_route_the_handler_serves_and_no_other() {
        Set<String> documented = openApi.routes();

        assertThat(documented).isEqualTo(servedRoutes());
    }

    @Test
    void declares_every_path_parameter_and_documents_etags_and_problems() {
        document.path("paths").properties().forEach(path -> {
            Set<String> declared = openApi.parameterNames(path.getValue());
            Matcher names = PATH_PARAMETER.matcher(path.getKey());
            while (names.find()) {
                assertThat(declared).as(path.getKey()).contains("path:" + names.group(1));
            }
            operations(path.getValue()).forEach(operation -> {
                JsonNode responses = operation.getValue().path("responses");
                assertThat(openApi.resolve(responses.path("200"))
                                .path("headers")
                                .has("ETag"))
                        .as(path.getKey())
                        .isTrue();
                assertThat(openApi.resolve(responses.path("200"))
                                .path("headers")
                                .has("X-Read-Source"))
                        .as(path.getKey())
                        .isTrue();
                assertThat(openApi.resolve(responses.path("304")).isMissingNode())
                        .as(path.getKey() + " 304")
                        .isFalse();
                for (String status : List.of("400", "404", "500")) {
                    assertThat(openApi.resolve(responses.path(status))
                                    .path("content")
                                    .has("application/problem+json"))
                            .as("%s %s", path.getKey(), status)
                            .isTrue();
                }
                Set<String> parameters = openApi.parameterNames(operation.getValue());
                assertThat(parameters).as(path.getKey()).contains("header:If-None-Match");
            });
        });
        JsonNode order = document.at("/paths/~1orders~1{orderId}/get");
        Set<String> orderParameters = openApi.parameterNames(order);
        assertThat(orderParameters)
                .contains("query:minVersion", "query:maxWaitMs", "query:asOf", "header:X-Consistency-Token");
        assertThat(openApi.resolve(order.path("responses").path("412"))
                        .path("content")
                        .has("application/problem+json"))
                .isTrue();
        assertThat(order.path("responses").has("503"))
                .as("a version never written is the client's precondition, not a server error")
                .isFalse();
    }

    @Test
    void the_documented_formats_are_the_ones_the_api_enforces() {
        JsonNode parameters = document.at("/components/parameters");
        assertThat(parameters.at("/EventsCursor/schema/pattern").asText())
                .isEqualTo("^" + Cursors.EVENTS_PATTERN + "$");
        assertThat(parameters.at("/OrdersCursor/schema/pattern").asText())
                .isEqualTo("^" + Cursors.ORDERS_PATTERN + "$");
        assertThat(document.at("/components/schemas/EventsPage/properties/nextCursor/pattern")
                        .asText())
                .isEqualTo("^" + Cursors.EVENTS_PATTERN + "$");
        assertThat(document.at("/components/schemas/CustomerOrdersPage/properties/nextCursor/pattern")
                        .asText())
                .isEqualTo("^" + Cursors.ORDERS_PATTERN + "$");
        assertThat(parameters.at("/ConsistencyToken/schema/pattern").asText())
                .isEqualTo("^" + ConsistencyToken.PATTERN + "$");
        assertThat(document.at("/components/headers/X-Consistency-Token/schema/pattern")
                        .asText())
                .isEqualTo("^" + ConsistencyToken.PATTERN + "$");
        assertThat(parameters.at("/MinVersion/schema/maximum").asLong()).isEqualTo(ConsistencyToken.MAX_VERSION);
        assertThat(parameters.at("/AsOf/schema/oneOf/0/maximum").asLong()).isEqualTo(ConsistencyToken.MAX_VERSION);
        assertThat(parameters.at("/AsOf/schema/oneOf/1/maxLength").asInt())
                .isEqualTo(QueryParameters.MAX_INSTANT_LENGTH);
        assertThat(parameters.at("/Limit/schema/maximum").asInt()).isEqualTo(QueryParameters.MAX_LIMIT);
        assertThat(parameters.at("/MaxWaitMs/schema/maximum").asLong()).isEqualTo(QueryParameters.MAX_WAIT_MS);
        assertThat(parameters.at("/CorrelationId/schema/pattern").isMissingNode())
                .as("any correlation id is accepted (an unusable one is replaced), none refused")
                .isTrue();
        assertThat(document.at("/components/headers/Allow/required").asBoolean())
                .isTrue();
    }

    @Test
    void every_reference_resolves() {
        List<String> refs = openApi.refs();

        assertThat(refs).isNotEmpty();
        refs.forEach(ref -> assertThat(document.at(ref.substring(1)).isMissingNode())
                .as(ref)
                .isFalse());
    }
}

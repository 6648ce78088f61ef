package dev.eventline.ordering.commandapi;

import static dev.eventline.testsupport.http.OpenApiDocument.operations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.ETags;
import dev.eventline.http.PrintableText;
import dev.eventline.http.Router;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.ordering.OrderLimits;
import dev.eventline.testsupport.http.OpenApiDocument;
import dev.eventline.testsupport.http.TestConsistencyKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code docs/openapi/ordering-commands.json} documents exactly what the handler's router serves. */
class OpenApiDocumentTest {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

    private final OpenApiDocument openApi = OpenApiDocument.read("ordering-commands.json");
    private final JsonNode document = openApi.json();

    /** Constructing the handler opens no connection, so a placeholder environment will do. */
    private static List<Router.Route> servedRoutes() {
        return new CommandApiHandler(
                        new LambdaEnvironment(Map.of(
                                "EVENTS_TABLE",
                                "events",
                                "IDEMPOTENCY_TABLE",
                                "idempotency",
                                "AWS_REGION",
                                "us-east-1",
                                "AWS_ACCESS_KEY_ID",
                                "unused",
                                "AWS_SECRET_ACCESS_KEY",
                                "unused")),
                        TestConsistencyKeys.tokens())
                .routes();
    }

    private static final String ERASURE = "/customers/{customerId}/personal-data";

    @Test
    void is_openapi_3_1() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void documents_every_route_the_handler_serves_and_no_other() {
        Set<String> served = OpenApiDocument.routesOf(servedRoutes());
        Set<String> documented = openApi.routes();

        assertThat(documented).isEqualTo(served);
    }

    @Test
    void declares_every_path_parameter_and_the_command_headers() {
        document.path("paths").properties().forEach(path -> {
            Set<String> declared = openApi.parameterNames(path.getValue());
            Matcher names = PATH_PARAMETER.matcher(path.getKey());
            while (names.find()) {
                assertThat(declared).as(path.getKey()).contains("path:" + names.group(1));
            }
            if (path.getKey().equals(ERASURE)) {
                return; // deletes a key, not a command on a stream: no version, no idempotency key
            }
            operations(path.getValue()).forEach(operation -> {
                Set<String> headers = openApi.parameterNames(operation.getValue());
                assertThat(headers).as(path.getKey()).contains("header:If-Match", "header:Idempotency-Key");
            });
        });
    }

    @Test
    void every_operation_documents_success_headers_and_problem_responses() {
        document.path("paths").properties().stream()
                .filter(path -> !path.getKey().equals(ERASURE))
                .forEach(path -> operations(path.getValue()).forEach(operation -> {
                    JsonNode responses = operation.getValue().path("responses");
                    String success = path.getKey().equals("/orders") ? "201" : "200";
                    JsonNode ok = openApi.resolve(responses.path(success));
                    assertThat(ok.path("headers").has("ETag")).as(path.getKey()).isTrue();
                    assertThat(ok.path("headers").has("X-Consistency-Token"))
                            .as(path.getKey())
                            .isTrue();
                    for (String status : List.of("400", "404", "409", "412", "413", "415", "422", "500")) {
                        JsonNode problem = openApi.resolve(responses.path(status));
                        assertThat(problem.path("content").has("application/problem+json"))
                                .as("%s %s", path.getKey(), status)
                                .isTrue();
                    }
                }));
        assertThat(openApi.resolve(document.at("/paths/~1orders/post/responses/201"))
                        .path("headers")
                        .has("Location"))
                .isTrue();
    }

    @Test
    void the_documented_formats_and_bounds_are_the_ones_the_api_enforces() {
        JsonNode schemas = document.at("/components/schemas");
        assertThat(document.at("/components/parameters/IfMatch/schema/pattern").asText())
                .isEqualTo("^(" + ETags.IF_MATCH_PATTERN + ")$");
        assertThat(document.at("/components/headers/X-Consistency-Token/schema/pattern")
                        .asText())
                .isEqualTo("^" + ConsistencyToken.PATTERN + "$");
        assertThat(schemas.at("/CommandResponse/properties/consistencyToken/pattern")
                        .asText())
                .isEqualTo("^" + ConsistencyToken.PATTERN + "$");
        for (String text : List.of(
                "/ShipRequest/properties/carrier",
                "/ShipRequest/properties/trackingNumber",
                "/CancelRequest/properties/reason")) {
            assertThat(schemas.at(text + "/pattern").asText()).as(text).isEqualTo("^" + PrintableText.PATTERN + "$");
            assertThat(schemas.at(text + "/maxLength").asInt()).as(text).isEqualTo(OrderRequests.TEXT_MAX_LENGTH);
        }
        assertThat(schemas.at("/Contact/properties/name/pattern").asText())
                .isEqualTo("^" + PrintableText.PATTERN + "$");
        assertThat(schemas.at("/Contact/properties/name/maxLength").asInt()).isEqualTo(OrderRequests.TEXT_MAX_LENGTH);
        assertThat(schemas.at("/Contact/properties/shippingAddress/maxLength").asInt())
                .isEqualTo(OrderRequests.ADDRESS_MAX_LENGTH);
        assertThat(schemas.at("/Contact/properties/email/pattern").asText())
                .isEqualTo("^" + OrderRequests.EMAIL.pattern() + "$");
        assertThat(schemas.at("/Item/properties/quantity/minimum").asInt()).isEqualTo(OrderLimits.MIN_QUANTITY);
        assertThat(schemas.at("/Item/properties/quantity/maximum").asInt()).isEqualTo(OrderLimits.MAX_QUANTITY);
        assertThat(schemas.at("/Item/properties/unitPrice/minimum").asLong()).isEqualTo(OrderLimits.MIN_UNIT_PRICE);
        assertThat(schemas.at("/Item/properties/unitPrice/maximum").asLong()).isEqualTo(OrderLimits.MAX_UNIT_PRICE);
        assertThat(schemas.at("/PayRequest/properties/amount/maximum").asLong()).isEqualTo(OrderLimits.MAX_TOTAL);
        assertThat(schemas.at("/PlaceOrderRequest/properties/items/maxItems").asInt())
                .isEqualTo(OrderRequests.MAX_ITEMS);
        assertThat(document.at("/components/parameters/CorrelationId/schema/pattern")
                        .isMissingNode())
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

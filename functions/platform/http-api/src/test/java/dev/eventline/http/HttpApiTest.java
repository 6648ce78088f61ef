package dev.eventline.http;

import static dev.eventline.http.ProblemAssertions.assertBadRequest;
import static dev.eventline.http.ProblemAssertions.assertInvalidField;
import static dev.eventline.http.ProblemAssertions.assertInvalidHeader;
import static dev.eventline.http.ProblemAssertions.assertProblem;
import static dev.eventline.http.ProblemAssertions.parse;
import static dev.eventline.http.Samples.post;
import static dev.eventline.http.Samples.withHeader;
import static dev.eventline.http.Samples.withMethod;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.domain.RuleCode;
import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.ConcurrencyRetriesExhaustedException;
import dev.eventline.eventstore.ExpectedVersionMismatchException;
import dev.eventline.eventstore.IdempotencyKeyReusedException;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import dev.eventline.lambda.observability.Tracing;
import dev.eventline.local.emulator.ApiGatewayRoutes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every status an Eventline HTTP Lambda can answer, through the same path API Gateway takes. */
class HttpApiTest {
    private static final Pattern SKU = Pattern.compile("SKU-[0-9]{1,8}");
    private static final ConsistencyTokens TOKENS = new ConsistencyTokens(
            new ConsistencyTokens.Key("k1", "k".repeat(32).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
            java.util.Optional.empty());

    enum Rules implements RuleCode {
        ORDER_NOT_FOUND,
        ORDER_EMPTY;

        @Override
        public String code() {
            return name();
        }
    }

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC);
    /** The function's routes as the CDK deploys them (each, and ANY per path), selected as API Gateway does. */
    private static final ApiGatewayRoutes GATEWAY = ApiGatewayRoutes.of(ApiGatewayRoutes.withAnyPerPath(
            ordersRouter().routes().stream().map(Router.Route::key).toList()));

    private final List<String> logLines = new ArrayList<>();
    private final List<String> metricLines = new ArrayList<>();
    private final HttpApi api = new HttpApi(
            "orders",
            ordersRouter(),
            new ExceptionMapping(Map.of("ORDER_NOT_FOUND", 404)),
            new Observability(
                    StructuredLogger.create("orders-api", StructuredLogger.Level.INFO, logLines::add, CLOCK),
                    new EmfMetrics("Eventline", "orders-api", metricLines::add, CLOCK, true),
                    Tracing.disabled()));

    /** Through API Gateway: the event gets the route key and path parameters of the route its method and path select. */
    private HttpApiResponse handle(HttpApiEvent event) {
        return api.handle(event == null || event.requestContext() == null ? event : Samples.routed(GATEWAY, event));
    }

    private List<String> errorLog() {
        return logLines.stream()
                .filter(line -> parse(line).path("level").asText().equals("ERROR"))
                .toList();
    }

    private List<JsonNode> accessLog() {
        return logLines.stream()
                .map(ProblemAssertions::parse)
                .filter(line -> line.path("message").asText().equals("request"))
                .toList();
    }

    /** A miniature orders API using every helper the way the real one does. */
    private static Router ordersRouter() {
        return new Router()
                .route("GET", "/orders/{orderId}", req -> {
                    long version = 3;
                    if (ETags.matchesIfNoneMatch(req.header("If-None-Match"), version)) {
                        return HttpResponse.notModified(version);
                    }
                    ObjectNode order = JsonNodeFactory.instance.objectNode().put("orderId", req.pathParam("orderId"));
                    return HttpResponse.status(200)
                            .header("ETag", ETags.of(version))
                            .json(order)
                            .build();
                })
                .route("POST", "/orders", req -> {
                    JsonBody body = JsonBody.parse(req).rejectUnknownFields(Set.of("customerId", "currency"));
                    String customer = body.requiredText("customerId", Pattern.compile("[a-z0-9-]{1,64}"), 64);
                    ConsistencyToken token = new ConsistencyToken("Order-ord-1", 1);
                    return HttpResponse.status(201)
                            .header("Location", "/orders/ord-1")
                            .header(ConsistencyToken.HEADER, TOKENS.sign(token))
                            .json(JsonNodeFactory.instance.objectNode().put("customerId", customer))
                            .build();
                })
                .route("POST", "/orders/{orderId}/items", req -> {
                    JsonBody body = JsonBody.parse(req).rejectUnknownFields(Set.of("sku", "quantity", "items"));
                    body.requiredText("sku", SKU, 12);
                    body.requiredInt("quantity", 1, 999);
                    if (body.has("items")) {
                        for (JsonBody item : body.requiredArray("items", 50)) {
                            item.rejectUnknownFields(Set.of("sku", "quantity"));
                            item.requiredText("sku", SKU, 12);
                            item.requiredLong("quantity", 1, 999);
                        }
                    }
                    long expected = ETags.parseIfMatch(req.header("If-Match")).orElse(3L);
                    if (expected != 3) {
                        throw new ExpectedVersionMismatchException("Order-" + req.pathParam("orderId"), expected, 3);
                    }
                    IdempotencyKeys.fromHeader(req);
                    return HttpResponse.status(200)
                            .header("ETag", ETags.of(4))
                            .json("{}")
                            .build();
                })
                .route("POST", "/orders/{orderId}/confirm", req -> {
                    JsonBody.emptyOrObject(req).rejectUnknownFields(Set.of());
                    if (req.pathParam("orderId").equals("missing")) {
                        throw new RuleViolation(Rules.ORDER_NOT_FOUND, "no order missing");
                    }
                    throw new RuleViolation(Rules.ORDER_EMPTY, "an order needs at least one item to be confirmed");
                })
                .route("POST", "/orders/{orderId}/pay", req -> {
                    throw new ConcurrencyRetriesExhaustedException("Order-" + req.pathParam("orderId"), 5);
                })
                .route("POST", "/orders/{orderId}/cancel", req -> {
                    throw new IdempotencyKeyReusedException("ordering:k-1");
                })
                .route("GET", "/orders/{orderId}/history", req -> {
                    TOKENS.fromHeader(req, "Order-" + req.pathParam("orderId"));
                    return null; // a handler bug
                })
                .route("GET", "/orders/{orderId}/broken", req -> {
                    throw new AssertionError("invariant broken in handler");
                })
                .route("DELETE", "/orders/{orderId}", req -> {
                    throw new IllegalStateException("table orders-prod-7731 is throttled: secret internals");
                });
    }

    private HttpApiResponse get(String path) {
        HttpApiEvent event = Samples.event("get-order.json").withRawPath(path);
        return handle(event);
    }

    private HttpApiResponse postJson(String path, String body) {
        return handle(post(path, "application/json", body));
    }

    @Nested
    class Traces {
        private final InMemorySpanExporter spans = InMemorySpanExporter.create();
        private final HttpApi traced = new HttpApi(
                "orders",
                ordersRouter(),
                new ExceptionMapping(Map.of("ORDER_NOT_FOUND", 404)),
                new Observability(
                        StructuredLogger.create("orders-api", StructuredLogger.Level.INFO, logLines::add, CLOCK),
                        new EmfMetrics("Eventline", "orders-api", metricLines::add, CLOCK, true),
                        Tracing.exportingTo(spans, CLOCK, "orders-api")));

        @Test
        void a_request_runs_in_one_span_named_after_the_api_with_its_correlation_id_as_an_annotation() {
            HttpApiEvent event =
                    Samples.event("get-order.json").withHeaders(Map.of("x-correlation-id", "checkout-flow.42:step-1"));

            HttpApiResponse response = traced.handle(Samples.routed(GATEWAY, event));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(spans.getFinishedSpanItems()).singleElement().satisfies(span -> {
                assertThat(span.getName()).isEqualTo("orders");
                assertThat(span.getAttributes().get(AttributeKey.stringKey("correlationId")))
                        .isEqualTo("checkout-flow.42:step-1");
                assertThat(span.getAttributes().get(AttributeKey.stringArrayKey("aws.xray.annotations")))
                        .containsExactly("correlationId");
            });
        }
    }

    @Nested
    class Success {
        @Test
        void get_returns_json_with_etag_and_the_clients_correlation_id() {
            HttpApiEvent event =
                    Samples.event("get-order.json").withHeaders(Map.of("x-correlation-id", "checkout-flow.42:step-1"));
            HttpApiResponse response = handle(event);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers())
                    .containsEntry("Content-Type", "application/json")
                    .containsEntry("ETag", "\"3\"")
                    .containsEntry("X-Correlation-Id", "checkout-flow.42:step-1");
            assertThat(parse(response.body()).path("orderId").asText()).isEqualTo("ord-7f0c2a");
        }

        @Test
        void if_none_match_on_the_current_version_is_304_with_etag_and_no_body() {
            HttpApiResponse response = handle(Samples.event("get-order.json")); // If-None-Match: "3"

            assertThat(response.statusCode()).isEqualTo(304);
            assertThat(response.headers())
                    .containsEntry("ETag", "\"3\"")
                    .containsKey("X-Correlation-Id")
                    .doesNotContainKey("Content-Type");
            assertThat(response.body()).isNull();
        }

        @Test
        void an_iam_caller_without_a_jwt_is_refused_with_401_before_any_route() {
            HttpApiResponse response = handle(Samples.event("post-orders-base64-iam.json"));

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers())
                    .containsEntry("Content-Type", Problem.CONTENT_TYPE)
                    .containsEntry("WWW-Authenticate", "Bearer")
                    .containsEntry("X-Correlation-Id", "Jq3dLmNBoAMEV5Q=");
        }

        @Test
        void base64_body_from_a_jwt_caller_is_created() {
            HttpApiResponse response =
                    handle(ApiGatewayEvents.withCaller(Samples.event("post-orders-base64-iam.json"), "user-42"));

            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.headers())
                    .containsEntry("Location", "/orders/ord-1")
                    .containsEntry("X-Correlation-Id", "Jq3dLmNBoAMEV5Q=");
            assertThat(TOKENS.verify(response.headers().get(ConsistencyToken.HEADER), "Order-ord-1"))
                    .isEqualTo(new ConsistencyToken("Order-ord-1", 1));
        }

        @Test
        void named_stage_prefix_is_routed_and_unsafe_correlation_id_replaced_by_request_id() {
            HttpApiResponse anonymous = handle(Samples.event("get-order-named-stage-anonymous.json"));
            HttpApiResponse response = handle(
                    ApiGatewayEvents.withCaller(Samples.event("get-order-named-stage-anonymous.json"), "user-42"));

            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers()).containsEntry("X-Correlation-Id", "Jq3eMnOCoAMEV7g=");
        }

        @Test
        void sample_post_with_nested_items_if_match_and_idempotency_key_is_accepted() {
            HttpApiResponse response = handle(Samples.event("post-order-items.json"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers()).containsEntry("ETag", "\"4\"");
        }

        @Test
        void body_of_exactly_64_kib_is_accepted() {
            String json = "{\"sku\":\"SKU-1\",\"quantity\":1}";
            String body = json + " ".repeat(JsonBody.MAX_BYTES - json.length());
            assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(65_536);

            assertThat(postJson("/orders/o-1/items", body).statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class BadRequest {
        @Test
        void malformed_json() {
            JsonNode problem =
                    assertBadRequest(postJson("/orders/o-1/items", "{\"sku\": \"SKU-1\", "), "not valid JSON");
            assertThat(problem.path("instance").asText()).isEqualTo("/orders/o-1/items");
        }

        @Test
        void trailing_garbage_after_the_object() {
            assertBadRequest(
                    postJson("/orders/o-1/items", "{\"sku\":\"SKU-1\",\"quantity\":1} {}"), "after the JSON object");
            assertBadRequest(postJson("/orders/o-1/items", "{\"sku\":\"SKU-1\",\"quantity\":1}x"), "JSON");
        }

        @Test
        void duplicate_key() {
            assertBadRequest(
                    postJson("/orders/o-1/items", "{\"sku\":\"SKU-1\",\"quantity\":1,\"quantity\":900}"),
                    "duplicate field");
        }

        @Test
        void top_level_array_or_scalar() {
            assertBadRequest(postJson("/orders/o-1/items", "[{\"sku\":\"SKU-1\"}]"), "must be a JSON object");
            assertBadRequest(postJson("/orders/o-1/items", "null"), "must be a JSON object");
            assertBadRequest(postJson("/orders/o-1/items", "42"), "must be a JSON object");
        }

        @Test
        void missing_body_where_required() {
            assertBadRequest(postJson("/orders/o-1/items", null), "body is required");
            assertBadRequest(postJson("/orders/o-1/items", ""), "body is required");
        }

        @Test
        void nesting_deeper_than_the_limit() {
            String deep = "{\"sku\":\"SKU-1\",\"quantity\":1,\"x\":" + "[".repeat(40) + "]".repeat(40) + "}";
            assertBadRequest(postJson("/orders/o-1/items", deep), "nesting depth 32");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"2\"", "2.5", "1e-2", "true", "99999999999999999999", "[2]", "{}"})
        void wrong_types_for_an_integer_field(String quantity) {
            assertInvalidField(
                    postJson("/orders/o-1/items", "{\"sku\":\"SKU-1\",\"quantity\":" + quantity + "}"), "quantity");
        }

        @Test
        void out_of_range_and_missing_fields() {
            assertThat(assertInvalidField(
                                    postJson("/orders/o-1/items", "{\"sku\":\"SKU-1\",\"quantity\":0}"), "quantity")
                            .path("detail")
                            .asText())
                    .isEqualTo("quantity must be between 1 and 999");
            assertThat(assertInvalidField(postJson("/orders/o-1/items", "{\"quantity\":1}"), "sku")
                            .path("detail")
                            .asText())
                    .isEqualTo("sku is required");
            assertInvalidField(postJson("/orders/o-1/items", "{\"sku\":\"sku 1\",\"quantity\":1}"), "sku");
        }

        @Test
        void nested_field_is_named_with_its_path() {
            String body = "{\"sku\":\"SKU-1\",\"quantity\":1,\"items\":[{\"sku\":\"SKU-2\",\"quantity\":1},"
                    + "{\"sku\":\"SKU-3\",\"quantity\":2.5}]}";
            assertThat(assertInvalidField(postJson("/orders/o-1/items", body), "items[1].quantity")
                            .path("detail")
                            .asText())
                    .isEqualTo("items[1].quantity must be an integer");
        }

        @Test
        void unknown_field() {
            assertThat(assertInvalidField(
                                    postJson("/orders/o-1/items", "{\"sku\":\"SKU-1\",\"quantity\":1,\"price\":0}"),
                                    "price")
                            .path("detail")
                            .asText())
                    .isEqualTo("price is not a recognised field");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "..",
                    "..%2F..%2Fetc",
                    "%00",
                    "o%00x",
                    "caf%C3%A9",
                    "%E2%80%AE",
                    "%zz",
                    "%2",
                    "a%20b",
                    "a+b",
                    "a.b",
                    "é"
                })
        void hostile_path_ids(String id) {
            assertInvalidField(get("/orders/" + id), "orderId");
        }

        @Test
        void path_id_of_129_characters_is_refused_and_128_accepted() {
            assertInvalidField(get("/orders/" + "a".repeat(129)), "orderId");
            HttpApiEvent event = Samples.event("get-order.json")
                    .withRawPath("/orders/" + "a".repeat(128))
                    .withHeaders(Map.of());
            assertThat(handle(event).statusCode()).isEqualTo(200);
        }

        @Test
        void percent_encoded_safe_id_is_decoded() {
            HttpApiEvent event = Samples.event("get-order.json")
                    .withRawPath("/orders/ord%2D1")
                    .withHeaders(Map.of());
            HttpApiResponse response = handle(event);
            assertThat(parse(response.body()).path("orderId").asText()).isEqualTo("ord-1");
        }

        @Test
        void invalid_base64_body() {
            HttpApiEvent event =
                    post("/orders", "application/json", "not base64 at all!").withBase64Encoded(true);
            assertBadRequest(handle(event), "base64");
        }

        @Test
        void base64_body_that_is_not_utf8() {
            HttpApiEvent event =
                    post("/orders", "application/json", Base64.getEncoder().encodeToString(new byte[] {
                        '{', (byte) 0xC3, (byte) 0x28, '}'
                    }));
            event = event.withBase64Encoded(true);
            assertBadRequest(handle(event), "UTF-8");
        }

        @ParameterizedTest
        @ValueSource(strings = {"5", "\"abc\"", "\"1\", \"2\"", "\"-1\"", "W/5", "\"99999999999999999999\"", ""})
        void garbage_if_match(String ifMatch) {
            HttpApiEvent event = withHeader(
                    post("/orders/o-1/items", "application/json", "{\"sku\":\"SKU-1\",\"quantity\":1}"),
                    "if-match",
                    ifMatch);
            assertInvalidHeader(handle(event), "If-Match");
        }

        @Test
        void bad_idempotency_key() {
            HttpApiEvent event = withHeader(
                    post("/orders/o-1/items", "application/json", "{\"sku\":\"SKU-1\",\"quantity\":1}"),
                    "idempotency-key",
                    "has space");
            assertInvalidHeader(handle(event), "Idempotency-Key");
        }

        @Test
        void garbage_consistency_token() {
            HttpApiEvent event = withHeader(Samples.event("get-order.json"), "x-consistency-token", "@@@")
                    .withRawPath("/orders/o-1/history");
            assertInvalidHeader(handle(event), "X-Consistency-Token");
        }

        @Test
        void event_without_request_context_is_400_not_npe() {
            HttpApiResponse response = handle(Samples.event("garbage-no-request-context.json"));
            JsonNode problem = assertBadRequest(response, "not an API Gateway HTTP API request");
            assertThat(response.headers()).containsEntry("X-Correlation-Id", "garbage-1");
            assertThat(problem.path("instance").asText()).isEqualTo("/orders");
        }

        @Test
        void null_event_and_empty_event_are_400() {
            assertBadRequest(handle(null), "not an API Gateway HTTP API request");
            assertBadRequest(
                    handle(new HttpApiEvent(null, null, null, null, null, null, null, null, null, null, false)),
                    "not an API Gateway HTTP API request");
            HttpApiEvent noMethod = Samples.event("get-order.json").withMethod(null);
            assertBadRequest(handle(noMethod), "method");
        }
    }

    @Nested
    class RoutingErrors {
        @Test
        void unknown_route_is_404() {
            JsonNode problem = assertProblem(get("/customers/c-1"), 404, "not-found", "Not Found");
            assertThat(problem.path("instance").asText()).isEqualTo("/customers/c-1");
        }

        @Test
        void trailing_slash_is_404() {
            assertProblem(get("/orders/"), 404, "not-found", "Not Found");
            assertProblem(get("/orders/o-1/"), 404, "not-found", "Not Found");
            assertProblem(get("/orders//items"), 404, "not-found", "Not Found");
        }

        @Test
        void wrong_method_is_405_with_allow() {
            HttpApiResponse response = handle(withMethod(Samples.event("get-order.json"), "PUT"));
            JsonNode problem = assertProblem(response, 405, "method-not-allowed", "Method Not Allowed");
            assertThat(response.headers()).containsEntry("Allow", "GET, DELETE");
            assertThat(problem.path("allowed").toString()).isEqualTo("[\"GET\",\"DELETE\"]");
        }

        @Test
        void head_is_not_supported() {
            HttpApiResponse response = handle(withMethod(Samples.event("get-order.json"), "HEAD"));
            assertProblem(response, 405, "method-not-allowed", "Method Not Allowed");
            assertThat(response.headers()).containsEntry("Allow", "GET, DELETE");
        }
    }

    @Nested
    class MediaAndSize {
        @Test
        void body_of_65537_bytes_is_413() {
            String json = "{\"sku\":\"SKU-1\",\"quantity\":1}";
            String body = json + " ".repeat(JsonBody.MAX_BYTES + 1 - json.length());
            JsonNode problem =
                    assertProblem(postJson("/orders/o-1/items", body), 413, "payload-too-large", "Content Too Large");
            assertThat(problem.path("limit").asLong()).isEqualTo(65_536);
            assertThat(problem.path("detail").asText()).contains("65536");
        }

        @Test
        void size_counts_utf8_bytes_not_characters() {
            StringBuilder body = new StringBuilder("{");
            for (int i = 0; i < 4; i++) {
                body.append(i == 0 ? "" : ",")
                        .append("\"f")
                        .append(i)
                        .append("\":\"")
                        .append("é".repeat(9_000))
                        .append('"');
            }
            body.append('}');
            assertThat(body.length()).isLessThan(JsonBody.MAX_BYTES);
            assertProblem(
                    postJson("/orders/o-1/items", body.toString()), 413, "payload-too-large", "Content Too Large");
        }

        @Test
        void base64_body_is_measured_decoded() {
            byte[] big = ("{\"a\":1}" + " ".repeat(JsonBody.MAX_BYTES)).getBytes(StandardCharsets.UTF_8);
            HttpApiEvent event =
                    post("/orders", "application/json", Base64.getEncoder().encodeToString(big));
            event = event.withBase64Encoded(true);
            assertProblem(handle(event), 413, "payload-too-large", "Content Too Large");
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "text/plain",
                    "application/xml",
                    "application/x-www-form-urlencoded",
                    "application/json; charset=iso-8859-1",
                    "application/jsonp",
                    "multipart/form-data; boundary=x"
                })
        void non_json_media_type_is_415(String contentType) {
            HttpApiResponse response =
                    handle(post("/orders/o-1/items", contentType, "{\"sku\":\"SKU-1\",\"quantity\":1}"));
            JsonNode problem = assertProblem(response, 415, "unsupported-media-type", "Unsupported Media Type");
            assertThat(problem.path("contentType").asText()).isEqualTo(contentType);
            assertThat(problem.path("detail").asText()).contains("application/json");
        }

        @Test
        void missing_content_type_with_a_body_is_415() {
            HttpApiResponse response = handle(post("/orders/o-1/items", null, "{\"sku\":\"SKU-1\",\"quantity\":1}"));
            JsonNode problem = assertProblem(response, 415, "unsupported-media-type", "Unsupported Media Type");
            assertThat(problem.has("contentType")).isFalse();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "application/json",
                    "Application/JSON",
                    "application/json;charset=UTF-8",
                    "application/json; charset=\"utf-8\"",
                    "application/merge-patch+json",
                    "application/vnd.eventline.v1+json"
                })
        void json_media_types_are_accepted(String contentType) {
            HttpApiResponse response =
                    handle(post("/orders/o-1/items", contentType, "{\"sku\":\"SKU-1\",\"quantity\":1}"));
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @Nested
    class DomainAndStoreOutcomes {
        @Test
        void optional_body_accepts_absent_and_empty_object_then_rule_violation_is_422_with_code() {
            for (String body : new String[] {null, "", "{}", " { } "}) {
                HttpApiResponse response = handle(
                        post("/orders/o-1/confirm", body == null || body.isEmpty() ? null : "application/json", body));
                JsonNode problem = assertProblem(response, 422, "unprocessable-content", "Unprocessable Content");
                assertThat(problem.path("code").asText()).isEqualTo("ORDER_EMPTY");
                assertThat(problem.path("detail").asText())
                        .isEqualTo("an order needs at least one item to be confirmed");
            }
        }

        @Test
        void optional_body_still_refuses_fields() {
            assertInvalidField(postJson("/orders/o-1/confirm", "{\"force\":true}"), "force");
        }

        @Test
        void rule_code_configured_as_404() {
            JsonNode problem = assertProblem(postJson("/orders/missing/confirm", "{}"), 404, "not-found", "Not Found");
            assertThat(problem.path("code").asText()).isEqualTo("ORDER_NOT_FOUND");
            assertThat(problem.path("detail").asText()).isEqualTo("no order missing");
        }

        @Test
        void if_match_on_a_stale_version_is_412_with_current_version() {
            HttpApiEvent event = withHeader(
                    post("/orders/o-1/items", "application/json", "{\"sku\":\"SKU-1\",\"quantity\":1}"),
                    "if-match",
                    "W/\"2\"");
            HttpApiResponse response = handle(event);
            JsonNode problem = assertProblem(response, 412, "precondition-failed", "Precondition Failed");
            assertThat(problem.path("currentVersion").asLong()).isEqualTo(3);
            assertThat(problem.path("detail").asText()).contains("version 3");
            assertThat(response.headers()).containsEntry("ETag", "\"3\"");
        }

        @Test
        void if_match_star_means_no_condition() {
            HttpApiEvent event = withHeader(
                    post("/orders/o-1/items", "application/json", "{\"sku\":\"SKU-1\",\"quantity\":1}"),
                    "if-match",
                    "*");
            assertThat(handle(event).statusCode()).isEqualTo(200);
        }

        @Test
        void exhausted_retries_are_409() {
            HttpApiResponse response = postJson("/orders/o-1/pay", "{}");
            JsonNode problem = assertProblem(response, 409, "conflict", "Conflict");
            assertThat(problem.path("detail").asText()).contains("retry");
            assertThat(response.headers()).containsEntry("Retry-After", "1");
            assertThat(response.body()).doesNotContain("Order-o-1");
        }

        @Test
        void reused_idempotency_key_is_422() {
            JsonNode problem = assertProblem(
                    postJson("/orders/o-1/cancel", "{}"), 422, "unprocessable-content", "Unprocessable Content");
            assertThat(problem.path("code").asText()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
            assertThat(problem.path("detail").asText()).contains("Idempotency-Key");
        }
    }

    @Nested
    class InternalErrors {
        @Test
        void unexpected_exception_is_500_without_internals_and_logged_as_one_json_line() {
            HttpApiResponse response = handle(withMethod(Samples.event("get-order.json"), "DELETE"));

            JsonNode problem = assertProblem(response, 500, "internal", "Internal Server Error");
            assertThat(problem.path("requestId").asText()).isEqualTo("Jq3bTgSxoAMEVzQ=");
            assertThat(problem.path("detail").asText()).contains("Jq3bTgSxoAMEVzQ=");
            assertThat(response.body()).doesNotContain("secret", "orders-prod", "IllegalStateException", "at dev.");
            assertThat(response.headers()).containsEntry("X-Correlation-Id", "checkout-flow.42:step-1");

            assertThat(errorLog()).hasSize(1);
            assertThat(errorLog().getFirst()).doesNotContain("\n");
            JsonNode line = parse(errorLog().getFirst());
            assertThat(line.path("timestamp").asText())
                    .isEqualTo(CLOCK.instant().toString());
            assertThat(line.path("level").asText()).isEqualTo("ERROR");
            assertThat(line.path("requestId").asText()).isEqualTo("Jq3bTgSxoAMEVzQ=");
            assertThat(line.path("correlationId").asText()).isEqualTo("checkout-flow.42:step-1");
            assertThat(line.path("message").asText()).isEqualTo("unhandled exception");
            assertThat(line.path("route").asText()).isEqualTo("DELETE /orders/{orderId}");
            assertThat(line.path("orderId").asText()).isEqualTo("ord-7f0c2a");
            JsonNode error = line.path("error");
            assertThat(error.path("type").asText()).isEqualTo("java.lang.IllegalStateException");
            assertThat(error.path("message").asText()).contains("secret internals");
            assertThat(error.path("stack").asText()).contains("HttpApiTest");
            // the exception is fields of the line, never a JSON document inside one of its strings
            line.properties()
                    .forEach(field -> assertThat(field.getValue().asText())
                            .as(field.getKey())
                            .doesNotStartWith("{"));
            error.properties()
                    .forEach(field -> assertThat(field.getValue().asText())
                            .as(field.getKey())
                            .doesNotStartWith("{"));
        }

        @Test
        void handler_returning_null_is_500() {
            HttpApiEvent event = Samples.event("get-order.json").withRawPath("/orders/o-1/history");
            assertProblem(handle(event), 500, "internal", "Internal Server Error");
            assertThat(errorLog()).hasSize(1);
        }

        @Test
        void errors_thrown_by_handlers_are_500_too() {
            HttpApiEvent event = Samples.event("get-order.json").withRawPath("/orders/o-1/broken");
            JsonNode problem = assertProblem(handle(event), 500, "internal", "Internal Server Error");
            assertThat(problem.toString()).doesNotContain("invariant");
            assertThat(parse(errorLog().getFirst()).path("error").path("type").asText())
                    .isEqualTo("java.lang.AssertionError");
        }

        @Test
        void client_errors_are_not_logged_as_errors() {
            get("/nowhere");
            postJson("/orders/o-1/confirm", "{}");
            assertThat(errorLog()).isEmpty();
        }
    }

    @Test
    void every_response_carries_a_correlation_id() {
        List<HttpApiResponse> responses = List.of(
                handle(null),
                get("/orders/o-1"),
                get("/nowhere"),
                postJson("/orders/o-1/pay", "{}"),
                handle(withMethod(Samples.event("get-order.json"), "DELETE")));
        assertThat(responses)
                .allSatisfy(r -> assertThat(r.headers().get("X-Correlation-Id")).isNotBlank());
    }

    @Nested
    class RouteKeyDispatch {
        @Test
        void the_route_key_and_path_parameters_of_the_event_decide_not_its_path() {
            HttpApiEvent event = Samples.event("get-order.json")
                    .withRawPath("/somewhere/else")
                    .withHeaders(Map.of())
                    .withRouteKey("GET /orders/{orderId}", Map.of("orderId", "o-42"));

            HttpApiResponse response = api.handle(event);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(parse(response.body()).path("orderId").asText()).isEqualTo("o-42");
        }

        @Test
        void a_method_on_the_any_route_of_a_path_is_405_with_allow_listing_the_paths_methods() {
            HttpApiEvent sample = withMethod(Samples.event("get-order.json"), "PATCH");
            HttpApiEvent event = sample.withRouteKey("ANY /orders/{orderId}", sample.pathParameters());

            HttpApiResponse response = api.handle(event);

            assertProblem(response, 405, "method-not-allowed", "Method Not Allowed");
            assertThat(response.headers()).containsEntry("Allow", "GET, DELETE");
        }

        @Test
        void the_default_route_is_a_404_problem() {
            HttpApiEvent sample = Samples.event("get-order.json");
            HttpApiEvent event = sample.withRouteKey("$default", sample.pathParameters());
            assertProblem(api.handle(event), 404, "not-found", "Not Found");
        }
    }

    @Nested
    class OneLogPath {
        @Test
        void one_access_line_per_request_names_method_route_status_latency_and_ids() {
            get("/orders/o-1");
            get("/nowhere");
            handle(null);

            List<JsonNode> lines = accessLog();
            assertThat(logLines).hasSize(3);
            assertThat(lines).hasSize(3);
            JsonNode served = lines.get(0);
            assertThat(served.path("level").asText()).isEqualTo("INFO");
            assertThat(served.path("service").asText()).isEqualTo("orders-api");
            assertThat(served.path("timestamp").asText())
                    .isEqualTo(CLOCK.instant().toString());
            assertThat(served.path("method").asText()).isEqualTo("GET");
            assertThat(served.path("route").asText()).isEqualTo("GET /orders/{orderId}");
            assertThat(served.path("orderId").asText()).isEqualTo("o-1");
            assertThat(served.path("status").asInt()).isEqualTo(304); // the sample sends If-None-Match "3"
            assertThat(served.path("latencyMs").isIntegralNumber()).isTrue();
            assertThat(served.path("requestId").asText()).isEqualTo("Jq3bTgSxoAMEVzQ=");
            assertThat(served.path("correlationId").asText()).isEqualTo("checkout-flow.42:step-1");
            assertThat(lines.get(1).path("status").asInt()).isEqualTo(404);
            assertThat(lines.get(1).path("route").isNull()).isTrue();
            assertThat(lines.get(2).path("status").asInt()).isEqualTo(400);
            assertThat(lines.get(2).path("correlationId").asText()).isNotBlank();
        }

        @Test
        void a_hostile_path_parameter_is_never_echoed_into_the_log() {
            HttpApiEvent event = Samples.event("get-order.json")
                    .withRouteKey("GET /orders/{orderId}", Map.of("orderId", "\"}{\"level\":\"FATAL"));

            assertThat(api.handle(event).statusCode()).isEqualTo(400);
            assertThat(accessLog().getFirst().has("orderId")).isFalse();
            assertThat(String.join("", logLines)).doesNotContain("FATAL");
        }

        @Test
        void one_metrics_record_per_request_with_count_and_latency() {
            get("/orders/o-1");
            postJson("/orders/o-1/pay", "{}");

            assertThat(metricLines).hasSize(2).allSatisfy(text -> {
                JsonNode line = parse(text);
                assertThat(line.path(HttpApi.REQUESTS_METRIC).asDouble()).isEqualTo(1.0);
                assertThat(line.path(HttpApi.LATENCY_METRIC).isNumber()).isTrue();
                assertThat(line.path("Service").asText()).isEqualTo("orders-api");
                assertThat(line.path("_aws").path("Timestamp").asLong()).isEqualTo(CLOCK.millis());
            });
        }
    }
}

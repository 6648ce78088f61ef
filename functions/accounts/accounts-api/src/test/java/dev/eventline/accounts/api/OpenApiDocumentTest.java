package dev.eventline.accounts.api;

import static dev.eventline.testsupport.http.OpenApiDocument.operations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eventline.accounts.AccountDecider;
import dev.eventline.accounts.AccountRule;
import dev.eventline.accounts.application.AccountsEnvironment;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.ETags;
import dev.eventline.http.ExceptionMapping;
import dev.eventline.http.PrintableText;
import dev.eventline.http.Router;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.testsupport.http.OpenApiDocument;
import dev.eventline.testsupport.http.TestConsistencyKeys;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;

/** {@code docs/openapi/accounts.json} documents exactly what the handler's router serves. */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class OpenApiDocumentTest {
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final String PROBLEM_JSON = "application/problem+json";

    private final OpenApiDocument openApi = OpenApiDocument.read("accounts.json");
    private final JsonNode document = openApi.json();

    /** Constructing the handler opens no connection, so a placeholder environment will do. */
    private static List<Router.Route> servedRoutes() {
        LambdaEnvironment env = new LambdaEnvironment(Map.ofEntries(
                Map.entry(AccountsEnvironment.EVENTS_TABLE, "events"),
                Map.entry(AccountsEnvironment.IDEMPOTENCY_TABLE, "idempotency"),
                Map.entry(AccountsEnvironment.SNAPSHOTS_TABLE, "snapshots"),
                Map.entry(AccountsEnvironment.BALANCES_TABLE, "balances"),
                Map.entry(AccountsEnvironment.ACCOUNTS_BY_OWNER_TABLE, "accounts-by-owner"),
                Map.entry(AccountsEnvironment.BALANCE_HISTORY_TABLE, "balance-history"),
                Map.entry("AWS_REGION", "us-east-1"),
                Map.entry("AWS_ACCESS_KEY_ID", "unused"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "unused")));
        return new AccountsApiHandler(env, new AwsClients(env), AccountsFixture.CLOCK, TestConsistencyKeys.tokens())
                .routes();
    }

    @Test
    void is_openapi_3_1() {
        assertThat(document.path("openapi").asText()).startsWith("3.1.");
    }

    @Test
    void documents_every_route_the_handler_serves_and_no_other() {
        Set<String> served = OpenApiDocument.routesOf(servedRoutes());
        Set<String> documented = openApi.routes();

        assertThat(served).hasSize(12);
        assertThat(documented).isEqualTo(served);
    }

    @Test
    void declares_every_path_parameter_as_a_required_path_parameter() {
        document.path("paths").properties().forEach(path -> {
            Set<String> declared = openApi.parameterNames(path.getValue());
            Matcher names = PATH_PARAMETER.matcher(path.getKey());
            while (names.find()) {
                String name = names.group(1);
                assertThat(declared).as(path.getKey()).contains("path:" + name);
                openApi.parameters(path.getValue()).stream()
                        .filter(p -> p.path("in").asText().equals("path")
                                && p.path("name").asText().equals(name))
                        .forEach(p -> assertThat(p.path("required").asBoolean())
                                .as(path.getKey() + " " + name)
                                .isTrue());
            }
            // and no path parameter the template does not have
            openApi.parameters(path.getValue()).stream()
                    .filter(p -> p.path("in").asText().equals("path"))
                    .forEach(p -> assertThat(path.getKey())
                            .contains("{" + p.path("name").asText() + "}"));
        });
    }

    @Test
    void every_operation_documents_a_problem_response_for_400_and_500() {
        document.path("paths")
                .properties()
                .forEach(path -> operations(path.getValue()).forEach(operation -> {
                    JsonNode responses = operation.getValue().path("responses");
                    for (String status : List.of("400", "405", "500")) {
                        JsonNode problem = openApi.resolve(responses.path(status));
                        assertThat(problem.path("content").has(PROBLEM_JSON))
                                .as("%s %s %s", operation.getKey(), path.getKey(), status)
                                .isTrue();
                        assertThat(problem.at("/content/" + PROBLEM_JSON.replace("/", "~1") + "/schema/$ref")
                                        .asText())
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }));
    }

    @Test
    void commands_take_if_match_and_idempotency_key_and_answer_with_etag_and_consistency_token() {
        document.path("paths").properties().stream()
                // erasure is no command on an account: no version, no ETag, nothing to replay
                .filter(path -> !path.getKey().equals("/owners/{ownerId}/personal-data"))
                .forEach(path -> operations(path.getValue()).stream()
                        .filter(operation -> !operation.getKey().equals("get"))
                        .forEach(operation -> {
                            assertThat(openApi.parameterNames(operation.getValue()))
                                    .as(path.getKey())
                                    .contains("header:If-Match", "header:Idempotency-Key", "header:X-Correlation-Id");
                            JsonNode responses = operation.getValue().path("responses");
                            String success = path.getKey().equals("/accounts") ? "201" : "200";
                            JsonNode ok = openApi.resolve(responses.path(success));
                            assertThat(ok.path("headers").has("ETag"))
                                    .as(path.getKey())
                                    .isTrue();
                            assertThat(ok.path("headers").has("X-Consistency-Token"))
                                    .as(path.getKey())
                                    .isTrue();
                            assertThat(ok.path("headers").has("Idempotent-Replayed"))
                                    .as(path.getKey())
                                    .isTrue();
                            for (String status : List.of("409", "412", "413", "415", "422")) {
                                assertThat(openApi.resolve(responses.path(status))
                                                .path("content")
                                                .has(PROBLEM_JSON))
                                        .as("%s %s", path.getKey(), status)
                                        .isTrue();
                            }
                        }));
        assertThat(openApi.resolve(document.at("/paths/~1accounts/post/responses/201"))
                        .path("headers")
                        .has("Location"))
                .isTrue();
        assertThat(openApi.resolve(document.at("/paths/~1accounts/post/responses/200"))
                        .path("headers")
                        .has("Location"))
                .isTrue();
    }

    @Test
    void reads_document_their_query_parameters_and_conditional_requests() {
        JsonNode account = document.at("/paths/~1accounts~1{accountId}/get");
        assertThat(openApi.parameterNames(account))
                .contains("query:minVersion", "header:X-Consistency-Token", "header:If-None-Match");
        assertThat(account.path("responses").has("304")).isTrue();
        assertThat(account.path("responses").has("412")).isTrue();

        JsonNode statement = document.at("/paths/~1accounts~1{accountId}~1statement/get");
        assertThat(openApi.parameterNames(statement)).contains("query:limit", "query:cursor");
        JsonNode limit = openApi.parameters(statement).stream()
                .filter(p -> p.path("name").asText().equals("limit"))
                .findFirst()
                .orElseThrow()
                .path("schema");
        assertThat(limit.path("minimum").asInt()).isEqualTo(1);
        assertThat(limit.path("maximum").asInt()).isEqualTo(AccountQueries.MAX_STATEMENT_LIMIT);
        assertThat(limit.path("default").asInt()).isEqualTo(AccountQueries.DEFAULT_STATEMENT_LIMIT);
    }

    @Test
    void the_documented_formats_and_bounds_are_the_ones_the_api_enforces() {
        JsonNode schemas = document.at("/components/schemas");
        JsonNode parameters = document.at("/components/parameters");
        assertThat(parameters.at("/IfMatch/schema/pattern").asText()).isEqualTo("^(" + ETags.IF_MATCH_PATTERN + ")$");
        assertThat(parameters.at("/ConsistencyToken/schema/pattern").asText())
                .isEqualTo("^" + ConsistencyToken.PATTERN + "$");
        assertThat(document.at("/components/headers/X-Consistency-Token/schema/pattern")
                        .asText())
                .isEqualTo("^" + ConsistencyToken.PATTERN + "$");
        assertThat(schemas.at("/CommandResponse/properties/consistencyToken/pattern")
                        .asText())
                .isEqualTo("^" + ConsistencyToken.PATTERN + "$");
        assertThat(parameters.at("/StatementCursor/schema/pattern").asText())
                .isEqualTo("^" + StatementCursor.PATTERN + "$");
        assertThat(schemas.at("/StatementPage/properties/nextCursor/pattern").asText())
                .isEqualTo("^" + StatementCursor.PATTERN + "$");
        assertThat(parameters.at("/MinVersion/schema/maximum").asLong()).isEqualTo(ConsistencyToken.MAX_VERSION);
        for (String text : List.of("/MoneyRequest/properties/reference", "/FreezeRequest/properties/reason")) {
            assertThat(schemas.at(text + "/pattern").asText()).as(text).isEqualTo("^" + PrintableText.PATTERN + "$");
        }
        assertThat(schemas.at("/MoneyRequest/properties/amount/maximum").asLong())
                .isEqualTo(AccountDecider.MAX_AMOUNT);
        assertThat(schemas.at("/OverdraftLimitRequest/properties/limit/maximum").asLong())
                .isEqualTo(AccountDecider.MAX_OVERDRAFT_LIMIT);
        assertThat(schemas.at("/OpenAccountRequest/properties/overdraftLimit/maximum")
                        .asLong())
                .isEqualTo(AccountDecider.MAX_OVERDRAFT_LIMIT);
        assertThat(document.at("/paths/~1accounts~1{accountId}~1statement/get/description")
                        .asText())
                .contains("stops after reading " + AccountStatement.MAX_EVENTS_PER_PAGE + " events");
        assertThat(parameters.at("/CorrelationId/schema/pattern").isMissingNode())
                .as("any correlation id is accepted (an unusable one is replaced), none refused")
                .isTrue();
        assertThat(document.at("/components/headers/Allow/required").asBoolean())
                .isTrue();
    }

    @Test
    void rule_codes_are_codes_the_domain_has() {
        Set<String> codes =
                Arrays.stream(AccountRule.values()).map(AccountRule::code).collect(Collectors.toSet());
        codes.add(ExceptionMapping.IDEMPOTENCY_KEY_REUSED);
        document.path("paths")
                .properties()
                .forEach(path -> operations(path.getValue())
                        .forEach(operation -> operation
                                .getValue()
                                .path("x-rule-codes")
                                .forEach(code -> assertThat(codes)
                                        .as("%s %s", operation.getKey(), path.getKey())
                                        .contains(code.asText()))));
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

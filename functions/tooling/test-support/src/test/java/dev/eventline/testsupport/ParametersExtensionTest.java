package dev.eventline.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.http.ConsistencyTokens;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.ParametersExtension;
import dev.eventline.local.emulator.LocalParametersExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Functions read their SecureString parameters (the consistency-token key) through the Parameters
 * and Secrets extension's HTTP contract, not an SSM client; locally the local runtime serves that
 * contract in front of moto's SSM, so what is tested here is the code path of the functions.
 */
@WithEmulator
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ParametersExtensionTest {
    private final Emulator emulator;
    private final String name = "/eventline/test/parameters-extension/" + UUID.randomUUID();

    ParametersExtensionTest(Emulator emulator) {
        this.emulator = emulator;
    }

    @Test
    void a_function_reads_the_decrypted_value_of_a_secure_string_parameter_put_in_ssm() {
        put(name, "{\"keyId\":\"k1\",\"key\":\"" + "x".repeat(64) + "\"}");

        String value = ParametersExtension.fromEnvironment(functionEnvironment(Map.of()))
                .decryptedValue(name);

        assertThat(value).isEqualTo("{\"keyId\":\"k1\",\"key\":\"" + "x".repeat(64) + "\"}");
    }

    @Test
    void the_consistency_tokens_of_a_function_are_made_from_the_key_parameter_it_names() {
        put(name, "{\"keyId\":\"k2\",\"key\":\"" + "y".repeat(64) + "\"}");

        ConsistencyTokens tokens = ConsistencyTokens.fromEnvironment(
                functionEnvironment(Map.of(ConsistencyTokens.KEY_PARAMETER_VARIABLE, name)));

        assertThat(tokens.currentKeyId()).isEqualTo("k2");
    }

    @Test
    void an_unknown_parameter_fails_the_cold_start_with_the_status_and_ssms_reason() {
        ParametersExtension extension = ParametersExtension.fromEnvironment(functionEnvironment(Map.of()));

        assertThatThrownBy(() -> extension.decryptedValue(name))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 400")
                .hasMessageContaining(name);
    }

    @Test
    void a_function_without_the_extension_fails_the_cold_start_saying_so() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ParametersExtension extension = ParametersExtension.fromEnvironment(
                functionEnvironment(Map.of(ParametersExtension.PORT_VARIABLE, Integer.toString(closedPort))));

        assertThatThrownBy(() -> extension.decryptedValue(name))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is the layer attached");
    }

    @Test
    void the_local_extension_refuses_a_caller_without_the_session_token_header_as_the_real_one_does() throws Exception {
        put(name, "secret-value-never-served");
        int port = LocalParametersExtension.of(emulator.endpoint()).port();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + ParametersExtension.PATH + "?name=" + name))
                .GET()
                .build();

        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.body()).doesNotContain("secret-value-never-served");
        }
    }

    @Test
    void the_local_extension_does_not_keep_a_jvm_alive_once_its_main_is_done() {
        LocalParametersExtension.of(emulator.endpoint());

        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(thread -> thread.getName().equals("HTTP-Dispatcher")
                        || thread.getName().startsWith("local-parameters-extension"))
                .isNotEmpty()
                .allMatch(Thread::isDaemon);
    }

    private LambdaEnvironment functionEnvironment(Map<String, String> overrides) {
        Map<String, String> variables = new HashMap<>(emulator.endpoint().lambdaEnvironment(Map.of()));
        variables.putAll(overrides);
        return new LambdaEnvironment(variables);
    }

    private void put(String parameter, String value) {
        try (SsmClient ssm = emulator.endpoint().ssm()) {
            ssm.putParameter(b -> b.name(parameter).value(value).type(ParameterType.SECURE_STRING));
        }
    }
}

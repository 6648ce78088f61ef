package dev.eventline.lambda;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Reads Parameter Store parameters through the AWS Parameters and Secrets Lambda Extension (a layer
 * serving {@code GET http://localhost:<port>/systemsmanager/parameters/get} inside the execution
 * environment), with the JDK's HTTP client: the SDK's SSM client would add about 5 MB to a jar for
 * one {@code GetParameter} at cold start.
 *
 * <p>The contract is the extension's: the port from {@value #PORT_VARIABLE} (default {@value
 * #DEFAULT_PORT}; CDK sets it with the layer), the session token of the function's role in
 * {@value #TOKEN_HEADER}, and the body of SSM's {@code GetParameter} response. Locally the same
 * contract is served by the local runtime in front of moto's SSM ({@code LocalParametersExtension}
 * in local-emulator), so this code path is the one the tests run.
 */
public final class ParametersExtension {
    /** The variable the extension reads its port from (and CDK sets when it attaches the layer). */
    public static final String PORT_VARIABLE = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";

    public static final int DEFAULT_PORT = 2773;
    public static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";
    public static final String PATH = "/systemsmanager/parameters/get";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final String sessionToken;

    ParametersExtension(URI base, String sessionToken) {
        this.base = base;
        this.sessionToken = sessionToken;
    }

    /**
     * The extension of this execution environment. The session token is the role's, always set by
     * Lambda; the local runtime has none and its stand-in does not check the value.
     */
    public static ParametersExtension fromEnvironment(LambdaEnvironment env) {
        int port = env.intOr(PORT_VARIABLE, DEFAULT_PORT);
        return new ParametersExtension(
                URI.create("http://localhost:" + port),
                env.optional("AWS_SESSION_TOKEN").orElse(""));
    }

    /**
     * The decrypted value of a (SecureString) parameter.
     *
     * @throws IllegalStateException when the extension is not there or refuses (unknown parameter,
     *     no permission): the message carries the status and the extension's reason, never a value
     */
    public String decryptedValue(String name) {
        URI uri = base.resolve(
                PATH + "?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&withDecryption=true");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header(TOKEN_HEADER, sessionToken)
                .GET()
                .build();
        // one read per cold start: a client per read leaves no selector thread behind in a snapshot
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the Parameters and Secrets extension answered " + response.statusCode()
                        + " for parameter " + name + ": " + abbreviated(response.body()));
            }
            JsonNode value = JSON.readTree(response.body()).path("Parameter").path("Value");
            if (!value.isTextual()) {
                throw new IllegalStateException(
                        "the Parameters and Secrets extension's answer for " + name + " holds no Parameter.Value");
            }
            return value.asText();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot read parameter " + name + " from the Parameters and Secrets extension at " + base
                            + " (is the layer attached to the function?): " + e.getMessage(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading parameter " + name, e);
        }
    }

    private static String abbreviated(String body) {
        return body.length() <= 200 ? body : body.substring(0, 200) + "…";
    }
}

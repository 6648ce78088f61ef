package dev.eventline.local.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.SsmException;

/**
 * The local stand-in of the AWS Parameters and Secrets Lambda Extension: the same HTTP contract
 * ({@code GET /systemsmanager/parameters/get?name=&withDecryption=}, the session-token header
 * required, SSM's {@code GetParameter} response as the body, 400 with SSM's reason when SSM refuses)
 * in front of the emulator's SSM. One per emulator endpoint, on a free loopback port, for the life of
 * the JVM; {@link AwsEndpoint#lambdaEnvironment} names its port in {@value #PORT_VARIABLE} as CDK
 * does for the real layer, so functions read their parameters locally exactly as on AWS.
 */
public final class LocalParametersExtension {
    public static final String PORT_VARIABLE = "PARAMETERS_SECRETS_EXTENSION_HTTP_PORT";
    public static final String TOKEN_HEADER = "X-Aws-Parameters-Secrets-Token";
    public static final String PATH = "/systemsmanager/parameters/get";

    private static final Map<URI, LocalParametersExtension> RUNNING = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final SsmClient ssm;

    private LocalParametersExtension(AwsEndpoint endpoint) {
        this.ssm = endpoint.ssm();
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot open a loopback port for the local parameters extension", e);
        }
        server.createContext(PATH, this::handle);
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "local-parameters-extension");
            thread.setDaemon(true);
            return thread;
        }));
        // the server's dispatcher thread takes the daemon status of the thread that starts it: started from a
        // daemon thread, it does not keep a JVM (a benchmark main, the tests) alive after its work is done
        Thread starter = new Thread(server::start, "local-parameters-extension-start");
        starter.setDaemon(true);
        starter.start();
        try {
            starter.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local parameters extension", e);
        }
    }

    /** The stand-in in front of this endpoint's SSM, started on first use. */
    public static LocalParametersExtension of(AwsEndpoint endpoint) {
        return RUNNING.computeIfAbsent(endpoint.uri(), uri -> new LocalParametersExtension(endpoint));
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                respond(exchange, 405, error("only GET"));
                return;
            }
            if (exchange.getRequestHeaders().getFirst(TOKEN_HEADER) == null) {
                // the real extension refuses a caller that does not prove it runs in the environment
                respond(exchange, 401, error("missing " + TOKEN_HEADER));
                return;
            }
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String name = query.get("name");
            if (name == null || name.isBlank()) {
                respond(exchange, 400, error("name is required"));
                return;
            }
            boolean decrypt = Boolean.parseBoolean(query.getOrDefault("withDecryption", "false"));
            Parameter parameter;
            try {
                parameter = ssm.getParameter(b -> b.name(name).withDecryption(decrypt))
                        .parameter();
            } catch (SsmException refused) {
                respond(exchange, 400, error(refused.awsErrorDetails().errorMessage()));
                return;
            }
            ObjectNode body = JSON.createObjectNode();
            ObjectNode p = body.putObject("Parameter");
            p.put("Name", parameter.name());
            p.put("Type", parameter.typeAsString());
            p.put("Value", parameter.value());
            p.put("Version", parameter.version());
            p.put("ARN", parameter.arn());
            p.put("DataType", parameter.dataType());
            body.putObject("ResultMetadata");
            respond(exchange, 200, JSON.writeValueAsBytes(body));
        }
    }

    private static byte[] error(String message) {
        return String.valueOf(message).getBytes(StandardCharsets.UTF_8);
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            values.putIfAbsent(key, value);
        }
        return values;
    }
}

package dev.eventline.local;

import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.JwtAuthorizer;
import dev.eventline.local.emulator.LocalIssuer;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.Topology.MappingSpec;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Everything Lambda and API Gateway would do around the handlers, for provisioned resources in an
 * emulator: the functions, an event source per mapping of the template, and the HTTP server.
 * Closing it stops the pollers first (no invocation is cut off mid-batch by a vanishing server),
 * then the HTTP server.
 */
public final class LocalRuntime implements AutoCloseable {
    private final LocalFunctions functions;
    private final List<StreamEventSource> streamSources;
    private final List<SqsEventSource> queueSources;
    private final Optional<LocalHttpServer> http;
    private final LocalLambdaApi lambdaApi;
    private final DynamoDbStreamsClient streams;
    private final SqsClient sqs;

    private LocalRuntime(
            LocalFunctions functions,
            List<StreamEventSource> streamSources,
            List<SqsEventSource> queueSources,
            Optional<LocalHttpServer> http,
            LocalLambdaApi lambdaApi,
            DynamoDbStreamsClient streams,
            SqsClient sqs) {
        this.functions = functions;
        this.streamSources = streamSources;
        this.queueSources = queueSources;
        this.http = http;
        this.lambdaApi = lambdaApi;
        this.streams = streams;
        this.sqs = sqs;
    }

    /**
     * @param httpPort  empty for no HTTP server, 0 for any free port
     * @param overrides extra environment variables per function name, over the template's
     * @param clock     the one clock of the runtime (request times, batching windows, record ages,
     *                  invocation deadlines); the handlers are built as Lambda builds them, on the system clock
     */
    public static LocalRuntime start(
            LocalResources resources,
            AwsEndpoint endpoint,
            RuntimeSettings settings,
            Optional<Integer> httpPort,
            Map<String, Map<String, String>> overrides,
            Clock clock) {
        return start(resources, endpoint, settings, httpPort, overrides, clock, Optional.empty());
    }

    /** @param webSocket the push gateway's address, for the console the HTTP server serves */
    public static LocalRuntime start(
            LocalResources resources,
            AwsEndpoint endpoint,
            RuntimeSettings settings,
            Optional<Integer> httpPort,
            Map<String, Map<String, String>> overrides,
            Clock clock,
            Optional<URI> webSocket) {
        LocalLambdaApi lambdaApi = LocalLambdaApi.start();
        LocalFunctions functions;
        try {
            functions = LocalFunctions.create(
                    resources.topology(), endpoint, withLambdaEndpoint(resources, overrides, lambdaApi), clock);
        } catch (RuntimeException e) {
            // its server thread would keep the JVM alive after the failure is reported
            lambdaApi.close();
            throw e;
        }
        lambdaApi.serve(functions);
        DynamoDbStreamsClient streams = endpoint.dynamoDbStreams();
        SqsClient sqs = endpoint.sqs();
        List<StreamEventSource> streamSources = new ArrayList<>();
        List<SqsEventSource> queueSources = new ArrayList<>();
        for (MappingSpec mapping : resources.topology().mappings()) {
            Optional<LocalFunction> function = functions.function(mapping.functionName());
            if (function.isEmpty()) {
                LocalLog.warn("mapping " + mapping.logicalId() + " not started: " + mapping.functionName()
                        + " is not running");
            } else if (mapping.sourceTable().isPresent()) {
                streamSources.add(
                        StreamEventSource.start(mapping, function.get(), resources, streams, sqs, settings, clock));
            } else if (mapping.sourceQueue().isPresent()) {
                queueSources.add(SqsEventSource.start(mapping, function.get(), resources, sqs, settings));
            }
        }
        Optional<LocalHttpServer> http = httpPort.map(port -> LocalHttpServer.start(
                port,
                HttpRoutes.from(resources.topology(), functions),
                new JwtAuthorizer(LocalIssuer.ofProject().publicKeys()),
                clock,
                webSocket));
        return new LocalRuntime(
                functions, List.copyOf(streamSources), List.copyOf(queueSources), http, lambdaApi, streams, sqs);
    }

    /** Every function may invoke another through the SDK, as deployed: Lambda's endpoint is this runtime's. */
    private static Map<String, Map<String, String>> withLambdaEndpoint(
            LocalResources resources, Map<String, Map<String, String>> overrides, LocalLambdaApi lambdaApi) {
        Map<String, Map<String, String>> merged = new java.util.HashMap<>();
        resources.topology().functions().forEach(function -> {
            Map<String, String> variables = new java.util.LinkedHashMap<>();
            variables.put(LocalLambdaApi.ENDPOINT_VARIABLE, lambdaApi.uri().toString());
            variables.putAll(overrides.getOrDefault(function.functionName(), Map.of()));
            merged.put(function.functionName(), variables);
        });
        return merged;
    }

    public LocalFunctions functions() {
        return functions;
    }

    public List<StreamEventSource> streamSources() {
        return streamSources;
    }

    /** The HTTP API's base URI. @throws IllegalStateException when started without one */
    public URI httpUri() {
        return http.map(LocalHttpServer::uri).orElseThrow(() -> new IllegalStateException("started without HTTP"));
    }

    @Override
    public void close() {
        // all pollers are told first, so none is left polling while another is being joined
        streamSources.forEach(StreamEventSource::requestStop);
        queueSources.forEach(SqsEventSource::requestStop);
        streamSources.forEach(StreamEventSource::close);
        queueSources.forEach(SqsEventSource::close);
        http.ifPresent(LocalHttpServer::close);
        lambdaApi.close();
        streams.close();
        sqs.close();
    }
}

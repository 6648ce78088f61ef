package dev.eventline.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import dev.eventline.local.emulator.Topology.MappingSpec;
import dev.eventline.streams.SdkRecords;
import dev.eventline.streams.StreamRecordJson;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;

/**
 * The jars that ship, run as Lambda runs them: every function of the templates (and the scheduled
 * snapshots function the snapshot-chaser jar ships for the time-based strategy) is invoked from its
 * {@code -lambda.jar} by {@link LambdaJarRunner} in a fresh JVM, whose class path holds only what the
 * Lambda Java runtime gives (aws-lambda-java-core and the runtime's event serializer), with the
 * environment the template gives the function, pointed at moto as {@link LocalFunctions} points it.
 * Everything else (the local stack, the other tests) runs the modules' classes: a class the shrinker
 * dropped from a jar, found only by name at run time, would fail here and not first on AWS.
 *
 * <p>One realistic invocation per function, the answer asserted; the HTTP calls come first, so the
 * stream consumers get the records those calls wrote.
 */
class LambdaJarsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINKAGE =
            Pattern.compile("NoClassDefFoundError|ClassNotFoundException|NoSuchMethodError|NoSuchFieldError"
                    + "|ServiceConfigurationError|ExceptionInInitializerError");
    /** One cold start and one invocation; generous for a shared machine, the whole test stays in budget. */
    private static final Duration INVOCATION_LIMIT = Duration.ofSeconds(60);

    private static final String CUSTOMER = "c-jar";
    private static final String STAFF_SCOPE = "eventline/staff";

    @TempDir
    static Path work;

    private static MotoServer moto;
    /** Where every function exports its spans, as the ADOT collector extension takes them on Lambda. */
    private static OtlpCollector collector;

    private static AwsEndpoint endpoint;
    private static LocalResources resources;
    private static String runnerClassPath;
    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    /** What earlier cases found, for the later ones: the order the command API placed. */
    private static final Map<String, String> found = new LinkedHashMap<>();

    @BeforeAll
    static void start_moto_and_provision_the_templates() throws IOException {
        moto = MotoServer.start();
        collector = OtlpCollector.start();
        endpoint = new AwsEndpoint(moto.endpoint());
        resources = LocalStack.provision(endpoint, false);
        runnerClassPath = runnerClassPath();
    }

    @AfterAll
    static void stop_moto_and_the_collector() {
        if (moto != null) {
            moto.close();
        }
        if (collector != null) {
            collector.close();
        }
    }

    /**
     * The functions that trace (the request path and its hops: docs/deploy.md, tracing); the accounts projector,
     * the push functions, the verifier, the rebuild worker and the scheduled snapshots export no spans.
     */
    private static final Set<String> TRACED = Set.of(
            "dev.eventline.ordering.commandapi.CommandApiHandler",
            "dev.eventline.ordering.queryapi.QueryApiHandler",
            "dev.eventline.accounts.api.AccountsApiHandler",
            "dev.eventline.explorer.ExplorerApiHandler",
            "dev.eventline.ordering.projector.ProjectionHandler",
            "dev.eventline.ordering.publisher.PublisherHandler",
            "dev.eventline.accounts.snapshots.SnapshotChaserHandler",
            "dev.eventline.shipping.ShippingNotificationsHandler");

    /** The smoke cases by handler class, in the order they run. */
    private static Map<String, Consumer<FunctionSpec>> cases() {
        Map<String, Consumer<FunctionSpec>> cases = new LinkedHashMap<>();
        cases.put("dev.eventline.ordering.commandapi.CommandApiHandler", LambdaJarsTest::place_an_order);
        cases.put("dev.eventline.accounts.api.AccountsApiHandler", LambdaJarsTest::open_an_account);
        cases.put("dev.eventline.ordering.projector.ProjectionHandler", LambdaJarsTest::consume_its_stream);
        cases.put("dev.eventline.ordering.publisher.PublisherHandler", LambdaJarsTest::consume_its_stream);
        cases.put("dev.eventline.accounts.projector.AccountProjectionHandler", LambdaJarsTest::consume_its_stream);
        cases.put("dev.eventline.accounts.snapshots.SnapshotChaserHandler", LambdaJarsTest::consume_its_stream);
        cases.put("dev.eventline.ordering.queryapi.QueryApiHandler", LambdaJarsTest::get_the_order_and_a_missing_one);
        cases.put("dev.eventline.explorer.ExplorerApiHandler", LambdaJarsTest::list_the_consumers_as_staff);
        cases.put("dev.eventline.shipping.ShippingNotificationsHandler", LambdaJarsTest::take_a_shipped_message);
        cases.put("dev.eventline.ordering.push.ConnectAuthorizerHandler", LambdaJarsTest::deny_a_forged_token);
        cases.put("dev.eventline.ordering.push.PushHandler", LambdaJarsTest::subscribe_then_disconnect);
        cases.put("dev.eventline.ordering.verifier.VerifierHandler", LambdaJarsTest::verify_the_read_models);
        cases.put("dev.eventline.ordering.rebuildworker.RebuildWorkerHandler", LambdaJarsTest::rebuild_an_export_file);
        cases.put("dev.eventline.accounts.snapshots.ScheduledSnapshotsHandler", LambdaJarsTest::run_the_schedule);
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> every_function_answers_from_its_deployment_jar() {
        Map<String, Consumer<FunctionSpec>> cases = cases();
        List<String> order = List.copyOf(cases.keySet());
        return functions().stream()
                .sorted(Comparator.comparingInt(spec -> {
                    int index = order.indexOf(spec.handlerClass());
                    return index < 0 ? Integer.MAX_VALUE : index;
                }))
                .map(spec -> DynamicTest.dynamicTest(spec.functionName(), () -> {
                    Consumer<FunctionSpec> smoke = cases.get(spec.handlerClass());
                    assertThat(smoke)
                            .as(
                                    "no smoke case for function %s (%s): add one to LambdaJarsTest",
                                    spec.functionName(), spec.handlerClass())
                            .isNotNull();
                    smoke.accept(spec);
                    // OpenTelemetry's exporter finds its HTTP sender through ServiceLoader: a shrinker that
                    // dropped it would leave the function answering, untraced
                    if (TRACED.contains(spec.handlerClass())) {
                        assertThat(collector.spans())
                                .as("spans %s exported from its jar", spec.functionName())
                                .anyMatch(span -> span.service().equals(spec.functionName()));
                    }
                }));
    }

    /** Issue 13's bound: a Lambda jar is at most 8 MB (decimal) and carries none of these packages. */
    static final long MAX_JAR_BYTES = 8_000_000;

    private static final List<String> NEVER_IN_A_JAR = List.of(
            "com/amazonaws/", // AWS SDK v1, the Lambda events library; aws-lambda-java-core is the runtime's
            "org/joda/", // the Lambda runtime's serializer needs it only for the events library's classes
            "org/apache/http/", // Apache HttpClient 4: url-connection-client is the SDK's HTTP client here
            "io/netty/");

    @TestFactory
    Stream<DynamicTest> every_deployment_jar_is_at_most_8_MB_and_carries_no_banned_library() {
        return functions().stream()
                .map(spec -> DynamicTest.dynamicTest(spec.functionName(), () -> {
                    Path jar = jar(spec);
                    assertThat(Files.size(jar))
                            .as(
                                    "%s (%s): at most 8 MB, see docs/architecture.md \"Lean jars\"",
                                    jar.getFileName(), spec.functionName())
                            .isLessThanOrEqualTo(MAX_JAR_BYTES);
                    try (ZipFile zip = new ZipFile(jar.toFile())) {
                        List<String> banned = zip.stream()
                                .map(ZipEntry::getName)
                                .filter(name -> NEVER_IN_A_JAR.stream().anyMatch(name::startsWith))
                                .limit(5)
                                .toList();
                        assertThat(banned)
                                .as("entries of %s", jar.getFileName())
                                .isEmpty();
                    }
                }));
    }

    /** The templates' functions, and the one the time-based snapshot strategy deploys from the chaser's jar. */
    private static List<FunctionSpec> functions() {
        List<FunctionSpec> functions = new ArrayList<>(resources.topology().functions());
        LocalSnapshotStrategy.withTimeBased(resources, Duration.ofMinutes(1)).topology().functions().stream()
                .filter(spec ->
                        resources.topology().function(spec.functionName()).isEmpty())
                .forEach(functions::add);
        return functions;
    }

    // --- the cases ---

    private static void place_an_order(FunctionSpec spec) {
        JsonNode response = answer(
                spec,
                httpEvent(
                        "POST",
                        "POST /orders",
                        "/orders",
                        Map.of(),
                        "{\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}",
                        CUSTOMER,
                        ""));
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(201);
        String location = header(response, "location");
        assertThat(location).startsWith("/orders/");
        found.put("orderId", location.substring("/orders/".length()));
    }

    private static void open_an_account(FunctionSpec spec) {
        JsonNode response = answer(
                spec,
                httpEvent(
                        "POST",
                        "POST /accounts",
                        "/accounts",
                        Map.of(),
                        "{\"currency\":\"EUR\",\"overdraftLimit\":0}",
                        CUSTOMER,
                        ""));
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(201);
        assertThat(header(response, "location")).startsWith("/accounts/");
    }

    private static void consume_its_stream(FunctionSpec spec) {
        MappingSpec mapping = resources.topology().mappingsOf(spec.functionName()).stream()
                .filter(m -> m.sourceTable().isPresent())
                .findFirst()
                .orElseThrow(() -> new AssertionError(spec.functionName() + " has no stream mapping in the templates"));
        JsonNode response = answer(spec, streamEvent(mapping.sourceTable().orElseThrow()));
        assertThat(response.toString()).isEqualTo("{\"batchItemFailures\":[]}");
    }

    private static void get_the_order_and_a_missing_one(FunctionSpec spec) {
        String orderId = required("orderId");
        JsonNode placed = answer(
                spec,
                httpEvent(
                        "GET",
                        "GET /orders/{orderId}",
                        "/orders/" + orderId,
                        Map.of("orderId", orderId),
                        null,
                        CUSTOMER,
                        ""));
        assertThat(placed.path("statusCode").asInt()).as(placed.toString()).isEqualTo(200);
        assertThat(body(placed).path("orderId").asText()).isEqualTo(orderId);

        JsonNode missing = answer(
                spec,
                httpEvent(
                        "GET",
                        "GET /orders/{orderId}",
                        "/orders/no-such-order",
                        Map.of("orderId", "no-such-order"),
                        null,
                        CUSTOMER,
                        ""));
        assertThat(missing.path("statusCode").asInt()).as(missing.toString()).isEqualTo(404);
        assertThat(header(missing, "content-type")).startsWith("application/problem+json");
    }

    private static void list_the_consumers_as_staff(FunctionSpec spec) {
        JsonNode response = answer(
                spec,
                httpEvent(
                        "GET",
                        "GET /explorer/consumers",
                        "/explorer/consumers",
                        Map.of(),
                        null,
                        "clerk-7",
                        STAFF_SCOPE));
        assertThat(response.path("statusCode").asInt()).as(response.toString()).isEqualTo(200);
    }

    private static void take_a_shipped_message(FunctionSpec spec) {
        JsonNode response = answer(spec, sample("sqs/order-shipped.json"));
        assertThat(response.path("batchItemFailures").isArray())
                .as(response.toString())
                .isTrue();
        assertThat(response.path("batchItemFailures")).isEmpty();
    }

    private static void deny_a_forged_token(FunctionSpec spec) {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "REQUEST");
        event.put("methodArn", "arn:aws:execute-api:us-east-1:123456789012:abc123/dev/$connect");
        event.putObject("queryStringParameters").put("token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.Zm9yZ2Vk");
        event.putObject("requestContext").put("routeKey", "$connect").put("connectionId", "conn-forged");
        JsonNode response = answer(spec, event.toString());
        assertThat(response.path("policyDocument")
                        .path("Statement")
                        .path(0)
                        .path("Effect")
                        .asText())
                .as(response.toString())
                .isEqualTo("Deny");
    }

    private static void subscribe_then_disconnect(FunctionSpec spec) {
        String orderId = required("orderId");
        JsonNode subscribed = answer(
                spec, webSocketEvent("$default", "{\"action\":\"subscribe\",\"streamId\":\"Order-" + orderId + "\"}"));
        assertThat(subscribed.path("statusCode").asInt())
                .as(subscribed.toString())
                .isEqualTo(200);
        assertThat(subscribed.path("body").asText()).contains("subscribed");

        JsonNode disconnected = answer(spec, webSocketEvent("$disconnect", null));
        assertThat(disconnected.path("statusCode").asInt())
                .as(disconnected.toString())
                .isEqualTo(200);
    }

    private static void verify_the_read_models(FunctionSpec spec) {
        JsonNode response = answer(spec, scheduledEvent());
        assertThat(response.has("streams")).as(response.toString()).isTrue();
        // the read model the projector's case wrote from its jar, against the fold of the stream
        assertThat(response.path("mismatches").asLong(-1))
                .as("mismatches (did the projector's case project the order?): %s", response)
                .isZero();
    }

    private static void rebuild_an_export_file(FunctionSpec spec) {
        String bucket = "eventline-jar-test-exports";
        String key = "AWSDynamoDB/01234567890123-abcdefgh/data/empty.json.gz";
        putObject(bucket, key, gzip(""));
        ObjectNode event = JSON.createObjectNode();
        event.put("bucket", bucket);
        event.put("key", key);
        event.put("targetGeneration", 1);
        JsonNode response = answer(spec, event.toString());
        assertThat(response.path("files").asInt()).as(response.toString()).isEqualTo(1);
        assertThat(response.path("itemsRead").asInt()).as(response.toString()).isZero();
    }

    private static void run_the_schedule(FunctionSpec spec) {
        JsonNode response = answer(spec, scheduledEvent());
        assertThat(response.has("activeStreams")).as(response.toString()).isTrue();
        assertThat(response.has("snapshots")).as(response.toString()).isTrue();
    }

    // --- running a jar ---

    /** Runs the function's jar once; asserts a clean exit and no linkage failure; the answer parsed. */
    private static JsonNode answer(FunctionSpec spec, String event) {
        Invocation invocation = invoke(spec, event);
        assertThat(LINKAGE.matcher(invocation.stderr()).find())
                .as(
                        "%s: the jar lacks something the runtime loads; its stderr:%n%s",
                        spec.functionName(), invocation.stderr())
                .isFalse();
        assertThat(invocation.exitCode())
                .as(
                        "%s exited with %d; its stderr:%n%s",
                        spec.functionName(), invocation.exitCode(), invocation.stderr())
                .isZero();
        try {
            return JSON.readTree(invocation.stdout());
        } catch (IOException e) {
            throw new AssertionError(spec.functionName() + " answered no JSON: " + invocation.stdout(), e);
        }
    }

    record Invocation(int exitCode, String stdout, String stderr) {}

    private static Invocation invoke(FunctionSpec spec, String event) {
        try {
            int n = INVOCATIONS.incrementAndGet();
            Path eventFile = work.resolve(n + "-event.json");
            Path stdout = work.resolve(n + "-stdout.json");
            Path stderr = work.resolve(n + "-stderr.txt");
            Files.writeString(eventFile, event);
            ProcessBuilder builder = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            // what Lambda's Java runtime starts its JVM with
                            "-XX:+TieredCompilation",
                            "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC",
                            "-cp",
                            runnerClassPath,
                            LambdaJarRunner.class.getName(),
                            jar(spec).toString(),
                            spec.handler(),
                            eventFile.toString())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            // only what Lambda would set: nothing of this JVM's environment leaks into the function
            builder.environment().clear();
            builder.environment().putAll(environment(spec));
            Process process = builder.start();
            if (!process.waitFor(INVOCATION_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
                throw new AssertionError(spec.functionName() + " did not answer within " + INVOCATION_LIMIT
                        + "; its stderr:\n" + Files.readString(stderr));
            }
            return new Invocation(process.exitValue(), Files.readString(stdout), Files.readString(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The template's variables, resolved to the local names and pointed at moto, as {@link LocalFunctions} does. */
    private static Map<String, String> environment(FunctionSpec spec) {
        Map<String, String> variables = new LinkedHashMap<>(spec.environment());
        variables.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        Map<String, String> env = new LinkedHashMap<>(endpoint.lambdaEnvironment(variables));
        env.put("_HANDLER", spec.handler());
        env.put("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", collector.tracesEndpoint());
        return env;
    }

    /**
     * {@code functions/<group>/<module>/target/<module>-<version>-lambda.jar}: the module is the one whose
     * classes hold the handler on this test's class path (this module depends on every function module).
     */
    private static Path jar(FunctionSpec spec) throws IOException {
        Path classes;
        try {
            classes = Path.of(Class.forName(spec.handlerClass(), false, LambdaJarsTest.class.getClassLoader())
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (ClassNotFoundException | URISyntaxException e) {
            throw new AssertionError(
                    "handler " + spec.handlerClass() + " of " + spec.functionName()
                            + " is in no module localstack depends on: add the module to localstack/pom.xml",
                    e);
        }
        // .../<module>/target/classes in the reactor, .../<module>/<version>/<module>-<version>.jar from the repository
        String module = classes.getParent().getParent().getFileName().toString();
        Path functions = ProjectLayout.root().resolve("functions");
        try (Stream<Path> groups = Files.list(functions)) {
            Path moduleDirectory = groups.map(group -> group.resolve(module))
                    .filter(Files::isDirectory)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no module " + module + " under " + functions));
            try (Stream<Path> jars = Files.list(moduleDirectory.resolve("target"))
                    .filter(path ->
                            path.getFileName().toString().matches(Pattern.quote(module) + "-.+-lambda\\.jar"))) {
                List<Path> candidates = jars.toList();
                assertThat(candidates)
                        .as(
                                "%s: the deployment jar of %s is missing (build it: ./mvnw -B -ntp -q install -DskipTests)",
                                spec.functionName(), module)
                        .hasSize(1);
                return candidates.getFirst();
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new AssertionError(spec.functionName() + ": no target directory, build the module first", e);
        }
    }

    /**
     * aws-lambda-java-core, the runtime's serializer and the runner alone: the runner's class files are
     * copied to a directory of their own, so nothing else of this module's test classes is visible.
     */
    private static String runnerClassPath() throws IOException {
        Path runner = work.resolve("runner");
        String packagePath = LambdaJarRunner.class.getPackageName().replace('.', '/');
        Path testClasses = codeSource(LambdaJarRunner.class);
        Files.createDirectories(runner.resolve(packagePath));
        try (Stream<Path> classes = Files.list(testClasses.resolve(packagePath))) {
            for (Path file : classes.filter(path -> path.getFileName()
                            .toString()
                            .matches(LambdaJarRunner.class.getSimpleName() + "(\\$.*)?\\.class"))
                    .toList()) {
                Files.copy(file, runner.resolve(packagePath).resolve(file.getFileName()));
            }
        }
        return String.join(
                File.pathSeparator,
                codeSource(Context.class).toString(),
                codeSource(LambdaEventSerializers.class).toString(),
                runner.toString());
    }

    private static Path codeSource(Class<?> type) {
        try {
            return Path.of(
                    type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- events ---

    /** A payload 2.0 event as API Gateway passes it after its JWT authorizer let the caller in. */
    private static String httpEvent(
            String method,
            String routeKey,
            String path,
            Map<String, String> pathParameters,
            String body,
            String subject,
            String scope) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", routeKey);
        event.put("rawPath", path);
        event.put("rawQueryString", "");
        ObjectNode headers = event.putObject("headers");
        headers.put("accept", "application/json");
        if (body != null) {
            headers.put("content-type", "application/json");
            event.put("body", body);
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            pathParameters.forEach(parameters::put);
        }
        event.put("isBase64Encoded", false);
        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", "123456789012");
        context.put("apiId", "jartest");
        context.put("requestId", "jar-test-" + INVOCATIONS.get());
        context.put("routeKey", routeKey);
        context.put("stage", "$default");
        context.put("timeEpoch", System.currentTimeMillis());
        ObjectNode http = context.putObject("http");
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", "203.0.113.7");
        ObjectNode jwt = context.putObject("authorizer").putObject("jwt");
        ObjectNode claims = jwt.putObject("claims");
        claims.put("sub", subject);
        if (!scope.isEmpty()) {
            claims.put("scope", scope);
        }
        var scopes = jwt.putArray("scopes");
        if (!scope.isEmpty()) {
            scopes.add(scope);
        }
        return event.toString();
    }

    /** A WebSocket route event; the principal is what the {@code $connect} authorizer put in its context. */
    private static String webSocketEvent(String routeKey, String body) {
        ObjectNode event = JSON.createObjectNode();
        ObjectNode context = event.putObject("requestContext");
        context.put("routeKey", routeKey);
        context.put("connectionId", "conn-jar-test");
        context.put("eventType", "$disconnect".equals(routeKey) ? "DISCONNECT" : "MESSAGE");
        context.put("domainName", "jartest.execute-api.us-east-1.amazonaws.com");
        context.put("stage", "dev");
        context.put("requestId", "jar-test-" + INVOCATIONS.get());
        context.putObject("authorizer").put("principalId", CUSTOMER).put("scopes", "");
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", false);
        return event.toString();
    }

    /** What EventBridge Scheduler / a schedule rule passes. */
    private static String scheduledEvent() {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "0");
        event.put("id", "jar-test-schedule");
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.events");
        event.put(
                "time",
                java.time.Instant.now()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString());
        event.putObject("detail");
        return event.toString();
    }

    /** The records the table's stream holds now (what the HTTP calls wrote), as Lambda's event source passes them. */
    private static String streamEvent(String table) {
        String streamArn = resources.streamArnByTable().get(table);
        assertThat(streamArn).as("stream of %s", table).isNotNull();
        List<Record> records = new ArrayList<>();
        try (var streams = endpoint.dynamoDbStreams()) {
            for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn))
                    .streamDescription()
                    .shards()) {
                String iterator = streams.getShardIterator(b -> b.streamArn(streamArn)
                                .shardId(shard.shardId())
                                .shardIteratorType(ShardIteratorType.TRIM_HORIZON))
                        .shardIterator();
                records.addAll(
                        streams.getRecords(b -> b.shardIterator(iterator)).records());
            }
        }
        assertThat(records)
                .as("records on the stream of %s (written by the HTTP cases)", table)
                .isNotEmpty();
        return StreamRecordJson.writeEvent(SdkRecords.toStreamEvent(records, streamArn));
    }

    private static String sample(String name) {
        try {
            return Files.readString(
                    ProjectLayout.root().resolve("events-samples").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // --- helpers ---

    private static String required(String what) {
        String value = found.get(what);
        assertThat(value).as("%s from an earlier case (see its failure)", what).isNotNull();
        return value;
    }

    private static String header(JsonNode response, String name) {
        var fields = response.path("headers").properties();
        for (var field : fields) {
            if (field.getKey().equalsIgnoreCase(name)) {
                return field.getValue().asText();
            }
        }
        throw new AssertionError("no " + name + " header in " + response);
    }

    private static JsonNode body(JsonNode response) {
        try {
            return JSON.readTree(response.path("body").asText());
        } catch (IOException e) {
            throw new AssertionError("no JSON body in " + response, e);
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** S3 through moto's REST API: this module has no S3 client, and the worker only reads the file. */
    private static void putObject(String bucket, String key, byte[] content) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            URI base = endpoint.uri();
            for (var request : List.of(
                    HttpRequest.newBuilder(base.resolve("/" + bucket))
                            .PUT(HttpRequest.BodyPublishers.noBody())
                            .build(),
                    HttpRequest.newBuilder(base.resolve("/" + bucket + "/" + key))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(content))
                            .build())) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.eventline.bench;

import com.amazonaws.services.lambda.runtime.Context;
import com.sun.net.httpserver.HttpServer;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.testsupport.bench.BenchResults;
import dev.eventline.testsupport.bench.BenchRow;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Start-up of the command and query functions, fresh JVM to first response against moto, with and
 * without a JDK 25 AOT cache (JEP 483/514: classes loaded and linked, lambda forms resolved, method
 * profiles, from a training run of the same probe). Only the deployment jar and the probe are on
 * the class path, as in Lambda. Prints medians; the cache is written under the function's target/.
 *
 * <p>{@code mvn -pl functions/tooling/benchmarks exec:java@startup} (after {@code make build});
 * with {@code -Deventline.bench.tracing=true} the functions export their spans by OTLP/HTTP to a
 * receiver in this process, as they do to the collector extension in Lambda (first span exported
 * before the first response).
 */
public final class StartupBenchmark {
    private static final int RUNS = 7;

    private StartupBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path probe = probeJar();
        HttpServer collector = Boolean.getBoolean("eventline.bench.tracing") ? otlpReceiver() : null;
        Map<String, String> tracing = collector == null
                ? Map.of()
                : Map.of(
                        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                        "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces");
        try (MotoServer moto = MotoServer.start()) {
            AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
            LocalResources resources = BenchStack.provision(endpoint);
            System.out.printf(
                    "%nStart-up, fresh JVM to first response against moto (C1 only, as Lambda; median of %d; tracing %s):%n",
                    RUNS, collector == null ? "off" : "on, OTLP/HTTP to a local receiver");
            System.out.printf(
                    "| %-8s | %14s | %14s | %9s |%n", "function", "no cache (ms)", "AOT cache (ms)", "jar (MB)");
            System.out.printf(
                    "| %-8s | %14s | %14s | %9s |%n", "-".repeat(8), "-".repeat(14), "-".repeat(14), "-".repeat(9));
            measure(
                    "command",
                    "ordering-command-api",
                    "dev.eventline.ordering.commandapi.CommandApiHandler",
                    resources,
                    endpoint,
                    tracing,
                    probe);
            measure(
                    "query",
                    "ordering-query-api",
                    "dev.eventline.ordering.queryapi.QueryApiHandler",
                    resources,
                    endpoint,
                    tracing,
                    probe);
        } finally {
            if (collector != null) {
                collector.stop(0);
            }
        }
    }

    /** Accepts OTLP/HTTP exports and drops them: the cost measured is the function's, not a collector's. */
    private static HttpServer otlpReceiver() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/traces", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(200, -1);
            }
        });
        server.start();
        return server;
    }

    private static void measure(
            String kind,
            String module,
            String handlerClass,
            LocalResources resources,
            AwsEndpoint endpoint,
            Map<String, String> tracing,
            Path probe)
            throws Exception {
        Path target = ProjectLayout.root()
                .resolve("functions/ordering")
                .resolve(module)
                .resolve("target");
        Path jar = target.resolve(module + "-0.1.0-SNAPSHOT-lambda.jar");
        if (!Files.isRegularFile(jar)) {
            System.out.printf("| %-8s | skipped: %s not built (run make build)%n", kind, jar.getFileName());
            return;
        }
        Map<String, String> variables = new HashMap<>(resources.topology().functions().stream()
                .filter(f -> f.handlerClass().equals(handlerClass))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no function " + handlerClass + " in the templates"))
                .environment());
        variables.putAll(tracing);
        LambdaEnvironment env = new LambdaEnvironment(endpoint.lambdaEnvironment(variables));
        Path cache = target.resolve(module + ".aot");
        Files.deleteIfExists(cache);
        probe(kind, jar, probe, env, "-XX:AOTCacheOutput=" + cache); // the training run: writes the cache at exit
        if (!Files.isRegularFile(cache)) {
            throw new IllegalStateException("the training run wrote no AOT cache at " + cache);
        }
        long without = median(kind, jar, probe, env, null);
        long with = median(kind, jar, probe, env, "-XX:AOTCache=" + cache);
        double megabytes = Files.size(jar) / 1_048_576.0;
        System.out.printf("| %-8s | %14d | %14d | %9.1f |%n", kind, without, with, megabytes);
        String tracingNote =
                env.variables().containsKey("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT") ? "tracing on" : "tracing off";
        BenchResults.shared()
                .record(BenchRow.of(
                                "start-up, " + module + ", no AOT cache (" + tracingNote + ", median of " + RUNS + ")")
                        .startup(megabytes, without));
        BenchResults.shared()
                .record(BenchRow.of("start-up, " + module + ", AOT cache (" + tracingNote + ", median of " + RUNS + ")")
                        .startup(megabytes, with));
    }

    private static long median(String kind, Path jar, Path probe, LambdaEnvironment env, String option)
            throws Exception {
        List<Long> starts = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            starts.add(probe(kind, jar, probe, env, option));
        }
        starts.sort(Long::compare);
        return starts.get(RUNS / 2);
    }

    /**
     * aws-lambda-java-core, which the jars no longer carry: Lambda's runtime has it on the class path of every
     * Java function, as this start does.
     */
    static Path lambdaRuntimeCore() throws Exception {
        return Path.of(Context.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    }

    /** The probe as a jar: an AOT cache only takes jars on the class path, no directories. */
    private static Path probeJar() throws Exception {
        Path classes = Path.of(ColdStartProbe.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        String entry = ColdStartProbe.class.getName().replace('.', '/') + ".class";
        Path jar = classes.resolveSibling("cold-start-probe.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(entry));
            out.write(Files.readAllBytes(classes.resolve(entry)));
            out.closeEntry();
        }
        return jar;
    }

    /** One fresh JVM: the probe's time from JVM start to the first response. */
    private static long probe(String kind, Path jar, Path probeJar, LambdaEnvironment env, String option)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation",
                "-XX:TieredStopAtLevel=1")); // what Lambda's Java runtime uses by default
        if (option != null) {
            command.add(option);
        }
        command.addAll(Stream.of(
                        "-cp",
                        jar + File.pathSeparator + lambdaRuntimeCore() + File.pathSeparator + probeJar,
                        ColdStartProbe.class.getName(),
                        kind)
                .toList());
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env.variables());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        String last = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                output.add(line);
                if (line.startsWith("first-response-ms=")) {
                    last = line;
                }
            }
        }
        if (process.waitFor() != 0 || last == null) {
            throw new IllegalStateException(kind + " cold start probe failed:\n" + String.join("\n", output));
        }
        return Long.parseLong(last.substring("first-response-ms=".length()));
    }
}

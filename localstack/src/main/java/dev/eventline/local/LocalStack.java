package dev.eventline.local;

import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.local.emulator.Provisioner;
import dev.eventline.local.emulator.TemplateReader;
import dev.eventline.local.emulator.Topology;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code make up}: moto, the resources of {@code localstack/template/*.template.json}, the stream
 * and queue event sources and the HTTP API on 127.0.0.1:3000, until Ctrl-C or SIGTERM.
 *
 * <p>Environment: {@code PORT} (HTTP, default 3000), {@code MOTO_PORT} (default: a free port),
 * {@code LOCAL_SQS_RETRY_SECONDS} (see {@link RuntimeSettings#fromEnvironment}).
 */
public final class LocalStack {
    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        int httpPort = Integer.parseInt(env.getOrDefault("PORT", "3000"));
        MotoServer moto = Optional.ofNullable(env.get("MOTO_PORT")).map(Integer::parseInt).map(MotoServer::start)
                .orElseGet(MotoServer::start);
        AwsEndpoint endpoint = new AwsEndpoint(moto.endpoint());
        Topology topology = TemplateReader.read(ProjectLayout.templates());
        LocalResources resources;
        try (var dynamoDb = endpoint.dynamoDb(); var sqs = endpoint.sqs(); var eventBridge = endpoint.eventBridge()) {
            resources = new Provisioner(dynamoDb, sqs, eventBridge).provision(topology);
        }
        LocalRuntime runtime = LocalRuntime.start(resources, endpoint, RuntimeSettings.fromEnvironment(env),
                Optional.of(httpPort), Map.of(), Clock.systemUTC());

        EndpointFile.write(endpoint.uri());
        CountDownLatch shutdown = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalLog.info("stopping: event sources, HTTP server, moto");
            EndpointFile.delete();
            runtime.close();
            moto.close();
            shutdown.countDown();
        }, "local-stack-shutdown"));
        printBanner(runtime, endpoint, resources);
        shutdown.await();
    }

    private static void printBanner(LocalRuntime runtime, AwsEndpoint endpoint, LocalResources resources) {
        String api = runtime.httpUri().toString();
        System.out.println();
        System.out.println("Eventline local stack is up (Ctrl-C stops it)");
        System.out.println("  HTTP API   " + api);
        System.out.println("  moto       " + endpoint.uri() + "   (export AWS_ENDPOINT_URL=" + endpoint.uri() + ")");
        System.out.println("  functions  " + String.join(", ", runtime.functions().all().keySet()));
        System.out.println("  tables     " + String.join(", ", resources.topology().tables().stream().map(t -> t.name()).toList()));
        System.out.println();
        System.out.println("Place an order:");
        System.out.println("  curl -si -X POST " + api + "/orders -H 'content-type: application/json' \\");
        System.out.println("    -d '{\"customerId\":\"c-1\",\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}'");
        System.out.println("then GET the Location it answers, e.g. curl -s " + api + "/orders/<orderId>");
        System.out.println();
    }
}

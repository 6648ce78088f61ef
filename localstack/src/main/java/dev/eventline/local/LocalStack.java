package dev.eventline.local;

import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalConsistencyKeys;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.local.emulator.Provisioner;
import dev.eventline.local.emulator.TemplateReader;
import dev.eventline.local.emulator.Topology;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * {@code make up}: moto, the resources of {@code localstack/template/*.template.json}, the stream
 * and queue event sources and the HTTP API on 127.0.0.1:3000, until Ctrl-C or SIGTERM.
 *
 * <p>Environment: {@code PORT} (HTTP, default 3000, 0 for any free port), {@code AWS_ENDPOINT_URL}
 * (an emulator already running, e.g. LocalStack or moto: the resources are recreated there and no
 * moto is started), {@code MOTO_PORT} (own moto's port, default: a free port),
 * {@code LOCAL_SQS_RETRY_SECONDS} (see {@link RuntimeSettings#fromEnvironment}),
 * {@code LOCAL_SNAPSHOT_STRATEGY=time} and {@code LOCAL_SNAPSHOT_SCHEDULE_SECONDS} (accounts snapshots on a
 * schedule instead of by the chaser, see {@link LocalSnapshotStrategy}).
 */
public final class LocalStack {
    private LocalStack() {}

    /**
     * A started stack. Closing it stops the event sources and the HTTP server, then its own moto;
     * an emulator named by {@code AWS_ENDPOINT_URL} is the user's and keeps running.
     */
    record Running(
            AwsEndpoint endpoint,
            Optional<MotoServer> ownMoto,
            LocalResources resources,
            LocalRuntime runtime,
            Optional<LocalPushGateway> push,
            Optional<LocalSchedule> snapshotSchedule)
            implements AutoCloseable {
        @Override
        public void close() {
            snapshotSchedule.ifPresent(LocalSchedule::close);
            runtime.close();
            push.ifPresent(LocalPushGateway::close);
            ownMoto.ifPresent(MotoServer::close);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Running stack;
        try {
            stack = start(System.getenv(), Clock.systemUTC());
        } catch (EmulatorUnreachableException e) {
            System.err.println("eventline: " + e.getMessage());
            System.exit(2);
            return;
        }
        EndpointFile.write(stack.endpoint().uri());
        CountDownLatch shutdown = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            LocalLog.info(
                                    stack.ownMoto().isPresent()
                                            ? "stopping: event sources, HTTP server, moto"
                                            : "stopping: event sources, HTTP server (the emulator at "
                                                    + stack.endpoint().uri() + " keeps running)");
                            EndpointFile.delete();
                            stack.close();
                            shutdown.countDown();
                        },
                        "local-stack-shutdown"));
        printBanner(stack);
        shutdown.await();
    }

    /** @throws EmulatorUnreachableException when {@code AWS_ENDPOINT_URL} names an endpoint that does not answer */
    static Running start(Map<String, String> env, Clock clock) {
        int httpPort = Integer.parseInt(env.getOrDefault("PORT", "3000"));
        Optional<URI> theirs = Optional.ofNullable(env.get("AWS_ENDPOINT_URL"))
                .filter(url -> !url.isBlank())
                .map(URI::create);
        Optional<MotoServer> ownMoto = theirs.isPresent()
                ? Optional.empty()
                : Optional.of(Optional.ofNullable(env.get("MOTO_PORT"))
                        .map(Integer::parseInt)
                        .map(MotoServer::start)
                        .orElseGet(MotoServer::start));
        try {
            Optional<Duration> snapshotSchedule = LocalSnapshotStrategy.timeBased(env);
            AwsEndpoint endpoint =
                    new AwsEndpoint(theirs.orElseGet(() -> ownMoto.orElseThrow().endpoint()));
            LocalResources provisioned = provision(endpoint, theirs.isPresent());
            LocalResources resources = snapshotSchedule
                    .map(every -> LocalSnapshotStrategy.withTimeBased(provisioned, every))
                    .orElse(provisioned);
            Optional<LocalPushGateway> push = LocalPush.start(resources.topology(), endpoint, clock);
            try {
                LocalRuntime runtime = LocalRuntime.start(
                        resources,
                        endpoint,
                        RuntimeSettings.fromEnvironment(env),
                        Optional.of(httpPort),
                        push.map(gateway -> LocalPush.projectorVariables(resources.topology(), gateway))
                                .orElse(Map.of()),
                        clock,
                        push.map(LocalPushGateway::webSocketUri));
                Optional<LocalSchedule> snapshots;
                try {
                    snapshots = snapshotSchedule.map(every -> LocalSchedule.start(
                            LocalSnapshotStrategy.ruleName(resources.topology()),
                            runtime.functions()
                                    .function(LocalSnapshotStrategy.scheduledFunctionName(resources.topology()))
                                    .orElseThrow(() -> new IllegalStateException(LocalSnapshotStrategy.STRATEGY_VARIABLE
                                            + "=time: the scheduled snapshots function did not start (see above)")),
                            every,
                            clock));
                } catch (RuntimeException e) {
                    runtime.close();
                    throw e;
                }
                return new Running(endpoint, ownMoto, resources, runtime, push, snapshots);
            } catch (RuntimeException e) {
                push.ifPresent(LocalPushGateway::close);
                throw e;
            }
        } catch (RuntimeException e) {
            ownMoto.ifPresent(MotoServer::close);
            throw e;
        }
    }

    /**
     * Creates the template's resources. In an emulator of the user's they may be left from an earlier
     * run, perhaps of older templates: they are deleted first, as the tests do between classes;
     * nothing else there is touched.
     */
    static LocalResources provision(AwsEndpoint endpoint, boolean theirs) {
        Topology topology = TemplateReader.read(ProjectLayout.templates());
        try (var dynamoDb = endpoint.dynamoDb();
                var sqs = endpoint.sqs();
                var eventBridge = endpoint.eventBridge();
                var kms = endpoint.kms();
                var ssm = endpoint.ssm()) {
            Provisioner provisioner = new Provisioner(dynamoDb, sqs, eventBridge, kms);
            if (theirs) {
                requireAnswers(dynamoDb, endpoint.uri());
                provisioner.teardown(topology);
            }
            LocalResources resources = provisioner.provision(topology);
            LocalConsistencyKeys.provision(ssm, topology);
            return resources;
        }
    }

    private static void requireAnswers(DynamoDbClient dynamoDb, URI uri) {
        try {
            dynamoDb.listTables(b -> b.limit(1));
        } catch (SdkException e) {
            throw new EmulatorUnreachableException(
                    "AWS_ENDPOINT_URL=" + uri + " does not answer DynamoDB (" + e.getMessage()
                            + "). Start that emulator, or unset AWS_ENDPOINT_URL and make up starts its own moto.",
                    e);
        }
    }

    /** {@code AWS_ENDPOINT_URL} names an emulator that is not there. */
    static final class EmulatorUnreachableException extends RuntimeException {
        EmulatorUnreachableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static void printBanner(Running stack) {
        String api = stack.runtime().httpUri().toString();
        URI emulator = stack.endpoint().uri();
        System.out.println();
        System.out.println("Eventline local stack is up (Ctrl-C stops it)");
        System.out.println("  HTTP API   " + api);
        System.out.println(
                stack.ownMoto().isPresent()
                        ? "  moto       " + emulator + "   (export AWS_ENDPOINT_URL=" + emulator + ")"
                        : "  emulator   " + emulator
                                + "   (AWS_ENDPOINT_URL: yours, not started or stopped by make up)");
        stack.push()
                .ifPresent(push -> System.out.println("  WebSocket  " + push.webSocketUri()
                        + "?token=$TOKEN   (push; @connections at " + push.connectionsEndpoint() + ")"));
        System.out.println("  functions  "
                + String.join(", ", stack.runtime().functions().all().keySet()));
        System.out.println("  tables     "
                + String.join(
                        ", ",
                        stack.resources().topology().tables().stream()
                                .map(t -> t.name())
                                .toList()));
        System.out.println();
        System.out.println("Place an order (every route needs a token of the local issuer, as behind API Gateway):");
        System.out.println(
                "  TOKEN=$(make -s token SUB=alice)    # staff: make -s token SUB=clerk-7 SCOPE=eventline/staff");
        System.out.println("  curl -si -X POST " + api + "/orders -H \"Authorization: Bearer $TOKEN\" \\");
        System.out.println("    -H 'content-type: application/json' \\");
        System.out.println(
                "    -d '{\"currency\":\"EUR\",\"items\":[{\"sku\":\"SKU-1\",\"quantity\":2,\"unitPrice\":1999}]}'");
        System.out.println("then GET the Location it answers, e.g. curl -s -H \"Authorization: Bearer $TOKEN\" " + api
                + "/orders/<orderId>");
        System.out.println();
    }
}

package dev.eventline.testsupport;

import dev.eventline.http.ConsistencyTokens;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.LocalConsistencyKeys;
import dev.eventline.local.emulator.LocalResources;
import dev.eventline.local.emulator.MotoServer;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.local.emulator.Provisioner;
import dev.eventline.local.emulator.TemplateReader;
import dev.eventline.local.emulator.Topology;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The emulated AWS a test class runs against, with the resources of the synthesized templates.
 * One emulator process serves the whole test run; every test class starts from empty resources.
 *
 * <p>Which emulator: {@code AWS_ENDPOINT_URL} when set (an already running moto or LocalStack),
 * LocalStack in a container when {@code -Deventline.emulator=localstack}, otherwise moto started
 * from the project's virtualenv on a free loopback port.
 */
public final class Emulator {
    private static Emulator shared;

    private final AwsEndpoint endpoint;
    private final Backend backend;
    private final Topology topology;
    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final EventBridgeClient eventBridge;
    private final DynamoDbStreamsClient streams;
    private final Provisioner provisioner;
    private LocalResources resources;

    /** How the emulator is reset between test classes. */
    interface Backend {
        void reset(Emulator emulator);
    }

    private Emulator(URI uri, Backend backend) {
        this.endpoint = new AwsEndpoint(uri);
        this.backend = backend;
        this.topology = TemplateReader.read(ProjectLayout.templates());
        this.dynamoDb = endpoint.dynamoDb();
        this.sqs = endpoint.sqs();
        this.eventBridge = endpoint.eventBridge();
        this.streams = endpoint.dynamoDbStreams();
        this.provisioner = new Provisioner(dynamoDb, sqs, eventBridge, endpoint.kms());
    }

    static synchronized Emulator shared() {
        if (shared == null) {
            shared = create();
        }
        return shared;
    }

    private static Emulator create() {
        String configured = System.getenv("AWS_ENDPOINT_URL");
        if (configured != null && !configured.isBlank()) {
            return new Emulator(URI.create(configured), Emulator::teardownAndProvision);
        }
        if (wantsLocalStack()) {
            return new Emulator(LocalStackContainers.start(), Emulator::teardownAndProvision);
        }
        MotoServer moto = MotoServer.start();
        return new Emulator(moto.endpoint(), emulator -> {
            moto.reset();
            emulator.provision();
        });
    }

    /** {@code -Deventline.emulator=localstack}, and no explicit endpoint that would take precedence. */
    static boolean wantsLocalStack() {
        String configured = System.getenv("AWS_ENDPOINT_URL");
        return (configured == null || configured.isBlank())
                && "localstack".equalsIgnoreCase(System.getProperty("eventline.emulator", ""));
    }

    /** Empties the emulator and creates the template's resources again. */
    void reset() {
        backend.reset(this);
    }

    private void provision() {
        resources = provisioner.provision(topology);
        try (SsmClient ssm = endpoint.ssm()) {
            LocalConsistencyKeys.provision(ssm, topology);
        }
    }

    private static void teardownAndProvision(Emulator emulator) {
        emulator.provisioner.teardown(emulator.topology);
        emulator.provision();
    }

    public AwsEndpoint endpoint() {
        return endpoint;
    }

    public LocalResources resources() {
        return resources;
    }

    public Topology topology() {
        return topology;
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public EventBridgeClient eventBridge() {
        return eventBridge;
    }

    public DynamoDbStreamsClient streams() {
        return streams;
    }

    /**
     * The environment Lambda gives this handler class (from the template), pointed at the emulator:
     * pass it to the handler's environment constructor.
     */
    public Map<String, String> environmentOf(Class<?> handlerClass) {
        return endpoint.lambdaEnvironment(resources.environmentOf(handlerClass));
    }

    /**
     * The consistency-token keys this handler class reads (the local key put by {@link
     * LocalConsistencyKeys}): for tests that need a token signed as the API would, e.g. for a
     * version not written yet.
     */
    public ConsistencyTokens consistencyTokens(Class<?> handlerClass) {
        String name = variable(handlerClass, LocalConsistencyKeys.VARIABLE);
        try (SsmClient ssm = endpoint.ssm()) {
            return ConsistencyTokens.fromSecretString(
                    ssm.getParameter(b -> b.name(name).withDecryption(true))
                            .parameter()
                            .value());
        }
    }

    /** The physical name of an environment variable of a handler, e.g. {@code EVENTS_TABLE}. */
    public String variable(Class<?> handlerClass, String name) {
        String value = resources.environmentOf(handlerClass).get(name);
        if (value == null) {
            throw new IllegalArgumentException(
                    handlerClass.getSimpleName() + " has no variable " + name + " in the templates");
        }
        return value;
    }
}

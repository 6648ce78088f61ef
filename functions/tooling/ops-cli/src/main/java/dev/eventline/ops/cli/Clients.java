package dev.eventline.ops.cli;

import dev.eventline.local.emulator.AwsEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * SDK clients for one {@link Target}, created when first asked for (a client costs hundreds of
 * milliseconds, and most commands need one or two) and closed with the command.
 */
public final class Clients implements AutoCloseable {
    private final Target target;
    private final List<AutoCloseable> open = new ArrayList<>();
    private DynamoDbClient dynamoDb;
    private DynamoDbStreamsClient dynamoDbStreams;
    private SqsClient sqs;
    private EventBridgeClient eventBridge;
    private LambdaClient lambda;
    private S3Client s3;
    private SfnClient sfn;
    private StsClient sts;

    public Clients(Target target) {
        this.target = target;
    }

    public Target target() {
        return target;
    }

    public synchronized DynamoDbClient dynamoDb() {
        if (dynamoDb == null) {
            dynamoDb = track(() -> configure(DynamoDbClient.builder()).build());
        }
        return dynamoDb;
    }

    public synchronized DynamoDbStreamsClient dynamoDbStreams() {
        if (dynamoDbStreams == null) {
            dynamoDbStreams =
                    track(() -> configure(DynamoDbStreamsClient.builder()).build());
        }
        return dynamoDbStreams;
    }

    public synchronized SqsClient sqs() {
        if (sqs == null) {
            sqs = track(() -> configure(SqsClient.builder()).build());
        }
        return sqs;
    }

    public synchronized EventBridgeClient eventBridge() {
        if (eventBridge == null) {
            eventBridge = track(() -> configure(EventBridgeClient.builder()).build());
        }
        return eventBridge;
    }

    public synchronized LambdaClient lambda() {
        if (lambda == null) {
            lambda = track(() -> configure(LambdaClient.builder()).build());
        }
        return lambda;
    }

    /** Path-style locally: moto serves buckets under its one endpoint, not as host names. */
    public synchronized S3Client s3() {
        if (s3 == null) {
            s3 = track(() -> configure(S3Client.builder())
                    .forcePathStyle(target instanceof Target.Local)
                    .build());
        }
        return s3;
    }

    public synchronized SfnClient sfn() {
        if (sfn == null) {
            sfn = track(() -> configure(SfnClient.builder()).build());
        }
        return sfn;
    }

    public synchronized StsClient sts() {
        if (sts == null) {
            sts = track(() -> configure(StsClient.builder()).build());
        }
        return sts;
    }

    /**
     * Locally: the emulator's endpoint, region and static credentials. On AWS: only the HTTP client
     * (the jar carries no other), so region and credentials come from the SDK's default chains.
     */
    public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.httpClientBuilder(UrlConnectionHttpClient.builder());
        return switch (target) {
            case Target.Local local -> {
                AwsEndpoint endpoint = new AwsEndpoint(local.uri());
                yield builder.endpointOverride(local.uri())
                        .region(endpoint.region())
                        .credentialsProvider(endpoint.credentials());
            }
            case Target.Aws aws -> builder;
        };
    }

    private <C extends AutoCloseable> C track(Supplier<C> create) {
        C client = create.get();
        open.add(client);
        return client;
    }

    @Override
    public synchronized void close() {
        for (AutoCloseable client : open) {
            try {
                client.close();
            } catch (Exception e) {
                // closing only releases connections and the answer is already out: say so, don't fail
                System.err.println("warning: closing an SDK client failed: " + e);
            }
        }
        open.clear();
    }
}

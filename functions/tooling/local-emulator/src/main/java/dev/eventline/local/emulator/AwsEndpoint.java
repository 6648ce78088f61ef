package dev.eventline.local.emulator;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/** An emulated AWS endpoint and SDK clients pointed at it (static test credentials, us-east-1). */
public record AwsEndpoint(URI uri, Region region) {
    public static final String ACCESS_KEY = "testing";

    public AwsEndpoint(URI uri) {
        this(uri, Region.US_EAST_1);
    }

    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, ACCESS_KEY));
    }

    public DynamoDbClient dynamoDb() {
        return DynamoDbClient.builder()
                .endpointOverride(uri)
                .region(region)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public DynamoDbStreamsClient dynamoDbStreams() {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(uri)
                .region(region)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public SqsClient sqs() {
        return SqsClient.builder()
                .endpointOverride(uri)
                .region(region)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public KmsClient kms() {
        return KmsClient.builder()
                .endpointOverride(uri)
                .region(region)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public EventBridgeClient eventBridge() {
        return EventBridgeClient.builder()
                .endpointOverride(uri)
                .region(region)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public SsmClient ssm() {
        return SsmClient.builder()
                .endpointOverride(uri)
                .region(region)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /**
     * The environment a Lambda function would see, pointed at this endpoint; parameters are read
     * through the local stand-in of the Parameters and Secrets extension (started on first use).
     */
    public java.util.Map<String, String> lambdaEnvironment(java.util.Map<String, String> functionEnvironment) {
        java.util.Map<String, String> env = new java.util.LinkedHashMap<>(functionEnvironment);
        env.put("AWS_ENDPOINT_URL", uri.toString());
        env.put(
                LocalParametersExtension.PORT_VARIABLE,
                Integer.toString(LocalParametersExtension.of(this).port()));
        env.put("AWS_REGION", region.id());
        env.put("AWS_ACCESS_KEY_ID", ACCESS_KEY);
        env.put("AWS_SECRET_ACCESS_KEY", ACCESS_KEY);
        return env;
    }
}

package dev.eventline.lambda;

import dev.eventline.lambda.observability.AwsSdkSpans;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Builds SDK clients once per container, configured for a fast cold start: explicit region and
 * credentials provider (no provider chain probing), the lightweight URL-connection HTTP client,
 * and an endpoint override only when {@code AWS_ENDPOINT_URL} is set (local emulator). Every call
 * made inside a traced span gets its own client span ({@link AwsSdkSpans}).
 */
public final class AwsClients {
    private static final SdkHttpClient HTTP = UrlConnectionHttpClient.create();
    private static final AwsSdkSpans SDK_SPANS = new AwsSdkSpans();

    private final LambdaEnvironment env;
    private final ExecutionInterceptor[] interceptors;

    public AwsClients(LambdaEnvironment env, ExecutionInterceptor... interceptors) {
        this.env = env;
        this.interceptors = interceptors.clone();
    }

    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).httpClient(HTTP).build();
    }

    public SqsClient sqs() {
        return configure(SqsClient.builder()).httpClient(HTTP).build();
    }

    public EventBridgeClient eventBridge() {
        return configure(EventBridgeClient.builder()).httpClient(HTTP).build();
    }

    /**
     * Any other client, configured the same way; the module that needs it brings its SDK artifact,
     * so functions that never call KMS (say) do not carry it.
     */
    public <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder) {
        return configure(builder).httpClient(HTTP).build();
    }

    /**
     * The {@code @connections} API of one WebSocket stage. Its endpoint is always explicit (the
     * stage's {@code https://<api>.execute-api.<region>.amazonaws.com/<stage>}, or the local
     * runtime's server), never {@code AWS_ENDPOINT_URL}: moto does not serve a WebSocket stage.
     */
    public ApiGatewayManagementApiClient apiGatewayManagement(URI endpoint) {
        return configure(ApiGatewayManagementApiClient.builder())
                .httpClient(HTTP)
                .endpointOverride(endpoint)
                .build();
    }

    private <B extends AwsClientBuilder<B, ?>> B configure(B builder) {
        builder.region(Region.of(env.optional("AWS_REGION").orElse("us-east-1")));
        builder.credentialsProvider(credentials());
        env.optional("AWS_ENDPOINT_URL").ifPresent(url -> builder.endpointOverride(URI.create(url)));
        ClientOverrideConfiguration.Builder override =
                ClientOverrideConfiguration.builder().addExecutionInterceptor(SDK_SPANS);
        for (ExecutionInterceptor interceptor : interceptors) {
            override.addExecutionInterceptor(interceptor);
        }
        builder.overrideConfiguration(override.build());
        return builder;
    }

    private AwsCredentialsProvider credentials() {
        if (env.optional("AWS_ACCESS_KEY_ID").isPresent()
                && env.optional("AWS_SECRET_ACCESS_KEY").isPresent()
                && env.optional("AWS_SESSION_TOKEN").isEmpty()) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(env.require("AWS_ACCESS_KEY_ID"), env.require("AWS_SECRET_ACCESS_KEY")));
        }
        return EnvironmentVariableCredentialsProvider.create(); // Lambda's role credentials
    }
}

package dev.eventline.streams.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.lambda.AwsClients;
import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.StructuredLogger;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * Server push: tells the WebSocket connections subscribed to a stream (or to its customer) that a
 * read model now holds a version, through the {@code @connections} API.
 *
 * <p>Called by a projector only after its read model write committed, so a message never announces
 * a state a re-read would not find. Push is best effort: a failed post or lookup is logged and
 * counted ({@code PushFailed}), never thrown, because the read model is already right and failing
 * the projection would re-apply it for nothing; a client that missed a message re-reads on
 * reconnect. A connection that is gone (410) has its subscriptions deleted ({@code PushGone}).
 *
 * <p>Environment: {@code PUSH_CONNECTIONS_TABLE} and {@code PUSH_ENDPOINT} (the stage's
 * {@code https://<api>.execute-api.<region>.amazonaws.com/<stage>}, or the local runtime's
 * {@code http://127.0.0.1:<port>}); without both, push is off and says so once at start.
 */
public final class PushNotifier {
    /** The message, fixed by docs/read-side.md (the console reads it). */
    public record Notification(String streamId, long version, String type, String readModel) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PushNotifier OFF = new PushNotifier(null, null, null, null);

    private final Subscriptions subscriptions;
    private final ApiGatewayManagementApiClient connections;
    private final EmfMetrics metrics;
    private final StructuredLogger log;

    public PushNotifier(
            Subscriptions subscriptions,
            ApiGatewayManagementApiClient connections,
            EmfMetrics metrics,
            StructuredLogger log) {
        this.subscriptions = subscriptions;
        this.connections = connections;
        this.metrics = metrics;
        this.log = log;
    }

    public static PushNotifier off() {
        return OFF;
    }

    public static PushNotifier fromEnvironment(
            LambdaEnvironment env, AwsClients clients, Clock clock, EmfMetrics metrics, StructuredLogger log) {
        var table = env.optional("PUSH_CONNECTIONS_TABLE");
        var endpoint = env.optional("PUSH_ENDPOINT");
        if (table.isEmpty() || endpoint.isEmpty()) {
            log.info("server push off: PUSH_CONNECTIONS_TABLE or PUSH_ENDPOINT not set");
            return OFF;
        }
        return new PushNotifier(
                new Subscriptions(clients.dynamoDb(), table.get(), clock),
                clients.apiGatewayManagement(URI.create(endpoint.get())),
                metrics,
                log);
    }

    public boolean enabled() {
        return subscriptions != null;
    }

    /** One message to every live connection subscribed to any of {@code keys}, each connection once. */
    public void announce(Notification notification, Collection<String> keys) {
        if (!enabled()) {
            return;
        }
        Set<String> targets = new LinkedHashSet<>();
        try {
            for (String key : keys) {
                targets.addAll(subscriptions.connectionsOf(key));
            }
        } catch (RuntimeException lookupFailure) {
            failed(notification, null, lookupFailure);
            return;
        }
        if (targets.isEmpty()) {
            return;
        }
        SdkBytes body = SdkBytes.fromUtf8String(json(notification));
        for (String connectionId : targets) {
            post(notification, connectionId, body);
        }
    }

    private void post(Notification notification, String connectionId, SdkBytes body) {
        try {
            connections.postToConnection(b -> b.connectionId(connectionId).data(body));
            metrics.count("PushSent", 1);
        } catch (GoneException gone) {
            metrics.count("PushGone", 1);
            try {
                subscriptions.forget(connectionId);
            } catch (RuntimeException cleanupFailure) {
                // the TTL forgets the items within 2 hours; until then posts to it are 410s again
                failed(notification, connectionId, cleanupFailure);
            }
        } catch (RuntimeException postFailure) {
            failed(notification, connectionId, postFailure);
        }
    }

    private void failed(Notification notification, String connectionId, RuntimeException error) {
        metrics.count("PushFailed", 1);
        log.log(
                StructuredLogger.Level.WARN,
                "push failed (best effort: the read model is committed, the client re-reads on reconnect)",
                error,
                connectionId == null
                        ? Map.of("streamId", notification.streamId(), "version", notification.version())
                        : Map.of(
                                "streamId",
                                notification.streamId(),
                                "version",
                                notification.version(),
                                "connectionId",
                                connectionId));
    }

    static String json(Notification notification) {
        try {
            return JSON.writeValueAsString(notification);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

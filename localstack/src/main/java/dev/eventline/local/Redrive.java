package dev.eventline.local;

import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.local.emulator.TemplateReader;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code make redrive QUEUE=<dead-letter queue>}: reprocesses a stream function's dead-letter
 * queue against the running local stack (found through {@link EndpointFile}), or against the
 * endpoint in {@code AWS_ENDPOINT_URL}. The function
 * is the one whose event source mapping names the queue as its on-failure destination, or whose
 * {@code DEAD_LETTER_QUEUE} it is; {@code --function NAME} picks one explicitly. The dead-letter
 * queue of an SQS queue (its redrive policy) is moved back to that queue instead.
 *
 * <p>Usage: {@code Redrive <queue-name> [--function <function-name>]}. Exit code 0 when every
 * message was redriven, 1 when some are left in the queue (still failing, or no longer retained).
 */
public final class Redrive {
    private Redrive() {}

    public static void main(String[] args) {
        if (args.length != 1 && !(args.length == 3 && args[1].equals("--function"))) {
            System.err.println("usage: Redrive <queue-name> [--function <function-name>]");
            System.exit(2);
        }
        String queue = args[0];
        Optional<URI> endpointUri = EndpointFile.resolve();
        if (endpointUri.isEmpty()) {
            System.err.println("no local stack is running (make up), and AWS_ENDPOINT_URL is not set");
            System.exit(2);
        }
        AwsEndpoint endpoint = new AwsEndpoint(endpointUri.get());
        Topology topology = TemplateReader.read(ProjectLayout.templates());
        Optional<String> sourceQueue = sourceQueueOf(topology, queue);
        if (args.length == 1 && sourceQueue.isPresent()) {
            // a queue's own dead-letter queue: its messages go back to the queue, as StartMessageMoveTask would
            try (var sqs = endpoint.sqs()) {
                RedriveReport report = new MessageMover(sqs)
                        .move(
                                sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl(),
                                sqs.getQueueUrl(b -> b.queueName(sourceQueue.get()))
                                        .queueUrl());
                System.out.println(queue + " -> " + sourceQueue.get() + ": " + report);
                System.exit(0);
            }
        }
        String functionName = args.length == 3
                ? args[2]
                : targetOf(topology, queue).orElseGet(() -> {
                    System.err.println(
                            "no stream function has " + queue + " as its dead-letter queue; pass --function");
                    System.exit(2);
                    return null;
                });
        FunctionSpec spec = topology.function(functionName)
                .orElseThrow(() -> new IllegalArgumentException("no function " + functionName + " in the templates"));
        Topology onlyTarget = new Topology(List.of(), List.of(), List.of(), List.of(), List.of(spec), List.of());
        LocalFunction function = LocalFunctions.create(onlyTarget, endpoint, Map.of(), Clock.systemUTC())
                .function(functionName)
                .orElseThrow(() -> new IllegalStateException(functionName + " could not be started here"));
        try (var sqs = endpoint.sqs();
                var streams = endpoint.dynamoDbStreams()) {
            String queueUrl = sqs.getQueueUrl(b -> b.queueName(queue)).queueUrl();
            RedriveReport report = new Redriver(sqs, streams).redrive(queueUrl, function);
            System.out.println(queue + " -> " + functionName + ": " + report);
            System.exit(report.allRedriven() ? 0 : 1);
        }
    }

    /** The queue whose redrive policy names {@code queue} as its dead-letter queue. */
    static Optional<String> sourceQueueOf(Topology topology, String queue) {
        return topology.queues().stream()
                .filter(q -> q.redrive()
                        .filter(r -> r.deadLetterQueueName().equals(queue))
                        .isPresent())
                .map(q -> q.name())
                .findFirst();
    }

    /** The function whose mapping sends failures to {@code queue}, or that parks records there itself. */
    static Optional<String> targetOf(Topology topology, String queue) {
        return topology.mappings().stream()
                .filter(m -> m.onFailureQueue().filter(queue::equals).isPresent())
                .map(m -> m.functionName())
                .findFirst()
                .or(() -> topology.functions().stream()
                        .filter(f -> queue.equals(f.environment().get("DEAD_LETTER_QUEUE")))
                        .map(FunctionSpec::functionName)
                        .findFirst());
    }
}

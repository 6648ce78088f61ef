package dev.eventline.ops.cli;

import dev.eventline.local.LocalFunction;
import dev.eventline.local.LocalFunctions;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.local.emulator.TemplateReader;
import dev.eventline.local.emulator.Topology;
import dev.eventline.operations.DeadLetterViews.MessageView;
import dev.eventline.operations.DeadLetterViews.QueueView;
import dev.eventline.operations.DeadLetterViews.RedriveResult;
import dev.eventline.operations.DeadLetterViews.Result;
import dev.eventline.operations.DeadLetters;
import dev.eventline.operations.LambdaRedriveTarget;
import dev.eventline.operations.RedriveTarget;
import dev.eventline.operations.Resources;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eventline dlq list | show <queue> | redrive <queue>}. */
@Command(
        name = "dlq",
        description = "Dead-letter queues: what they hold, and redrive.",
        subcommands = {DlqCommand.ListQueues.class, DlqCommand.Show.class, DlqCommand.Redrive.class})
final class DlqCommand {

    static DeadLetters deadLetters(Ops ops) {
        return new DeadLetters(ops.clients().sqs(), ops.clients().dynamoDb(), ops.resources());
    }

    @Command(
            name = "list",
            description = "Every dead-letter queue and how many messages it holds. Exit 1 when any holds one.")
    static final class ListQueues implements Callable<Integer> {
        private final Ops ops;

        @Spec
        CommandSpec spec;

        ListQueues(Ops ops) {
            this.ops = ops;
        }

        @Override
        public Integer call() {
            List<QueueView> queues = deadLetters(ops).list();
            ops.print(spec.commandLine().getOut(), queues, DlqCommand::humanQueues);
            return queues.stream().anyMatch(q -> q.messages() + q.inFlight() > 0) ? ExitCodes.ATTENTION : ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "The messages of a dead-letter queue, read without removing them.")
    static final class Show implements Callable<Integer> {
        private final Ops ops;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "QUEUE", description = "The queue's name, e.g. eventline-dev-ordering-projector-dlq")
        String queue;

        @Option(names = "--max", paramLabel = "N", description = "Messages shown at most (default ${DEFAULT-VALUE}).")
        int max = 20;

        Show(Ops ops) {
            this.ops = ops;
        }

        @Override
        public Integer call() {
            List<MessageView> messages = deadLetters(ops).show(queue, max);
            ops.print(spec.commandLine().getOut(), messages, DlqCommand::humanMessages);
            return messages.isEmpty() ? ExitCodes.OK : ExitCodes.ATTENTION;
        }
    }

    @Command(
            name = "redrive",
            description = {
                "Reprocess a dead-letter queue. A stream consumer's messages are redriven by stream and version from",
                "the events table (any age), through the consumer: in process against the local stack, by invoking",
                "its Lambda function on AWS. A queue's own dead-letter queue is moved back to the queue.",
                "Each message is deleted only after it succeeded. Exit 1 when messages are left."
            })
    static final class Redrive implements Callable<Integer> {
        private final Ops ops;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "QUEUE", description = "The dead-letter queue's name.")
        String queue;

        Redrive(Ops ops) {
            this.ops = ops;
        }

        @Override
        public Integer call() {
            Resources resources = ops.resources();
            Optional<RedriveTarget> target = resources.consumerOfQueue(queue).map(c -> target(ops, resources, c));
            RedriveResult result;
            try (Progress progress = ops.progress("redriving " + queue, -1)) {
                result = deadLetters(ops).redrive(queue, target, m -> {
                    progress.step(1);
                    progress.note(m.result().name().toLowerCase(java.util.Locale.ROOT));
                });
            }
            ops.print(spec.commandLine().getOut(), result, DlqCommand::humanRedrive);
            return result.allRedriven() ? ExitCodes.OK : ExitCodes.ATTENTION;
        }
    }

    /** The consumer itself: its handler in this process locally, its function on AWS. */
    static RedriveTarget target(Ops ops, Resources resources, Resources.Consumer consumer) {
        return switch (ops.target()) {
            case Target.Local local -> {
                Topology topology = TemplateReader.read(ProjectLayout.templates());
                Topology.FunctionSpec spec = topology.function(consumer.function())
                        .orElseThrow(() -> new OperationException(
                                ExitCodes.NOT_FOUND, "no function " + consumer.function() + " in the local templates"));
                Topology only = new Topology(List.of(), List.of(), List.of(), List.of(), List.of(spec), List.of());
                LocalFunction function = LocalFunctions.create(
                                only, new AwsEndpoint(local.uri()), Map.of(), ops.clock())
                        .function(consumer.function())
                        .orElseThrow(() -> new OperationException(
                                ExitCodes.FAILED, consumer.function() + " cannot be started in this process"));
                yield RedriveTarget.inProcess(
                        function.name(),
                        function.redrive()
                                .orElseThrow(() -> new OperationException(
                                        ExitCodes.FAILED,
                                        function.name() + " does not redrive by stream and version")));
            }
            case Target.Aws aws ->
                LambdaRedriveTarget.of(ops.clients().lambda(), ops.clients().dynamoDb(), resources, consumer);
        };
    }

    static String humanQueues(List<QueueView> queues) {
        StringBuilder out =
                new StringBuilder(String.format("%-44s %8s %9s  %s%n", "queue", "messages", "in flight", "of"));
        for (QueueView q : queues) {
            out.append(String.format(
                    "%-44s %8d %9d  %s%n", q.queue(), q.messages(), q.inFlight(), q.feeds() == null ? "" : q.feeds()));
        }
        return out.toString();
    }

    static String humanMessages(List<MessageView> messages) {
        if (messages.isEmpty()) {
            return "no message\n";
        }
        StringBuilder out = new StringBuilder();
        for (MessageView m : messages) {
            out.append(m.messageId())
                    .append("  sent ")
                    .append(m.sentAt())
                    .append("  received ")
                    .append(m.receiveCount())
                    .append("x  ")
                    .append(m.kind())
                    .append("\n  ")
                    .append(m.summary())
                    .append('\n');
        }
        return out.toString();
    }

    static String humanRedrive(RedriveResult r) {
        StringBuilder out = new StringBuilder();
        r.messages().forEach(m -> out.append(String.format("%-15s %s  %s%n", m.result(), m.messageId(), m.detail())));
        out.append(r.queue())
                .append(" -> ")
                .append(r.target())
                .append(": ")
                .append(r.count(Result.REDRIVEN))
                .append(" redriven, ")
                .append(r.count(Result.FAILED))
                .append(" still failing, ")
                .append(r.count(Result.NOT_REDRIVABLE))
                .append(" not redrivable\n");
        return out.toString();
    }
}

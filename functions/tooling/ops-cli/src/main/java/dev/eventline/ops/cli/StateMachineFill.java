package dev.eventline.ops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.ordering.rebuild.ExportRebuildDriver;
import dev.eventline.ordering.rebuild.GenerationFill;
import dev.eventline.ordering.rebuild.OrderReadModelRebuild;
import dev.eventline.ordering.rebuild.Progress;
import dev.eventline.ordering.rebuild.RebuildOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.MapRunItemCounts;
import software.amazon.awssdk.services.sfn.model.MapRunListItem;

/**
 * The distributed fill on AWS: the events table exported to the stack's export bucket, then the
 * state machine {@code eventline-<env>-ordering-rebuild} (a Distributed Map, one worker per data file)
 * started with the export's data prefix and the target generation, and waited for. Resumable: the
 * export and the execution are recorded in the rebuild's checkpoint, so running the command again
 * waits for the same ones; an execution that failed, timed out or was aborted is forgotten (running
 * again starts a new one over the same export), and nothing is switched.
 *
 * <p>Progress: the export's status, then the Map run's item counts ({@code ListMapRuns},
 * {@code DescribeMapRun}: files succeeded of the total). The workers' results are discarded by the
 * state machine (256 KB state limit), so the outcome counts files, not streams.
 */
final class StateMachineFill implements GenerationFill {
    static final String EXECUTION_ARN = "execution.arn";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExportRebuildDriver exports;
    private final SfnClient sfn;
    private final String bucket;
    private final String stateMachineArn;
    private final Duration timeout;
    private final Duration poll;
    private final Clock clock;
    private final OrderReadModelRebuild.Sleeper sleeper;
    private final Consumer<String> status;
    private Result result;

    /** What the last fill did, for the command's answer. */
    record Result(String exportArn, String executionArn, long files) {}

    StateMachineFill(
            ExportRebuildDriver exports,
            SfnClient sfn,
            String bucket,
            String stateMachineArn,
            Duration timeout,
            Duration poll,
            Clock clock,
            OrderReadModelRebuild.Sleeper sleeper,
            Consumer<String> status) {
        this.exports = exports;
        this.sfn = sfn;
        this.bucket = bucket;
        this.stateMachineArn = stateMachineArn;
        this.timeout = timeout;
        this.poll = poll;
        this.clock = clock;
        this.sleeper = sleeper;
        this.status = status;
    }

    Optional<Result> result() {
        return Optional.ofNullable(result);
    }

    @Override
    public RebuildOutcome fill(Job job, Progress.Listener progress) throws InterruptedException {
        Instant started = clock.instant();
        Instant deadline = started.plus(timeout);
        ExportRebuildDriver.Export export = exports.startOrResume(bucket, job.state());
        exports.await(export, timeout, job.state(), d -> status.accept("export " + d.exportStatusAsString()));
        Optional<String> dataPrefix = exports.dataPrefix(export);
        if (dataPrefix.isEmpty()) {
            // an empty events table exports no data file: nothing to fold, the state machine is not needed
            result = new Result(export.arn(), null, 0);
            return new RebuildOutcome(job.generation(), 0, 0, List.of(), 0, Duration.between(started, clock.instant()));
        }
        String executionArn = job.state().get(EXECUTION_ARN).orElseGet(() -> start(job, dataPrefix.get()));
        long files = 0;
        while (true) {
            DescribeExecutionResponse execution = sfn.describeExecution(r -> r.executionArn(executionArn));
            Optional<MapRunItemCounts> counts = mapRunCounts(executionArn);
            if (counts.isPresent()) {
                files = counts.get().total();
                progress.onProgress(new Progress(
                        counts.get().succeeded(), counts.get().total(), 0, Duration.between(started, clock.instant())));
            }
            status.accept("execution " + execution.statusAsString()
                    + counts.map(c -> ", " + c.failed() + " files failed").orElse(""));
            if (execution.status() == ExecutionStatus.SUCCEEDED) {
                break;
            }
            if (execution.status() != ExecutionStatus.RUNNING
                    && execution.status() != ExecutionStatus.PENDING_REDRIVE) {
                job.state().remove(EXECUTION_ARN);
                throw new Incomplete(
                        "execution " + executionArn + " " + execution.statusAsString() + ": " + execution.error() + " "
                                + execution.cause() + "; nothing was switched, running the rebuild again starts a"
                                + " new execution over the same export (" + export.arn() + ")",
                        false);
            }
            if (clock.instant().isAfter(deadline)) {
                throw new Incomplete(
                        "execution " + executionArn + " still running after " + timeout
                                + "; run the rebuild again to keep waiting for it",
                        true);
            }
            sleeper.sleep(poll);
        }
        result = new Result(export.arn(), executionArn, files);
        return new RebuildOutcome(job.generation(), 0, 0, List.of(), 0, Duration.between(started, clock.instant()));
    }

    private String start(Job job, String dataPrefix) {
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("dataPrefix", dataPrefix);
        input.put("targetGeneration", job.generation());
        String json;
        try {
            json = JSON.writeValueAsString(input);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the execution input", e);
        }
        // named by generation, so the console's list of executions says which rebuild each was
        String name = "rebuild-g" + job.generation() + "-" + clock.instant().toEpochMilli();
        String arn = sfn.startExecution(
                        r -> r.stateMachineArn(stateMachineArn).name(name).input(json))
                .executionArn();
        job.state().put(EXECUTION_ARN, arn);
        return arn;
    }

    /**
     * The Distributed Map's item counts; empty before the map starts. Only progress: an API that
     * answers nothing usable (moto 5.2 answers ListMapRuns with a bare list) shows as no counts,
     * the execution's status still decides.
     */
    private Optional<MapRunItemCounts> mapRunCounts(String executionArn) {
        try {
            List<MapRunListItem> runs =
                    sfn.listMapRuns(r -> r.executionArn(executionArn)).mapRuns();
            if (runs.isEmpty()) {
                return Optional.empty();
            }
            String mapRunArn = runs.getFirst().mapRunArn();
            return Optional.ofNullable(
                    sfn.describeMapRun(r -> r.mapRunArn(mapRunArn)).itemCounts());
        } catch (SdkException unavailable) {
            status.accept("map run counts unavailable: " + unavailable.getMessage());
            return Optional.empty();
        }
    }
}

package dev.eventline.ordering.rebuild;

import dev.eventline.ordering.readmodel.ReadModelTables;
import java.util.Optional;

/**
 * How a blue-green rebuild fills the new generation, between announcing it (from then on the
 * projector writes it too) and switching readers to it: the one blue-green flow of
 * {@link OrderReadModelRebuild#blueGreen(GenerationFill, Progress.Listener)} with a pluggable fill.
 * Built: the log scan on this machine ({@link OrderReadModelRebuild#logScan()}), the export to S3 with
 * the local driver ({@link LocalExportFill}), and the export with the state machine on AWS (in the CLI).
 *
 * <p>A fill either returns the outcome of a complete fill or throws: the pointer is switched only after
 * it returned. It is resumable through {@link Job#state()}, the rebuild's checkpoint file: what it
 * records there (an export, an execution) it finds again when the same rebuild is run again.
 */
@FunctionalInterface
public interface GenerationFill {

    RebuildOutcome fill(Job job, Progress.Listener progress) throws InterruptedException;

    /** What a fill may record in the rebuild's checkpoint, kept across runs until the rebuild completes. */
    interface State {
        Optional<String> get(String key);

        void put(String key, String value);

        void remove(String key);
    }

    /**
     * @param generation the generation being built
     * @param target     its tables
     * @param state      the rebuild's checkpoint
     */
    final class Job {
        private final long generation;
        private final ReadModelTables target;
        private final ScanCheckpoint checkpoint;

        Job(long generation, ReadModelTables target, ScanCheckpoint checkpoint) {
            this.generation = generation;
            this.target = target;
            this.checkpoint = checkpoint;
        }

        public long generation() {
            return generation;
        }

        public ReadModelTables target() {
            return target;
        }

        public State state() {
            return checkpoint;
        }

        ScanCheckpoint checkpoint() {
            return checkpoint;
        }
    }

    /**
     * The fill did not complete: an export or an execution failed or was stopped, or is still running
     * when the caller stopped waiting. Nothing was switched. {@link #stillRunning()}: running the
     * rebuild again waits for the same step; otherwise the failed step was forgotten, and running again
     * starts it over from the steps before it that succeeded.
     */
    final class Incomplete extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final boolean stillRunning;

        public Incomplete(String message, boolean stillRunning) {
            super(message);
            this.stillRunning = stillRunning;
        }

        public boolean stillRunning() {
            return stillRunning;
        }
    }
}

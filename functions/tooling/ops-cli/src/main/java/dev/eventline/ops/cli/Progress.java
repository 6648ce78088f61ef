package dev.eventline.ops.cli;

import java.time.Duration;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress of a long operation (a rebuild, a redrive, a replay): a bar on stderr with the rate and the
 * ETA, drawn by me.tongfei:progressbar, so stdout carries only the answer. A resumed operation starts
 * the bar at what was already done, and the rate counts only this run's work.
 */
public sealed interface Progress extends AutoCloseable {

    /** {@code n} more units done. */
    void step(long n);

    /** The total grew or became known (a scan finds more than it estimated). */
    void total(long total);

    /** A short note after the bar, e.g. the stream being worked on. */
    void note(String note);

    @Override
    void close();

    static Progress bar(String task, long total, long alreadyDone) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .showSpeed()
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .continuousUpdate();
        if (alreadyDone > 0) {
            builder.startsFrom(alreadyDone, Duration.ZERO);
        }
        return new Bar(builder.build());
    }

    static Progress silent() {
        return new Silent();
    }

    record Bar(ProgressBar bar) implements Progress {
        @Override
        public void step(long n) {
            bar.stepBy(n);
        }

        @Override
        public void total(long total) {
            bar.maxHint(total);
        }

        @Override
        public void note(String note) {
            bar.setExtraMessage(note);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    record Silent() implements Progress {
        @Override
        public void step(long n) {}

        @Override
        public void total(long total) {}

        @Override
        public void note(String note) {}

        @Override
        public void close() {}
    }
}

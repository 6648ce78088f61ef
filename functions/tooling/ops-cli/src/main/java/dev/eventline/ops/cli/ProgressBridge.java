package dev.eventline.ops.cli;

/**
 * Turns the rebuild's absolute progress (streams done of an estimated total) into steps of the
 * CLI's bar; the estimate grows when the scan finds more streams than DescribeTable's count said.
 */
final class ProgressBridge implements dev.eventline.ordering.rebuild.Progress.Listener {
    private final Progress bar;
    private long shown;

    ProgressBridge(Progress bar) {
        this.bar = bar;
    }

    @Override
    public void onProgress(dev.eventline.ordering.rebuild.Progress progress) {
        if (progress.streamsTotal() > 0) {
            bar.total(Math.max(progress.streamsTotal(), progress.streamsDone()));
        }
        if (progress.streamsDone() > shown) {
            bar.step(progress.streamsDone() - shown);
            shown = progress.streamsDone();
        }
        bar.note(String.format("%.0f events/s", progress.eventsPerSecond()));
    }
}

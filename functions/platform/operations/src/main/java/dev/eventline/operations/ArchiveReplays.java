package dev.eventline.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.DescribeReplayResponse;
import software.amazon.awssdk.services.eventbridge.model.ReplayState;
import software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException;

/**
 * {@code archive replay}: EventBridge's StartReplay from the bus's archive back onto the bus, for a
 * subscriber that lost events (its queue purged, a bug that dropped them). Replayed events go to the
 * bus's rules (all, or those named), carry a {@code replay-name} field and their original {@code id}
 * is replaced; they come in no particular order, and subscribers already deduplicate on the CloudEvents
 * id in {@code detail} (the publisher's event id), so a replay over events already handled is harmless.
 */
public final class ArchiveReplays {
    /** EventBridge keeps replay names unique per account and region, 1-64 characters. */
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");

    private final EventBridgeClient eventBridge;
    private final Resources resources;
    private final Clock clock;

    public ArchiveReplays(EventBridgeClient eventBridge, Resources resources, Clock clock) {
        this.eventBridge = eventBridge;
        this.resources = resources;
        this.clock = clock;
    }

    /**
     * A replay's state.
     *
     * @param state        STARTING, RUNNING, COMPLETED, CANCELLING, CANCELLED or FAILED
     * @param reason       why it failed or was cancelled (null otherwise)
     * @param lastReplayed the time of the last event replayed so far (null: none yet)
     */
    public record ReplayView(
            String name,
            String archive,
            String state,
            String reason,
            Instant from,
            Instant to,
            Instant lastReplayed,
            Instant startedAt,
            Instant endedAt) {

        public boolean finished() {
            return switch (state) {
                case "COMPLETED", "CANCELLED", "FAILED" -> true;
                default -> false;
            };
        }
    }

    /**
     * Starts replaying the events the archive received between {@code from} and {@code to}.
     *
     * @param name  the replay's name; by default {@code <archive>-<epoch seconds>}
     * @param rules ARNs of the rules to deliver to; empty for every rule of the bus
     * @throws IllegalArgumentException when the window is empty or reaches into the future
     */
    public ReplayView start(Instant from, Instant to, java.util.Optional<String> name, List<String> rules) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--from must be before --to, was " + from + " .. " + to);
        }
        if (to.isAfter(clock.instant())) {
            throw new IllegalArgumentException(
                    "--to " + to + " is in the future: EventBridge replays archived events only");
        }
        String replayName =
                name.orElse(resources.eventArchive() + "-" + clock.instant().getEpochSecond());
        if (!NAME.matcher(replayName).matches()) {
            throw new IllegalArgumentException("a replay name is 1-64 characters of [.-_A-Za-z0-9], was " + replayName);
        }
        String archiveArn;
        String busArn;
        try {
            archiveArn = eventBridge
                    .describeArchive(b -> b.archiveName(resources.eventArchive()))
                    .archiveArn();
            busArn = eventBridge
                    .describeEventBus(b -> b.name(resources.eventBus()))
                    .arn();
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException("no archive " + resources.eventArchive() + " on bus " + resources.eventBus());
        }
        eventBridge.startReplay(b -> b.replayName(replayName)
                .description("eventline archive replay " + from + " .. " + to)
                .eventSourceArn(archiveArn)
                .eventStartTime(from)
                .eventEndTime(to)
                .destination(d -> {
                    d.arn(busArn);
                    if (!rules.isEmpty()) {
                        d.filterArns(rules);
                    }
                }));
        return describe(replayName);
    }

    public ReplayView describe(String name) {
        DescribeReplayResponse r;
        try {
            r = eventBridge.describeReplay(b -> b.replayName(name));
        } catch (ResourceNotFoundException e) {
            throw new NotFoundException("no replay " + name);
        }
        return new ReplayView(
                r.replayName(),
                r.eventSourceArn(),
                r.state() == null ? ReplayState.UNKNOWN_TO_SDK_VERSION.toString() : r.stateAsString(),
                r.stateReason(),
                r.eventStartTime(),
                r.eventEndTime(),
                r.eventLastReplayedTime(),
                r.replayStartTime(),
                r.replayEndTime());
    }

    /**
     * Polls until the replay finished or {@code timeout} passed, telling {@code progress} of each state.
     *
     * @return the last state seen (not finished when the timeout passed: the replay goes on)
     */
    public ReplayView await(String name, Duration timeout, Duration every, Consumer<ReplayView> progress)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        ReplayView view = describe(name);
        progress.accept(view);
        while (!view.finished() && clock.instant().isBefore(deadline)) {
            Thread.sleep(every.toMillis());
            view = describe(name);
            progress.accept(view);
        }
        return view;
    }
}

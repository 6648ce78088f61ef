package dev.eventline.infrastructure.constructs;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.ArchiveProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventBusProps;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.kms.IKey;
import software.constructs.Construct;

/**
 * The custom bus every context publishes its public events to, with an archive of everything
 * published from this account (for replays into new subscribers).
 */
public final class PlatformEventBus extends Construct {

    private final EventBus bus;
    private final Archive archive;

    public PlatformEventBus(Construct scope, String id, Props props) {
        super(scope, id);
        this.bus = new EventBus(
                this,
                "Bus",
                EventBusProps.builder()
                        .eventBusName(props.busName())
                        .description("Eventline integration events between bounded contexts")
                        .build());
        // EventBus.archive(...) would drop the key: the Archive is built directly, at the same place in the tree
        this.archive = new Archive(
                bus,
                "Archive",
                ArchiveProps.builder()
                        .sourceEventBus(bus)
                        .archiveName(props.archiveName())
                        .description("Every event published on " + props.busName() + ", for replay")
                        .eventPattern(EventPattern.builder()
                                .account(List.of(Stack.of(this).getAccount()))
                                .build())
                        .retention(software.amazon.awscdk.Duration.days(
                                props.archiveRetention().toDays()))
                        .kmsKey(props.archiveKey())
                        .build());
    }

    public IEventBus bus() {
        return bus;
    }

    public Archive archive() {
        return archive;
    }

    /**
     * @param busName          physical bus name (required)
     * @param archiveName      physical archive name (required)
     * @param archiveRetention whole days, at least one (required)
     * @param archiveKey       customer-managed key of the archive; default none (AWS-owned key)
     */
    public record Props(String busName, String archiveName, Duration archiveRetention, IKey archiveKey) {
        public Props {
            Objects.requireNonNull(busName, "busName");
            Objects.requireNonNull(archiveName, "archiveName");
            Objects.requireNonNull(archiveRetention, "archiveRetention");
            if (archiveRetention.toDays() < 1 || !archiveRetention.equals(Duration.ofDays(archiveRetention.toDays()))) {
                throw new IllegalArgumentException("archiveRetention must be whole days >= 1, was " + archiveRetention);
            }
        }

        public static Builder builder() {
            return new Builder();
        }

        public static final class Builder {
            private String busName;
            private String archiveName;
            private Duration archiveRetention;
            private IKey archiveKey;

            public Builder busName(String busName) {
                this.busName = busName;
                return this;
            }

            public Builder archiveName(String archiveName) {
                this.archiveName = archiveName;
                return this;
            }

            public Builder archiveRetention(Duration archiveRetention) {
                this.archiveRetention = archiveRetention;
                return this;
            }

            public Builder archiveKey(IKey archiveKey) {
                this.archiveKey = archiveKey;
                return this;
            }

            public Props build() {
                return new Props(busName, archiveName, archiveRetention, archiveKey);
            }
        }
    }
}

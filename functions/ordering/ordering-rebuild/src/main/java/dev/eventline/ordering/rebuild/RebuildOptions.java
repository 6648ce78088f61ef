package dev.eventline.ordering.rebuild;

import java.nio.file.Path;
import java.time.Duration;

/**
 * @param segments      parallel Scan segments, one thread each (1..64)
 * @param pageLimit     items evaluated per Scan page, i.e. between two checkpoints (1..1,000)
 * @param checkpointDir where the resumable checkpoint files live
 * @param grace         how long a replaced generation is still written (for readers whose cached
 *                      pointer has not moved) before it may be retired
 */
public record RebuildOptions(int segments, int pageLimit, Path checkpointDir, Duration grace) {
    public static RebuildOptions defaults(Path checkpointDir) {
        return new RebuildOptions(4, 500, checkpointDir, Duration.ofMinutes(15));
    }
}

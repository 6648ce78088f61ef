package dev.eventline.ordering.readmodel;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which generation of the per-order read models is live, which one is being built beside it and
 * which one is being retired: the versioned pointer of a blue-green rebuild. Readers read
 * {@link #live()}; the projector writes every generation in {@link #written()}, so the one being
 * built follows the stream while the rebuild fills it from the log, and the retired one stays
 * current for readers whose cached pointer has not moved yet.
 *
 * @param version     the pointer's own version: every change is a conditional write on it
 * @param building    0 when no rebuild is under way
 * @param retiring    0 when nothing is being retired
 * @param retireAfter when {@code retiring} may be dropped (null when nothing is retiring)
 */
public record GenerationPointer(long version, long live, long building, long retiring, Instant retireAfter) {
    /** What a table that never saw a rebuild has: generation 1 live, pointer version 0 (no item). */
    public static final GenerationPointer INITIAL = new GenerationPointer(0, 1, 0, 0, null);

    public GenerationPointer {
        if (live < 1 || building < 0 || retiring < 0) {
            throw new IllegalArgumentException(
                    "not a generation pointer: live " + live + ", building " + building + ", retiring " + retiring);
        }
    }

    /** The generations the projector keeps current, live first. */
    public Set<Long> written() {
        Set<Long> generations = new LinkedHashSet<>();
        generations.add(live);
        if (building > 0) {
            generations.add(building);
        }
        if (retiring > 0) {
            generations.add(retiring);
        }
        return generations;
    }

    /** The generation after every one this pointer knows of. */
    public long next() {
        return Math.max(live, Math.max(building, retiring)) + 1;
    }

    public Optional<Long> buildingGeneration() {
        return building > 0 ? Optional.of(building) : Optional.empty();
    }

    public GenerationPointer startBuilding(long generation) {
        return new GenerationPointer(version + 1, live, generation, retiring, retireAfter);
    }

    /** The built generation goes live; the live one keeps being written until {@code retireAfter}. */
    public GenerationPointer switchTo(long generation, Instant retireAfter) {
        return new GenerationPointer(version + 1, generation, 0, live == generation ? 0 : live, retireAfter);
    }

    public GenerationPointer retired() {
        return new GenerationPointer(version + 1, live, building, 0, null);
    }

    public boolean retirable(Instant now) {
        return retiring > 0 && retireAfter != null && !now.isBefore(retireAfter);
    }
}

package dev.eventline.domain;

import java.util.List;

/**
 * An aggregate as three pure functions (the Decider pattern): no I/O, no clock, no random IDs.
 * Time and identifiers arrive inside the command so that a decision can be replayed and tested.
 *
 * @param <C> the commands the aggregate accepts
 * @param <E> the events it records
 * @param <S> the state folded from those events
 */
public interface Decider<C, E, S> {

    /** The state of a stream that has no events yet. */
    S initial();

    /**
     * Decides what happened. Returns the new events, or an empty list when the command is already
     * satisfied (idempotent at the domain level). A broken business rule is a {@link RuleViolation}.
     */
    List<E> decide(C command, S state);

    /** Applies one event; must accept every event it ever produced, forever. */
    S evolve(S state, E event);

    default S fold(S state, Iterable<? extends E> events) {
        S current = state;
        for (E event : events) {
            current = evolve(current, event);
        }
        return current;
    }

    /** Whether the stream exists at all in this state; commands other than creations need it. */
    default boolean exists(S state) {
        return !initial().equals(state);
    }
}

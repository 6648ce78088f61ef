package dev.eventline.schemas;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lifts one event type's payload from version N to N+1. Must be a pure function of the payload: no I/O,
 * no clock, no randomness, because the same stored event is upcast again on every read, forever, and
 * every read must see the same event.
 *
 * <p>The payload handed in is a private copy, so an upcaster may edit it in place and return it.
 */
@FunctionalInterface
public interface Upcaster {

    /**
     * @throws IllegalArgumentException when the stored payload cannot be lifted without inventing or
     *                                  losing information; decoding then fails loudly instead of guessing
     */
    ObjectNode upcast(ObjectNode payload);
}

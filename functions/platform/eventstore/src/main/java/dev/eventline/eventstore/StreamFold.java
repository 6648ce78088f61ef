package dev.eventline.eventstore;

import dev.eventline.domain.Decider;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The one way recorded events become state, for every reader of a stream: the command executor's
 * load, the projector's slices, the query API's history and time travel, the snapshot chaser. Each
 * event is decoded through the context's {@link EventCodec} (where old schema versions are upcast)
 * and applied with the decider's {@code evolve}, from a starting point (nothing, a snapshot, a
 * projection's checkpoint), until {@link UpTo} stops it.
 *
 * <p>The events must continue the stream: the first one at the starting version + 1, each next one
 * at the version after it. Anything else is a store or caller bug, and folding past it would give a
 * state no one ever decided on, so it fails like an event that does not decode.
 */
public final class StreamFold<E, S> {
    private final EventCodec<E> codec;
    private final Decider<?, E, S> decider;

    public StreamFold(EventCodec<E> codec, Decider<?, E, S> decider) {
        this.codec = Objects.requireNonNull(codec, "codec");
        this.decider = Objects.requireNonNull(decider, "decider");
    }

    /**
     * A stream folded up to {@code version} (0: no event).
     *
     * @param eventsFolded how many events this fold and the folds before it applied (0 for a starting point)
     */
    public record Folded<S>(String streamId, S state, long version, int eventsFolded) {
        public Folded {
            Objects.requireNonNull(streamId, "streamId");
            if (version < 0) {
                throw new IllegalArgumentException("a folded version is >= 0, was " + version);
            }
        }

        /** A starting point: a state at a version, e.g. from a snapshot or a checkpoint. */
        public static <S> Folded<S> at(String streamId, S state, long version) {
            return new Folded<>(streamId, state, version, 0);
        }

        /** Whether any event is folded in: the stream exists. */
        public boolean exists() {
            return version > 0;
        }
    }

    /** How far a fold got, and the event it stopped at when it could not fold it. */
    public record Outcome<S>(Folded<S> folded, Optional<UnfoldableEventException> failure) {
        public Outcome {
            Objects.requireNonNull(folded, "folded");
            Objects.requireNonNull(failure, "failure");
        }

        /** @throws UnfoldableEventException the event the fold stopped at */
        public Folded<S> orThrow() {
            if (failure.isPresent()) {
                throw failure.get();
            }
            return folded;
        }
    }

    /** Nothing folded yet: the decider's initial state at version 0. */
    public Folded<S> initial(String streamId) {
        return Folded.at(streamId, decider.initial(), 0);
    }

    /** @throws UnfoldableEventException at the first event that cannot be folded */
    public Folded<S> fold(Folded<S> from, List<RecordedEvent> events) {
        return fold(from, events, UpTo.end());
    }

    /** @throws UnfoldableEventException at the first admitted event that cannot be folded */
    public Folded<S> fold(Folded<S> from, List<RecordedEvent> events, UpTo upTo) {
        return foldUntilFailure(from, events, upTo, (event, decoded) -> {}).orThrow();
    }

    /**
     * Folds as far as it can: for a consumer that keeps what came before an event it cannot fold
     * (the projector writes it, then reports that event) instead of failing as a whole.
     *
     * @param applied told of each event, recorded and decoded, once it is part of the state
     */
    public Outcome<S> foldUntilFailure(
            Folded<S> from, List<RecordedEvent> events, UpTo upTo, BiConsumer<RecordedEvent, ? super E> applied) {
        S state = from.state();
        long version = from.version();
        int folded = from.eventsFolded();
        for (RecordedEvent event : events) {
            if (!upTo.admits(event)) {
                break;
            }
            Optional<UnfoldableEventException> out = outOfPlace(from.streamId(), version, event);
            if (out.isPresent()) {
                return stopped(from.streamId(), state, version, folded, out.get());
            }
            E decoded;
            try {
                decoded = codec.decode(event);
            } catch (RuntimeException undecodable) {
                return stopped(
                        from.streamId(),
                        state,
                        version,
                        folded,
                        new UnfoldableEventException(event, "it does not decode", undecodable));
            }
            try {
                state = decider.evolve(state, decoded);
            } catch (RuntimeException refused) {
                return stopped(
                        from.streamId(),
                        state,
                        version,
                        folded,
                        new UnfoldableEventException(event, "evolve refuses it at version " + version, refused));
            }
            version = event.version();
            folded++;
            applied.accept(event, decoded);
        }
        return new Outcome<>(new Folded<>(from.streamId(), state, version, folded), Optional.empty());
    }

    private static Optional<UnfoldableEventException> outOfPlace(String streamId, long version, RecordedEvent event) {
        if (!event.streamId().equals(streamId)) {
            return Optional.of(
                    new UnfoldableEventException(event, "it belongs to another stream than " + streamId, null));
        }
        if (event.version() != version + 1) {
            return Optional.of(new UnfoldableEventException(
                    event,
                    "the stream is folded up to version " + version + ", so version " + (version + 1)
                            + " must come next (a hole or a repeat)",
                    null));
        }
        return Optional.empty();
    }

    private static <S> Outcome<S> stopped(
            String streamId, S state, long version, int folded, UnfoldableEventException failure) {
        return new Outcome<>(new Folded<>(streamId, state, version, folded), Optional.of(failure));
    }
}

package dev.eventline.eventstore;

import dev.eventline.domain.Decider;
import dev.eventline.domain.RuleCode;
import dev.eventline.domain.RuleViolation;
import java.util.List;

/** A tiny aggregate for testing the executor and the fold: a counter that may not exceed a limit. */
class Counter implements Decider<Counter.Command, Counter.Event, Integer> {
    static final Counter INSTANCE = new Counter();
    static final int LIMIT = 10;

    sealed interface Command permits Add, Ensure {}

    /** Adds n (refused beyond LIMIT). */
    record Add(int n) implements Command {}

    /** Already satisfied when the value is at least {@code atLeast}. */
    record Ensure(int atLeast) implements Command {}

    record Event(int n) {}

    enum Rule implements RuleCode {
        OVER_LIMIT;

        @Override
        public String code() {
            return name();
        }
    }

    @Override
    public Integer initial() {
        return 0;
    }

    @Override
    public List<Event> decide(Command command, Integer state) {
        return switch (command) {
            case Add(int n) -> {
                if (state + n > LIMIT) {
                    throw new RuleViolation(Rule.OVER_LIMIT, "counter would exceed " + LIMIT);
                }
                yield List.of(new Event(n));
            }
            case Ensure(int atLeast) -> state >= atLeast ? List.of() : List.of(new Event(atLeast - state));
        };
    }

    @Override
    public Integer evolve(Integer state, Event event) {
        return state + event.n();
    }

    static final EventCodec<Event> CODEC = new EventCodec<>() {
        @Override
        public EncodedEvent encode(Event event) {
            return new EncodedEvent("Added", 1, "{\"n\":" + event.n() + "}");
        }

        @Override
        public Event decode(RecordedEvent event) {
            String data = event.data();
            return new Event(Integer.parseInt(data.substring(data.indexOf(':') + 1, data.indexOf('}'))));
        }
    };
}

package dev.eventline.domain.testkit;

import dev.eventline.domain.Decider;
import dev.eventline.domain.RuleCode;
import dev.eventline.domain.RuleViolation;
import java.util.List;

/** The smallest decider that gives every answer a spec can meet: a lamp that switches, flicks and breaks. */
final class Light implements Decider<Light.Command, Light.Event, Light.State> {
    static final Light INSTANCE = new Light();

    sealed interface Command permits SwitchOn, SwitchOff, Flick, Smash {}

    record SwitchOn() implements Command {}

    record SwitchOff() implements Command {}

    /** Toggles: a change relative to the state, so a repeat changes it back. */
    record Flick() implements Command {}

    record Smash() implements Command {}

    sealed interface Event permits SwitchedOn, SwitchedOff, Smashed {}

    record SwitchedOn() implements Event {}

    record SwitchedOff() implements Event {}

    record Smashed() implements Event {}

    record State(boolean on, boolean broken) {}

    enum Rule implements RuleCode {
        LIGHT_BROKEN;

        @Override
        public String code() {
            return name();
        }
    }

    @Override
    public State initial() {
        return new State(false, false);
    }

    @Override
    public List<Event> decide(Command command, State state) {
        if (state.broken()) {
            throw new RuleViolation(Rule.LIGHT_BROKEN, "the light is broken");
        }
        return switch (command) {
            case SwitchOn c -> state.on() ? List.of() : List.of(new SwitchedOn());
            case SwitchOff c -> state.on() ? List.of(new SwitchedOff()) : List.of();
            case Flick c -> List.of(state.on() ? new SwitchedOff() : new SwitchedOn());
            case Smash c -> List.of(new Smashed());
        };
    }

    @Override
    public State evolve(State state, Event event) {
        return switch (event) {
            case SwitchedOn e -> new State(true, state.broken());
            case SwitchedOff e -> new State(false, state.broken());
            case Smashed e -> new State(false, true);
        };
    }
}

package dev.eventline.domain.testkit;

import dev.eventline.domain.testkit.Light.Command;
import dev.eventline.domain.testkit.Light.Event;
import dev.eventline.domain.testkit.Light.State;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/** The properties run over the lamp: the base class works for a decider outside its package. */
class LightPropertiesTest extends DeciderProperties<Command, Event, State> {

    /** A lamp command; none depends on the state. */
    record Send(Command command) implements Function<State, Command> {
        @Override
        public Command apply(State state) {
            return command;
        }
    }

    @Override
    protected DeciderSpec<Command, Event, State> spec() {
        return DeciderSpec.of(Light.INSTANCE);
    }

    @Override
    protected Class<Command> commandType() {
        return Command.class;
    }

    @Override
    protected Arbitrary<Send> moves() {
        // Smashing is rare, or most histories would end in a broken lamp that refuses everything.
        return Arbitraries.frequency(List.of(
                        weighted(5, new Light.SwitchOn()), weighted(5, new Light.SwitchOff()),
                        weighted(5, new Light.Flick()), weighted(1, new Light.Smash())))
                .map(Send::new);
    }

    private static Tuple2<Integer, Command> weighted(int weight, Command command) {
        return Tuple.of(weight, command);
    }

    /** Flicking toggles: a second flick switches the lamp back, as a light switch does. */
    @Override
    protected boolean repeatable(Command command) {
        return command instanceof Light.Flick;
    }
}

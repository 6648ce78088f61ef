package dev.eventline.domain.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eventline.domain.Decider;
import dev.eventline.domain.RuleCode;
import dev.eventline.domain.RuleViolation;
import dev.eventline.domain.testkit.Light.Command;
import dev.eventline.domain.testkit.Light.Event;
import dev.eventline.domain.testkit.Light.Flick;
import dev.eventline.domain.testkit.Light.Smash;
import dev.eventline.domain.testkit.Light.Smashed;
import dev.eventline.domain.testkit.Light.State;
import dev.eventline.domain.testkit.Light.SwitchOff;
import dev.eventline.domain.testkit.Light.SwitchOn;
import dev.eventline.domain.testkit.Light.SwitchedOff;
import dev.eventline.domain.testkit.Light.SwitchedOn;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class DeciderSpecTest {

    private static final DeciderSpec<Command, Event, State> LIGHT = DeciderSpec.of(Light.INSTANCE);

    /** The lamp with its decide replaced, to show what the spec does with a decider that misbehaves. */
    private static DeciderSpec<Command, Event, State> lightDeciding(BiFunction<Command, State, List<Event>> decide) {
        return DeciderSpec.of(new Decider<>() {
            @Override
            public State initial() {
                return Light.INSTANCE.initial();
            }

            @Override
            public List<Event> decide(Command command, State state) {
                return decide.apply(command, state);
            }

            @Override
            public State evolve(State state, Event event) {
                return Light.INSTANCE.evolve(state, event);
            }
        });
    }

    @Nested
    class Given {

        @Test
        void no_events_is_the_initial_state() {
            assertThat(LIGHT.given().state()).isEqualTo(Light.INSTANCE.initial());
            assertThat(LIGHT.given().history()).isEmpty();
        }

        @Test
        void the_history_is_folded_through_evolve() {
            var given = LIGHT.given(new SwitchedOn(), new SwitchedOff(), new SwitchedOn());

            assertThat(given.state()).isEqualTo(new State(true, false));
            assertThat(given.history()).containsExactly(new SwitchedOn(), new SwitchedOff(), new SwitchedOn());
        }

        @Test
        void decided_moves_see_the_state_so_far_and_a_refused_one_records_nothing() {
            List<Function<State, Command>> moves = List.of(
                    state -> new Flick(), state -> state.on() ? new Smash() : new SwitchOn(), state -> new SwitchOn());

            var given = LIGHT.givenDecided(moves);

            assertThat(given.history()).containsExactly(new SwitchedOn(), new Smashed());
            assertThat(given.state()).isEqualTo(new State(false, true));
        }
    }

    @Nested
    class Then {

        @Test
        void the_decided_events_pass_and_the_state_afterwards_is_returned() {
            State after = LIGHT.given().when(new SwitchOn()).then(new SwitchedOn());

            assertThat(after).isEqualTo(new State(true, false));
        }

        @Test
        void no_expected_events_means_already_satisfied() {
            State after = LIGHT.given(new SwitchedOn()).when(new SwitchOn()).then();

            assertThat(after).isEqualTo(new State(true, false));
        }

        @Test
        void other_events_fail_and_the_message_tells_the_history_and_the_command() {
            assertThatThrownBy(() ->
                            LIGHT.given(new SwitchedOn()).when(new SwitchOn()).then(new SwitchedOn()))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("given [SwitchedOn[]] when SwitchOn[]");
        }

        @Test
        void events_in_another_order_fail() {
            var spec = lightDeciding((command, state) -> List.of(new SwitchedOn(), new SwitchedOff()));

            assertThatThrownBy(() -> spec.given().when(new Flick()).then(new SwitchedOff(), new SwitchedOn()))
                    .isInstanceOf(AssertionError.class);
        }

        @Test
        void a_refusal_is_not_swallowed() {
            assertThatThrownBy(() ->
                            LIGHT.given(new Smashed()).when(new SwitchOn()).then())
                    .isInstanceOf(RuleViolation.class);
        }
    }

    @Nested
    class ThenRejectedWith {

        @Test
        void the_rule_passes_and_the_violation_is_returned() {
            RuleViolation violation =
                    LIGHT.given(new Smashed()).when(new SwitchOn()).thenRejectedWith(Light.Rule.LIGHT_BROKEN);

            assertThat(violation.detail()).isEqualTo("the light is broken");
        }

        @Test
        void a_decision_with_events_fails_and_names_them() {
            assertThatThrownBy(() -> LIGHT.given().when(new SwitchOn()).thenRejectedWith(Light.Rule.LIGHT_BROKEN))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected LIGHT_BROKEN, but decided [SwitchedOn[]]");
        }

        @Test
        void another_rule_fails() {
            var spec = lightDeciding((command, state) -> {
                throw new RuleViolation(Other.OTHER_RULE, "another reason");
            });

            assertThatThrownBy(() -> spec.given().when(new SwitchOn()).thenRejectedWith(Light.Rule.LIGHT_BROKEN))
                    .isInstanceOf(AssertionError.class);
        }

        @Test
        void a_blank_detail_fails() {
            var spec = lightDeciding((command, state) -> {
                throw new RuleViolation(Light.Rule.LIGHT_BROKEN, " ");
            });

            assertThatThrownBy(() -> spec.given().when(new SwitchOn()).thenRejectedWith(Light.Rule.LIGHT_BROKEN))
                    .isInstanceOf(AssertionError.class);
        }

        @Test
        void a_published_code_other_than_the_constant_name_fails() {
            var spec = lightDeciding((command, state) -> {
                throw new RuleViolation(Other.RENAMED, "renamed");
            });

            assertThatThrownBy(() -> spec.given().when(new SwitchOn()).thenRejectedWith(Other.RENAMED))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("the published code of RENAMED");
        }

        @Test
        void any_other_exception_propagates() {
            var spec = lightDeciding((command, state) -> {
                throw new IllegalStateException("a bug, not a business answer");
            });

            assertThatThrownBy(() -> spec.given().when(new SwitchOn()).thenRejectedWith(Light.Rule.LIGHT_BROKEN))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Nested
    class DecidedTwice {

        @Test
        void tells_each_way_a_repeat_can_go() {
            assertThat(LIGHT.given(new Smashed()).when(new SwitchOn()).decidedTwice())
                    .isEqualTo(Repetition.REJECTED);
            assertThat(LIGHT.given().when(new SwitchOff()).decidedTwice()).isEqualTo(Repetition.ALREADY_SATISFIED);
            assertThat(LIGHT.given().when(new SwitchOn()).decidedTwice()).isEqualTo(Repetition.IDEMPOTENT);
            assertThat(LIGHT.given().when(new Smash()).decidedTwice()).isEqualTo(Repetition.REFUSED_ON_REPEAT);
            assertThat(LIGHT.given().when(new Flick()).decidedTwice()).isEqualTo(Repetition.REPEATED);
        }

        @Test
        void a_decision_that_depends_on_more_than_command_and_state_fails() {
            AtomicInteger calls = new AtomicInteger();
            var spec = lightDeciding(
                    (command, state) -> calls.incrementAndGet() == 1 ? List.of(new SwitchedOn()) : List.of());

            assertThatThrownBy(() -> spec.given().when(new SwitchOn()).decidedTwice())
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("decided again on the same state");
        }

        @Test
        void an_event_evolve_refuses_fails() {
            var spec = DeciderSpec.of(new Decider<Command, Event, State>() {
                @Override
                public State initial() {
                    return Light.INSTANCE.initial();
                }

                @Override
                public List<Event> decide(Command command, State state) {
                    return Light.INSTANCE.decide(command, state);
                }

                @Override
                public State evolve(State state, Event event) {
                    if (event instanceof Smashed) {
                        throw new IllegalStateException("evolve forgot an event decide produces");
                    }
                    return Light.INSTANCE.evolve(state, event);
                }
            });

            assertThatThrownBy(() -> spec.given().when(new Smash()).decidedTwice())
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    private enum Other implements RuleCode {
        OTHER_RULE,
        RENAMED;

        @Override
        public String code() {
            return this == RENAMED ? "SOMETHING_ELSE" : name();
        }
    }
}

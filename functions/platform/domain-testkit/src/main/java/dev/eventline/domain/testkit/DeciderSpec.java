package dev.eventline.domain.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.eventline.domain.Decider;
import dev.eventline.domain.RuleCode;
import dev.eventline.domain.RuleViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Given past events, when a command is decided, then these events (or this rule) follow. Specs in the
 * language of events survive any change to the state record, and every history and decision passes
 * through {@code evolve}, so each spec also proves that evolve accepts what it is given.
 *
 * <pre>{@code
 * DeciderSpec.of(OrderDecider.INSTANCE).given(placed(WIDGETS)).when(confirm()).then(confirmed());
 * }</pre>
 *
 * @param <C> the decider's commands
 * @param <E> its events
 * @param <S> its state
 */
public final class DeciderSpec<C, E, S> {
    private final Decider<C, E, S> decider;

    private DeciderSpec(Decider<C, E, S> decider) {
        this.decider = Objects.requireNonNull(decider, "decider");
    }

    public static <C, E, S> DeciderSpec<C, E, S> of(Decider<C, E, S> decider) {
        return new DeciderSpec<>(decider);
    }

    public Decider<C, E, S> decider() {
        return decider;
    }

    /** The past as events, oldest first; none is a stream that does not exist yet. */
    @SafeVarargs
    public final Given<C, E, S> given(E... history) {
        // Element by element: handing a generic varargs array on is what lint (rightly) warns about.
        List<E> events = new ArrayList<>(history.length);
        for (E event : history) {
            events.add(event);
        }
        return given(events);
    }

    public Given<C, E, S> given(List<? extends E> history) {
        List<E> events = List.copyOf(history);
        return new Given<>(decider, events, decider.fold(decider.initial(), events));
    }

    /**
     * The past as clients make it: each move picks a command with the state so far in view (paying the
     * total it was shown, say) and the decider decides it; a refused command records nothing, as in
     * production. Property tests build arbitrary valid histories this way, never invalid ones by hand.
     */
    public Given<C, E, S> givenDecided(List<? extends Function<? super S, ? extends C>> moves) {
        List<E> history = new ArrayList<>();
        S state = decider.initial();
        for (Function<? super S, ? extends C> move : moves) {
            List<E> decided;
            try {
                decided = decider.decide(move.apply(state), state);
            } catch (RuleViolation refused) {
                continue; // a refusal is an outcome, not a fault: nothing to record, the client moves on
            }
            state = decider.fold(state, decided);
            history.addAll(decided);
        }
        return new Given<>(decider, List.copyOf(history), state);
    }

    /** A history and the state folded from it. */
    public static final class Given<C, E, S> {
        private final Decider<C, E, S> decider;
        private final List<E> history;
        private final S state;

        private Given(Decider<C, E, S> decider, List<E> history, S state) {
            this.decider = decider;
            this.history = history;
            this.state = state;
        }

        public List<E> history() {
            return history;
        }

        public S state() {
            return state;
        }

        public When<C, E, S> when(C command) {
            return new When<>(this, Objects.requireNonNull(command, "command"));
        }

        @Override
        public String toString() {
            return "given " + history;
        }
    }

    /** A command about to be decided on a given history. */
    public static final class When<C, E, S> {
        private final Given<C, E, S> given;
        private final C command;

        private When(Given<C, E, S> given, C command) {
            this.given = given;
            this.command = command;
        }

        /**
         * Asserts the decided events, in order; none means the command is already satisfied. Returns the
         * state afterwards, folded through evolve.
         */
        @SafeVarargs
        public final S then(E... expected) {
            List<E> events = new ArrayList<>(expected.length);
            for (E event : expected) {
                events.add(event);
            }
            List<E> decided = decide();
            assertThat(decided).as("%s", this).containsExactlyElementsOf(events);
            return given.decider.fold(given.state, decided);
        }

        /**
         * Asserts the refusal: the rule, its published code (an enum constant's name) and a detail a
         * person can read. Any other exception propagates: it is a bug, not a business answer.
         */
        public RuleViolation thenRejectedWith(RuleCode rule) {
            List<E> decided;
            try {
                decided = decide();
            } catch (RuleViolation violation) {
                assertThat(violation.rule()).as("%s", this).isEqualTo(rule);
                if (rule instanceof Enum<?> constant) {
                    assertThat(violation.code())
                            .as("the published code of %s", rule)
                            .isEqualTo(constant.name());
                }
                assertThat(violation.detail()).as("detail of %s", rule).isNotBlank();
                return violation;
            }
            return fail("%s: expected %s, but decided %s", this, rule.code(), decided);
        }

        /**
         * Decides the command, folds what it decided, then decides the same command on the new state, as
         * a retried request would, and tells what the repeat did. On the way it asserts that a decision
         * depends on nothing but command and state (deciding twice on one state gives one answer) and
         * that evolve accepts every event decided.
         */
        public Repetition decidedTwice() {
            List<E> first;
            try {
                first = decide();
            } catch (RuleViolation refused) {
                assertThatThrownBy(this::decide)
                        .as("%s, decided again on the same state", this)
                        .isInstanceOfSatisfying(
                                RuleViolation.class,
                                again -> assertThat(again.rule()).isEqualTo(refused.rule()));
                return Repetition.REJECTED;
            }
            assertThat(decide()).as("%s, decided again on the same state", this).isEqualTo(first);
            if (first.isEmpty()) {
                return Repetition.ALREADY_SATISFIED;
            }
            S after = given.decider.fold(given.state, first);
            List<E> second;
            try {
                second = given.decider.decide(command, after);
            } catch (RuleViolation refused) {
                return Repetition.REFUSED_ON_REPEAT;
            }
            if (second.isEmpty()) {
                return Repetition.IDEMPOTENT;
            }
            given.decider.fold(after, second);
            return Repetition.REPEATED;
        }

        private List<E> decide() {
            return given.decider.decide(command, given.state);
        }

        @Override
        public String toString() {
            return given + " when " + command;
        }
    }
}

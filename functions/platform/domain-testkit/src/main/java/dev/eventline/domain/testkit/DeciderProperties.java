package dev.eventline.domain.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;

/**
 * What every decider must do, checked by jqwik on arbitrary valid histories: deciding a command twice
 * changes nothing, and evolve accepts every event decide produces. A domain's property test extends
 * this class with how clients pick commands ({@link #moves()}) and which commands are changes by an
 * amount, meant to change the state again when repeated ({@link #repeatable}), and says why.
 *
 * <p>Histories are built by deciding commands ({@link DeciderSpec#givenDecided}), so each is one the
 * decider could have recorded; the moves are drawn from the domain's own command records.
 *
 * @param <C> the decider's commands, a sealed interface: the run must accept each kind at least once
 * @param <E> its events
 * @param <S> its state
 */
public abstract class DeciderProperties<C, E, S> {

    /** Enough moves to walk a life cycle to its end with detours; few enough that a try takes microseconds. */
    protected static final int MAX_MOVES = 16;

    /**
     * Commands tried on each history. Several per history, so that a command only a late state accepts
     * (delivering a shipped order) is checked in most runs, not in one try out of fifty.
     */
    protected static final int MAX_NEXT = 8;

    protected abstract DeciderSpec<C, E, S> spec();

    /** The sealed command interface; each kind it permits must be accepted at least once in a run. */
    protected abstract Class<C> commandType();

    /** One move: a command as a client picks it, with the current state in view. */
    protected abstract Arbitrary<? extends Function<S, C>> moves();

    /**
     * Whether a second equal command, after the first was recorded, is meant to change the state again
     * (a deposit, an added item): the property then checks the repeat is never swallowed instead.
     */
    protected abstract boolean repeatable(C command);

    // Uniform sizes: the default bias towards short lists would seldom leave the first status. The properties
    // turn edge cases off for the same reason: those of a list of moves are the empty and one-move lists, which
    // uniform sizes reach anyway, and mixed in they would crowd out the long histories.
    @Provide
    Arbitrary<List<Function<S, C>>> histories() {
        return moves().<Function<S, C>>map(move -> move)
                .list()
                .ofMaxSize(MAX_MOVES)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    @Provide
    Arbitrary<List<Function<S, C>>> nextMoves() {
        return moves().<Function<S, C>>map(move -> move)
                .list()
                .ofMinSize(1)
                .ofMaxSize(MAX_NEXT)
                .withSizeDistribution(RandomDistribution.uniform());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void deciding_twice_changes_nothing(
            @ForAll("histories") List<Function<S, C>> past, @ForAll("nextMoves") List<Function<S, C>> next) {
        DeciderSpec.Given<C, E, S> given = spec().givenDecided(past);
        for (Function<S, C> move : next) {
            C command = move.apply(given.state());
            String kind = command.getClass().getSimpleName();

            Repetition repetition = given.when(command).decidedTwice();

            if (repeatable(command)) {
                assertThat(repetition)
                        .as("%s is repeatable: a second one is a second change, never swallowed", kind)
                        .isNotIn(Repetition.ALREADY_SATISFIED, Repetition.IDEMPOTENT);
            } else {
                assertThat(repetition)
                        .as("%s when %s, decided twice", given, command)
                        .isNotEqualTo(Repetition.REPEATED);
            }
            Statistics.label("decided twice").collect(kind, repetition);
        }
        Statistics.label("decided twice").coverage(coverage -> {
            // A run in which some kind of command was never accepted did not check it: the moves need mending.
            Class<?>[] kinds = commandType().getPermittedSubclasses();
            assertThat(kinds).as("%s is sealed", commandType()).isNotNull();
            for (Class<?> permitted : kinds) {
                String kind = permitted.getSimpleName();
                coverage.checkQuery(values -> values.get(0).equals(kind) && accepted(values.get(1)))
                        .count(accepted -> {
                            assertThat(accepted)
                                    .as("%s accepted, then decided again, in this run", kind)
                                    .isPositive();
                        });
            }
        });
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void evolve_accepts_every_decided_event(@ForAll("histories") List<Function<S, C>> moves) {
        // givenDecided folds each decision as it is made: an event evolve refuses fails the property there.
        DeciderSpec.Given<C, E, S> decided = spec().givenDecided(moves);

        assertThat(spec().given(decided.history()).state())
                .as("%s folded in one go", decided)
                .isEqualTo(decided.state());
        List<E> history = decided.history();
        Statistics.label("last event")
                .collect(
                        history.isEmpty()
                                ? "none"
                                : history.getLast().getClass().getSimpleName());
    }

    private static boolean accepted(Object repetition) {
        return repetition == Repetition.IDEMPOTENT
                || repetition == Repetition.REFUSED_ON_REPEAT
                || repetition == Repetition.REPEATED;
    }
}

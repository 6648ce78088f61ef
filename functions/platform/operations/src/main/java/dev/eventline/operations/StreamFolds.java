package dev.eventline.operations;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.eventline.accounts.AccountDecider;
import dev.eventline.accounts.application.AccountEventCodec;
import dev.eventline.accounts.application.AccountStreams;
import dev.eventline.eventstore.RecordedEvent;
import dev.eventline.eventstore.StreamFold;
import dev.eventline.eventstore.UpTo;
import dev.eventline.operations.StreamView.StateView;
import dev.eventline.ordering.OrderDecider;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The fold of each context's streams (the same {@link StreamFold} the functions use), keyed by stream
 * category, turning events into a state an operator can read.
 */
final class StreamFolds {
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /** Folds a stream's events from its start up to {@code upTo}. */
    interface Folder {
        StateView fold(String streamId, List<RecordedEvent> fromStart, UpTo upTo);
    }

    private final Map<String, Folder> byCategory;

    private StreamFolds(Map<String, Folder> byCategory) {
        this.byCategory = Map.copyOf(byCategory);
    }

    /** Every context of this code base; created once per process (the codecs load the schemas). */
    static StreamFolds all() {
        return new StreamFolds(Map.of(
                OrderCommands.CATEGORY,
                folder(new StreamFold<>(new OrderEventCodec(), OrderDecider.INSTANCE)),
                AccountStreams.CATEGORY,
                folder(new StreamFold<>(new AccountEventCodec(), AccountDecider.INSTANCE))));
    }

    Optional<Folder> forCategory(String category) {
        return Optional.ofNullable(byCategory.get(category));
    }

    private static <E, S> Folder folder(StreamFold<E, S> fold) {
        return (streamId, events, upTo) -> {
            var outcome = fold.foldUntilFailure(fold.initial(streamId), events, upTo, (event, decoded) -> {});
            S state = outcome.folded().state();
            return new StateView(
                    outcome.folded().version(),
                    state == null ? null : state.getClass().getSimpleName(),
                    toJson(state),
                    outcome.failure().map(Throwable::getMessage).orElse(null));
        };
    }

    /**
     * States are domain records; one that Jackson cannot render (it has no accessors Jackson knows) is
     * shown by its {@code toString}, which every record has, rather than not at all.
     */
    private static com.fasterxml.jackson.databind.JsonNode toJson(Object state) {
        try {
            return JSON.valueToTree(state);
        } catch (IllegalArgumentException notRenderable) {
            return TextNode.valueOf(String.valueOf(state));
        }
    }
}

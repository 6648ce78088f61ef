package dev.eventline.eventstore;

import java.util.List;

/**
 * A read model kept inline: computed from the state a command has just decided and appended with
 * its events ({@link EventAppender#append(String, long, List, java.util.Optional, List)}), so a read
 * of it never lags the stream. For small views of one stream read far more often than written; a view
 * spanning streams (a list, a total) belongs to an asynchronous projector.
 */
@FunctionalInterface
public interface InlineProjection<S> {

    /** @return the view items for {@code state} at {@code version}; empty when the state has no view */
    List<InlineView> project(String streamId, long version, S state);
}

package dev.eventline.eventstore;

import java.util.Optional;

/** Reading an inline view: one strongly consistent point read. Role interface of the stores that write them. */
public interface InlineViews {

    Optional<InlineView> findView(String view, String key);
}

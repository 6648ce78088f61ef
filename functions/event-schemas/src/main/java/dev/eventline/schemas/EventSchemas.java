package dev.eventline.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * The versioned JSON Schemas of one bounded context's events ({@code schemas/<context>/<Type>/v<N>.schema.json},
 * on the classpath as {@code /schemas/...}) and the upcaster chain that lifts stored payloads to the current version.
 * API skeleton: the implementation is being written (issue 5).
 */
public final class EventSchemas {
    private EventSchemas() {
    }

    /** Loads (once, cached) the schemas of a context and its registered upcasters. */
    public static EventSchemas forContext(String context, Upcasters upcasters) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** The latest schema version of an event type. @throws IllegalArgumentException for an unknown type */
    public int currentVersion(String type) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** @throws InvalidEventException when the payload does not conform; a programming error, never user input */
    public void validate(String type, int version, JsonNode payload) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    /** Lifts a stored payload from {@code fromVersion} to the current version of its type through pure upcasters. */
    public JsonNode upcast(String type, int fromVersion, JsonNode payload) {
        throw new UnsupportedOperationException("not implemented yet");
    }

    public Set<String> types() {
        throw new UnsupportedOperationException("not implemented yet");
    }
}

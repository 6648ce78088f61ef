package dev.eventline.explorer;

import dev.eventline.http.HttpRequest;
import dev.eventline.http.HttpResponse;
import dev.eventline.http.ProblemException;
import dev.eventline.http.Router;
import java.util.Optional;

/**
 * The explorer's routes, all under {@code /explorer}: what the public API does not serve. Staff only:
 * API Gateway lets only staff reach them (see the infrastructure's explorer routes); the function
 * itself changes nothing a caller names except by redriving a dead-letter queue of the platform.
 */
final class ExplorerRoutes {
    static final String STREAM_EVENTS = "/explorer/streams/{streamId}/events";
    private static final int DEFAULT_LIMIT = 100;

    private final StreamInspection streams;

    ExplorerRoutes(StreamInspection streams) {
        this.streams = streams;
    }

    Router register(Router router) {
        return router.route("GET", STREAM_EVENTS, this::streamEvents);
    }

    private HttpResponse streamEvents(HttpRequest request) {
        String streamId = request.pathParam("streamId");
        int limit = intParameter(request, "limit", DEFAULT_LIMIT, 1, StreamInspection.MAX_LIMIT);
        long after = longParameter(request, "after", 0);
        try {
            return streams.page(streamId, after, limit)
                    .map(body -> HttpResponse.json(200, body))
                    .orElseThrow(() -> ProblemException.notFound("no context holds streams like " + streamId));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("streamId", "a stream id is <Category>-<id>, e.g. Order-42");
        }
    }

    private static int intParameter(HttpRequest request, String name, int fallback, int min, int max) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return fallback;
        }
        if (!value.get().matches("[0-9]{1,4}")) {
            throw ProblemException.invalidField(name, name + " is a whole number from " + min + " to " + max);
        }
        int parsed = Integer.parseInt(value.get());
        if (parsed < min || parsed > max) {
            throw ProblemException.invalidField(name, name + " is a whole number from " + min + " to " + max);
        }
        return parsed;
    }

    private static long longParameter(HttpRequest request, String name, long fallback) {
        Optional<String> value = request.queryParam(name);
        if (value.isEmpty()) {
            return fallback;
        }
        if (!value.get().matches("0|[1-9][0-9]{0,17}")) {
            throw ProblemException.invalidField(name, name + " is a version: 0 or 1-18 digits");
        }
        return Long.parseLong(value.get());
    }
}

package dev.eventline.http;

import com.fasterxml.jackson.databind.node.NullNode;
import dev.eventline.lambda.observability.EmfMetrics;
import dev.eventline.lambda.observability.Observability;
import dev.eventline.lambda.observability.StructuredLogger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The one path of every HTTP function: event to {@link HttpRequest} (parsed once), dispatch on the
 * route key ({@link Router}), exception to problem, {@link HttpResponse} to API Gateway, then one
 * access-log line, one metrics record and, for an unexpected exception, one error line, all through
 * the function's {@link StructuredLogger} and {@link EmfMetrics}. A request without a verified
 * caller ({@link Principal}) is answered 401 before any route runs. It never throws and never answers
 * without {@code X-Correlation-Id}: a Lambda that throws gives the client a bare 500 from API
 * Gateway with no body and no way to correlate.
 *
 * <p>Unexpected exceptions become a 500 whose body says nothing about the cause; the cause goes to
 * the error line as structured fields ({@code error.type}, {@code error.message}, {@code error.stack}).
 */
public final class HttpApi {
    /** Requests answered (API Gateway counts them by status class already; this one is the function's view). */
    public static final String REQUESTS_METRIC = "Requests";
    /** From the event's arrival in the handler to the response, in the function. */
    public static final String LATENCY_METRIC = "RequestLatency";

    private final String name;
    private final Router router;
    private final ExceptionMapping mapping;
    private final Observability observability;
    private final Map<String, String> loggedHeaders;

    /**
     * @param name          the span each request runs in (its name), e.g. {@code order-command}
     * @param observability the function's logger, metrics and tracing (built once per container)
     */
    public HttpApi(String name, Router router, ExceptionMapping mapping, Observability observability) {
        this(name, router, mapping, observability, Map.of());
    }

    /**
     * @param loggedHeaders response headers the access line carries, by the field they go in (e.g.
     *                      {@code X-Read-Source -> readSource}); {@code Location} always does
     */
    public HttpApi(
            String name,
            Router router,
            ExceptionMapping mapping,
            Observability observability,
            Map<String, String> loggedHeaders) {
        this.name = Objects.requireNonNull(name, "name");
        this.router = Objects.requireNonNull(router, "router");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.observability = Objects.requireNonNull(observability, "observability");
        this.loggedHeaders = Map.copyOf(loggedHeaders);
    }

    /** What this function serves, in registration order; the OpenAPI documents are checked against it. */
    public List<Router.Route> routes() {
        return router.routes();
    }

    public HttpApiResponse handle(HttpApiEvent event) {
        long started = System.nanoTime();
        HttpRequest request = null;
        HttpResponse response;
        try {
            request = HttpRequest.from(event);
        } catch (ProblemException e) {
            String path = event == null ? null : event.rawPath();
            response = HttpResponse.problem(e.problem().withInstance(path))
                    .withCorrelationId(HttpRequest.correlationIdOf(event));
            record(null, response, started);
            return response.toApiGateway();
        }
        HttpRequest parsed = request;
        // the correlation id is also stored in every event's metadata: X-Ray and the stream consumers
        // annotate with the same value, so one search finds the request and everything it caused
        response = observability
                .tracing()
                .inSubsegment(name, Map.of("correlationId", parsed.correlationId()), () -> respond(parsed))
                .withCorrelationId(parsed.correlationId());
        record(parsed, response, started);
        return response.toApiGateway();
    }

    private HttpResponse respond(HttpRequest request) {
        try {
            if (!request.authenticated()) {
                // API Gateway's JWT authorizer already refuses these; this is the function's own floor
                throw ProblemException.unauthorized();
            }
            HttpResponse response = router.dispatch(request);
            if (response == null) {
                throw new IllegalStateException("handler for " + request.routeKey() + " returned null");
            }
            return response;
        } catch (VirtualMachineError fatal) {
            throw fatal; // out of memory and the like: let the runtime replace this container
        } catch (Throwable failure) { // includes Errors such as ExceptionInInitializerError: still a 500 with a body
            Optional<Problem> problem = mapping.map(failure);
            if (problem.isEmpty()) {
                log(
                        request,
                        () -> logger(request)
                                .log(
                                        StructuredLogger.Level.ERROR,
                                        "unhandled exception",
                                        failure,
                                        requestFields(request)));
            }
            Problem answer = problem.orElseGet(() -> Problem.internal(request.requestId()));
            return HttpResponse.problem(answer.instance() == null ? answer.withInstance(request.path()) : answer);
        }
    }

    /** The access line and the metrics record; neither may turn an answered request into a failed one. */
    private void record(HttpRequest request, HttpResponse response, long started) {
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        log(request, () -> {
            Map<String, Object> fields = request == null ? new LinkedHashMap<>() : requestFields(request);
            fields.put("status", response.status());
            fields.put("latencyMs", latencyMs);
            response.header("Location").ifPresent(location -> fields.put("location", location));
            loggedHeaders.forEach(
                    (header, field) -> response.header(header).ifPresent(value -> fields.put(field, value)));
            observability
                    .log()
                    .with(
                            "correlationId",
                            response.header(HttpRequest.CORRELATION_ID_HEADER).orElse(null))
                    .info("request", fields);
        });
        try {
            EmfMetrics metrics = observability.metrics();
            // no extra dimension: both metrics share one EMF line per request
            metrics.count(REQUESTS_METRIC, 1);
            metrics.milliseconds(LATENCY_METRIC, latencyMs);
        } finally {
            observability.metrics().flush();
        }
    }

    private StructuredLogger logger(HttpRequest request) {
        return observability.log().with("correlationId", request.correlationId());
    }

    /**
     * Method, route key, request id and the path parameters that are valid ids (a hostile value is
     * never echoed into the log).
     */
    private static Map<String, Object> requestFields(HttpRequest request) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", request.method());
        String route = request.routeKey();
        // null, not left out: a request no route took is what one searches for
        fields.put("route", route.isEmpty() || route.equals("$default") ? NullNode.getInstance() : route);
        fields.put("requestId", request.requestId());
        request.eventPathParameters().forEach((param, value) -> {
            if (PathIds.isValid(value)) {
                fields.putIfAbsent(param, value);
            }
        });
        return fields;
    }

    private static void log(HttpRequest request, Runnable line) {
        try {
            line.run();
        } catch (RuntimeException loggingFailed) { // never let logging turn a response into no response
            System.err.println("{\"level\":\"ERROR\",\"message\":\"could not write a log line\",\"requestId\":\""
                    + (request == null ? "" : request.requestId()) + "\",\"error\":{\"type\":\""
                    + loggingFailed.getClass().getName() + "\"}}");
        }
    }
}

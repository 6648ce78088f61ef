package dev.eventline.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What an HTTP Lambda's {@code handleRequest} delegates to: event to {@link HttpRequest}, route,
 * exception to problem, {@link HttpResponse} to API Gateway. It never throws and never answers
 * without {@code X-Correlation-Id}: a Lambda that throws gives the client a bare 500 from API
 * Gateway with no body and no way to correlate.
 *
 * <p>Unexpected exceptions become a 500 whose body says nothing about the cause; the cause goes to
 * the log as one JSON line (CloudWatch keeps a line as one record, Logs Insights parses it).
 */
public final class HttpApi {
    private final Router router;
    private final ExceptionMapping mapping;
    private final Consumer<String> errorLog;
    private final Clock clock;

    public HttpApi(Router router, ExceptionMapping mapping, Clock clock) {
        this(router, mapping, System.err::println, clock);
    }

    /** Shorthand for {@code new HttpApi(router, new ExceptionMapping(statusByRuleCode), clock)}. */
    public HttpApi(Router router, Map<String, Integer> statusByRuleCode, Clock clock) {
        this(router, new ExceptionMapping(statusByRuleCode), clock);
    }

    /**
     * @param errorLog receives one JSON line per unexpected exception (stderr by default)
     * @param clock    the handler's clock, for the timestamp of those lines
     */
    public HttpApi(Router router, ExceptionMapping mapping, Consumer<String> errorLog, Clock clock) {
        this.router = Objects.requireNonNull(router, "router");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        this.errorLog = Objects.requireNonNull(errorLog, "errorLog");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
        HttpRequest request;
        try {
            request = HttpRequest.from(event);
        } catch (ProblemException e) {
            String path = event == null ? null : event.getRawPath();
            return HttpResponse.problem(e.problem().withInstance(path))
                    .withCorrelationId(HttpRequest.correlationIdOf(event))
                    .toApiGateway();
        }
        return respond(request).withCorrelationId(request.correlationId()).toApiGateway();
    }

    private HttpResponse respond(HttpRequest request) {
        try {
            HttpResponse response = router.dispatch(request);
            if (response == null) {
                throw new IllegalStateException("handler for " + request.method() + " " + request.path() + " returned null");
            }
            return response;
        } catch (VirtualMachineError fatal) {
            throw fatal; // out of memory and the like: let the runtime replace this container
        } catch (Throwable failure) { // includes Errors such as ExceptionInInitializerError: still a 500 with a body
            Optional<Problem> problem = mapping.map(failure);
            if (problem.isEmpty()) {
                logUnexpected(request, failure);
            }
            Problem answer = problem.orElseGet(() -> Problem.internal(request.requestId()));
            return HttpResponse.problem(answer.instance() == null ? answer.withInstance(request.path()) : answer);
        }
    }

    private void logUnexpected(HttpRequest request, Throwable failure) {
        try {
            ObjectNode line = Json.object();
            line.put("timestamp", clock.instant().toString());
            line.put("level", "ERROR");
            line.put("logger", HttpApi.class.getName());
            line.put("message", "unhandled exception");
            line.put("requestId", request.requestId());
            line.put("correlationId", request.correlationId());
            line.put("method", request.method());
            line.put("path", request.path());
            line.put("exception", failure.getClass().getName());
            line.put("exceptionMessage", failure.getMessage());
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            line.put("stackTrace", trace.toString());
            errorLog.accept(Json.write(line));
        } catch (RuntimeException loggingFailed) { // never let logging turn a 500 into no response
            System.err.println("{\"level\":\"ERROR\",\"message\":\"could not log an unhandled exception\"}");
        }
    }
}

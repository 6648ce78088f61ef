package dev.eventline.http;

import java.util.Collection;
import java.util.Objects;

/**
 * Aborts request handling with a problem response. A client error is an expected outcome, not a
 * fault, so no stack trace is captured (saves the cost on every 4xx). {@link HttpApi} turns it into
 * the response; the factories mirror those of {@link Problem}.
 */
public final class ProblemException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Problem problem;

    public ProblemException(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").toString(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.badRequest(detail));
    }

    public static ProblemException invalidField(String field, String detail) {
        return new ProblemException(Problem.invalidField(field, detail));
    }

    public static ProblemException invalidHeader(String header, String detail) {
        return new ProblemException(Problem.invalidHeader(header, detail));
    }

    public static ProblemException unauthorized() {
        return new ProblemException(Problem.unauthorized());
    }

    public static ProblemException forbidden(String requiredScope, String detail) {
        return new ProblemException(Problem.forbidden(requiredScope, detail));
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(Problem.notFound(detail));
    }

    public static ProblemException methodNotAllowed(Collection<String> allowed) {
        return new ProblemException(Problem.methodNotAllowed(allowed));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.conflict(detail));
    }

    public static ProblemException preconditionFailed(String detail, long currentVersion) {
        return new ProblemException(Problem.preconditionFailed(detail, currentVersion));
    }

    public static ProblemException payloadTooLarge(long limitBytes) {
        return new ProblemException(Problem.payloadTooLarge(limitBytes));
    }

    public static ProblemException unsupportedMediaType(String contentType) {
        return new ProblemException(Problem.unsupportedMediaType(contentType));
    }

    public static ProblemException unprocessable(String code, String detail) {
        return new ProblemException(Problem.unprocessable(code, detail));
    }
}

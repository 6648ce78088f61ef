package dev.eventline.http;

import dev.eventline.domain.RuleViolation;
import dev.eventline.eventstore.ConcurrencyRetriesExhaustedException;
import dev.eventline.eventstore.ExpectedVersionMismatchException;
import dev.eventline.eventstore.IdempotencyKeyConflictException;
import dev.eventline.eventstore.IdempotencyKeyReusedException;
import dev.eventline.eventstore.WrongExpectedVersionException;
import java.util.Map;
import java.util.Optional;

/**
 * Which exceptions are answers rather than faults, and which problem each one is. Anything not
 * known here is a 500 (see {@link HttpApi}).
 *
 * <ul>
 *   <li>{@link ProblemException}: its problem.</li>
 *   <li>{@link RuleViolation}: 422 with {@code code}, unless the code is in {@code statusByRuleCode}
 *       (e.g. {@code ORDER_NOT_FOUND -> 404}); the domain's detail is written for clients.</li>
 *   <li>{@link ExpectedVersionMismatchException}: 412 with {@code currentVersion} and its ETag.</li>
 *   <li>{@link ConcurrencyRetriesExhaustedException}: 409, retryable ({@code Retry-After: 1}).</li>
 *   <li>{@link IdempotencyKeyReusedException}: 422 {@code IDEMPOTENCY_KEY_REUSED}.</li>
 *   <li>{@link WrongExpectedVersionException}, {@link IdempotencyKeyConflictException}: 409. The
 *       command executor normally handles both; should one escape, it still means "conflict".</li>
 * </ul>
 */
public final class ExceptionMapping {
    public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

    private final Map<String, Integer> statusByRuleCode;

    /** @param statusByRuleCode rule codes answered with another 4xx than 422, e.g. {@code ORDER_NOT_FOUND -> 404} */
    public ExceptionMapping(Map<String, Integer> statusByRuleCode) {
        statusByRuleCode.forEach((code, status) -> {
            if (status == null || status < 400 || status > 499) {
                throw new IllegalArgumentException("rule code " + code + " must map to a 4xx status, not " + status);
            }
        });
        this.statusByRuleCode = Map.copyOf(statusByRuleCode);
    }

    /** Every rule violation is a 422. */
    public static ExceptionMapping defaults() {
        return new ExceptionMapping(Map.of());
    }

    /** The problem for an expected failure; empty for an unexpected one (a 500). */
    public Optional<Problem> map(Throwable failure) {
        return Optional.ofNullable(
                switch (failure) {
                    case ProblemException e -> e.problem();
                    case RuleViolation e -> ruleViolation(e);
                    case ExpectedVersionMismatchException e ->
                        Problem.preconditionFailed(
                                        "the resource is at version " + e.actualVersion() + ", not the version "
                                                + e.expectedVersion() + " named by If-Match",
                                        e.actualVersion())
                                .withHeader("ETag", ETags.of(e.actualVersion()));
                    case ConcurrencyRetriesExhaustedException e ->
                        Problem.conflict("the resource is being changed concurrently; retry the request")
                                .withHeader("Retry-After", "1");
                    case IdempotencyKeyReusedException e ->
                        Problem.unprocessable(
                                IDEMPOTENCY_KEY_REUSED, "the Idempotency-Key was already used for a different request");
                    case WrongExpectedVersionException e ->
                        Problem.conflict("the resource changed while the request was processed; retry the request");
                    case IdempotencyKeyConflictException e ->
                        Problem.conflict("a request with this Idempotency-Key was already processed");
                    default -> null;
                });
    }

    private Problem ruleViolation(RuleViolation violation) {
        int status = statusByRuleCode.getOrDefault(violation.code(), 422);
        return status == 422
                ? Problem.unprocessable(violation.code(), violation.detail())
                : Problem.forStatus(status, violation.detail()).withExtension("code", violation.code());
    }
}

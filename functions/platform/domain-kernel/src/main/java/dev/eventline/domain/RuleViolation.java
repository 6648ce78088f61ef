package dev.eventline.domain;

import java.util.Objects;

/**
 * A command was refused by a business rule. Nothing is recorded; the HTTP side answers 422 with
 * {@link #code()} so that clients can react without parsing prose.
 */
public final class RuleViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient RuleCode rule;

    public RuleViolation(RuleCode rule, String detail) {
        super(detail, null, false, false); // a decision, not a fault: no stack trace to pay for
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    public RuleCode rule() {
        return rule;
    }

    public String code() {
        return rule.code();
    }

    public String detail() {
        return getMessage();
    }
}

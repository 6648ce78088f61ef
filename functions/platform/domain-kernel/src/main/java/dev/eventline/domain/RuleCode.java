package dev.eventline.domain;

/**
 * A stable, machine-readable identifier of a business rule. Clients match on it, so once published
 * a code never changes meaning; domains declare theirs as enums implementing this interface.
 */
public interface RuleCode {
    /** Upper snake case, e.g. {@code ORDER_NOT_CONFIRMED}. */
    String code();
}

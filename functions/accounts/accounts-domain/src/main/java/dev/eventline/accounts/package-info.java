/**
 * The {@code accounts} bounded context: a ledger account as a pure {@link dev.eventline.domain.Decider}.
 *
 * <p>Nothing here touches I/O, a clock or a random source: every timestamp and identifier arrives in a
 * command, so any decision can be replayed from the event stream and asserted in a plain unit test.
 * Money is a {@code long} of minor units (cents, pence, ...) because binary floating point cannot
 * represent most decimal fractions and a ledger must add up exactly.
 */
package dev.eventline.accounts;

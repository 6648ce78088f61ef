package dev.eventline.ordering.queryapi;

import dev.eventline.eventstore.StreamId;
import dev.eventline.http.ConsistencyToken;
import dev.eventline.http.ProblemException;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.queryapi.OrderLookup.Behind;
import dev.eventline.ordering.queryapi.OrderLookup.Found;
import dev.eventline.ordering.queryapi.OrderLookup.Missing;
import dev.eventline.ordering.queryapi.OrderReadModels.CustomerOrdersPage;
import dev.eventline.ordering.readmodel.CustomerOrderItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Read-your-writes on a customer's list: the page the projection gives, merged with the orders the
 * caller's consistency tokens name, so an order the caller has just placed or changed is never
 * missing from its page nor shown at an older version. A named order already on the page at the
 * token's version costs nothing; otherwise it is looked up like {@code GET /orders/{id}} with no
 * wait (its summary item, then a fold of its events), at most {@link ConsistencyToken#MAX_TOKENS}
 * lookups per request.
 */
final class RecentWrites {
    /** The page, and whether any order on it came from outside the list's projection. */
    record Merged(CustomerOrdersPage page, boolean merged) {}

    private final OrderLookup lookup;

    RecentWrites(OrderLookup lookup) {
        this.lookup = lookup;
    }

    /**
     * @param after the cursor the page starts after (exclusive, newest first); empty for the first page
     * @throws ProblemException 412 when a token names a version its order never reached
     */
    Merged merge(
            String customerId,
            CustomerOrdersPage page,
            Optional<String> after,
            int limit,
            List<ConsistencyToken> tokens) {
        List<CustomerOrderItem> items = new ArrayList<>(page.orders());
        Optional<String> lastSortKey = page.lastSortKey();
        boolean merged = false;
        for (ConsistencyToken token : tokens) {
            Optional<String> orderId = orderId(token);
            if (orderId.isEmpty() || onPageAtVersion(items, orderId.get(), token.version())) {
                continue; // another kind of stream says nothing about orders; or the projection has it already
            }
            Optional<CustomerOrderItem> current = current(orderId.get(), token.version(), customerId);
            if (current.isEmpty() || !current.get().customerId().equals(customerId)) {
                continue; // someone else's order is not part of this list
            }
            CustomerOrderItem item = current.get();
            boolean wasOnPage = items.removeIf(existing -> existing.orderId().equals(item.orderId()));
            if (wasOnPage || belongsOnPage(item.sortKey(), after, lastSortKey)) {
                items.add(item);
                merged = true;
            }
        }
        if (!merged) {
            return new Merged(page, false);
        }
        items.sort(
                Comparator.comparing((CustomerOrderItem item) -> item.sortKey()).reversed());
        if (items.size() > limit) {
            items = new ArrayList<>(items.subList(0, limit));
            lastSortKey = Optional.of(items.getLast().sortKey()); // what fell off starts the next page
        }
        return new Merged(new CustomerOrdersPage(List.copyOf(items), lastSortKey), true);
    }

    private static Optional<String> orderId(ConsistencyToken token) {
        try {
            StreamId stream = StreamId.parse(token.streamId());
            return stream.category().equals(OrderCommands.CATEGORY) ? Optional.of(stream.id()) : Optional.empty();
        } catch (IllegalArgumentException noOrderHasIt) {
            return Optional.empty(); // well-formed as a token, but no order id: names nothing in this list
        }
    }

    private static boolean onPageAtVersion(List<CustomerOrderItem> items, String orderId, long version) {
        return items.stream().anyMatch(item -> item.orderId().equals(orderId) && item.version() >= version);
    }

    /** Another customer's order is missing from this list, whatever a token names. */
    private Optional<CustomerOrderItem> current(String orderId, long version, String customerId) {
        return switch (lookup.find(orderId, version, Duration.ZERO, state -> customerId.equals(state.customerId()))) {
            case Found found -> CustomerOrderItem.of(found.state(), found.version());
            case Missing missing -> Optional.empty();
            case Behind behind ->
                throw new ProblemException(
                        OrderQueryRoutes.versionNotWritten(orderId, behind.currentVersion(), version));
        };
    }

    /** Between the cursor it starts after and the last item of a page that has a next one (both newest first). */
    private static boolean belongsOnPage(String sortKey, Optional<String> after, Optional<String> lastSortKey) {
        return after.map(cursor -> sortKey.compareTo(cursor) < 0).orElse(true)
                && lastSortKey.map(last -> sortKey.compareTo(last) > 0).orElse(true);
    }
}

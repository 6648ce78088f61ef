package dev.eventline.ordering;

import java.util.ArrayList;
import java.util.List;

/** Line arithmetic shared by decide and evolve, so both agree on how a SKU merges. */
final class OrderLines {
    private OrderLines() {}

    /** Grows the line of the same SKU in place, keeping the order in which SKUs were first added. */
    static List<OrderLine> merge(List<OrderLine> lines, OrderLine added) {
        List<OrderLine> result = new ArrayList<>(lines.size() + 1);
        boolean merged = false;
        for (OrderLine line : lines) {
            if (line.sku().equals(added.sku())) {
                result.add(
                        new OrderLine(line.sku(), Math.addExact(line.quantity(), added.quantity()), line.unitPrice()));
                merged = true;
            } else {
                result.add(line);
            }
        }
        if (!merged) {
            result.add(added);
        }
        return List.copyOf(result);
    }

    static List<OrderLine> without(List<OrderLine> lines, String sku) {
        return lines.stream().filter(line -> !line.sku().equals(sku)).toList();
    }

    /** Exact arithmetic: a silently wrapped total would be a wrong invoice. */
    static long total(List<OrderLine> lines) {
        long total = 0;
        for (OrderLine line : lines) {
            total = Math.addExact(total, Math.multiplyExact(line.unitPrice(), line.quantity()));
        }
        return total;
    }
}

package dev.eventline.testsupport.capacity;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * DynamoDB item size by the published rules: attribute name bytes plus value bytes (strings UTF-8,
 * numbers about one byte per two significant digits plus one, binary raw, booleans and nulls one
 * byte, maps and lists three bytes plus one per element). Emulators report fixed capacity numbers,
 * so capacity is computed from these sizes instead.
 */
public final class ItemSize {
    private ItemSize() {}

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            size += utf8(attribute.getKey()) + value(attribute.getValue());
        }
        return size;
    }

    static long value(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return number(v.n());
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || Boolean.TRUE.equals(v.nul())) {
            return 1;
        }
        if (v.hasM()) {
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : v.m().entrySet()) {
                size += 1 + utf8(e.getKey()) + value(e.getValue());
            }
            return size;
        }
        if (v.hasL()) {
            long size = 3;
            for (AttributeValue e : v.l()) {
                size += 1 + value(e);
            }
            return size;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(ItemSize::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(ItemSize::number).sum();
        }
        return 0;
    }

    private static long number(String n) {
        String digits =
                new BigDecimal(n).stripTrailingZeros().unscaledValue().abs().toString();
        return (digits.length() + 1) / 2 + 1;
    }

    private static long utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** Write capacity units: one per started KB. */
    public static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    /** Read capacity units: one per started 4 KB strongly consistent, half that eventually consistent. */
    public static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }
}

package dev.eventline.ordering;

/** {@code NONE} is the state of a stream without events, so "not found" needs no null. */
public enum OrderStatus {
    NONE,
    PLACED,
    CONFIRMED,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELLED
}

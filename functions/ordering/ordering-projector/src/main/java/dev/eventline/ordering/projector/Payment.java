package dev.eventline.ordering.projector;

import dev.eventline.ordering.readmodel.DailySalesItem;
import java.time.Instant;

/** A captured payment to count in daily sales, with the stream it came from (for failure attribution). */
record Payment(String streamId, String orderId, long amount, String currency, Instant capturedAt) {

    String day() {
        return DailySalesItem.day(capturedAt);
    }
}

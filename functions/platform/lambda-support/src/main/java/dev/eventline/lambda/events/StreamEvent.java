package dev.eventline.lambda.events;

import java.util.List;

/**
 * One invocation of a DynamoDB Streams consumer: {@code {"Records":[…]}} in the shard's order.
 *
 * @param records never null; empty when Lambda sent none
 */
public record StreamEvent(List<ChangeRecord> records) {
    public StreamEvent {
        records = records == null ? List.of() : List.copyOf(records);
    }
}

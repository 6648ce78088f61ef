package dev.eventline.lambda.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * A partial batch response ({@code ReportBatchItemFailures}), for stream and queue consumers alike:
 * {@code {"batchItemFailures":[{"itemIdentifier":…}]}}. The identifier is a record's sequence number
 * (streams) or a message id (SQS). Read and written by {@link EventJson}.
 *
 * @param batchItemFailures never null; empty when every record is done
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BatchResponse(List<ItemFailure> batchItemFailures) {
    public BatchResponse {
        batchItemFailures = batchItemFailures == null ? List.of() : List.copyOf(batchItemFailures);
    }

    /** Every record done. */
    public static BatchResponse allDone() {
        return new BatchResponse(List.of());
    }

    /** The records with these identifiers failed. */
    public static BatchResponse failed(List<String> itemIdentifiers) {
        return new BatchResponse(itemIdentifiers.stream().map(ItemFailure::new).toList());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ItemFailure(String itemIdentifier) {}
}

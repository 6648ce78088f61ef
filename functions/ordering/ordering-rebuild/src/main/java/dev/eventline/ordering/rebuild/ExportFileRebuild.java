package dev.eventline.ordering.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eventline.eventstore.dynamodb.DynamoDbEventReader;
import dev.eventline.ordering.application.OrderCommands;
import dev.eventline.ordering.application.OrderEventCodec;
import dev.eventline.ordering.readmodel.GenerationPointers;
import dev.eventline.ordering.readmodel.ReadModelStore;
import dev.eventline.ordering.readmodel.ReadModelTables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The worker of the distributed rebuild: one data file of a DynamoDB export of the events table
 * ({@code ExportTableToPointInTime}, DynamoDB JSON, one gzip file of {@code {"Item":{…}}} lines)
 * folded into a read-model generation.
 *
 * <p>Why not fold the events found in the file: an export splits a table into files by its own
 * partitioning, so one stream's events may lie in several files, and a file's fold of a part of a
 * stream would be wrong. Instead the file only <em>names</em> streams: each stream has exactly one
 * version-1 item, so exactly one file in the whole export names it, and that file's worker folds it
 * from the events table with one consistent {@code Query}, with the same fold as every other rebuild
 * (OrderStreamFold: the projector's StreamFold). The fold reaches the stream's head, newer than the
 * export; the version-conditioned writes make the projector (which writes the generation being built
 * too) and the worker agree whichever writes last. A worker run twice (a retried child) writes the
 * same items again: idempotent.
 */
public final class ExportFileRebuild {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final S3Client s3;
    private final GenerationPointers pointers;
    private final ReadModelStore store;
    private final OrderStreamFold fold;
    private final Clock clock;

    public ExportFileRebuild(
            DynamoDbClient dynamoDb, S3Client s3, String eventsTable, GenerationPointers pointers, Clock clock) {
        this.s3 = s3;
        this.pointers = pointers;
        this.store = new ReadModelStore(dynamoDb, pointers);
        this.fold = new OrderStreamFold(new DynamoDbEventReader(dynamoDb, eventsTable), new OrderEventCodec());
        this.clock = clock;
    }

    /**
     * @param itemsRead  lines of the file (event items)
     * @param streams    streams folded: those whose version-1 item is in this file
     * @param unfoldable streams whose fold stopped (at most {@link OrderReadModelRebuild#MAX_REPORTED})
     */
    public record FileOutcome(String key, long itemsRead, long streams, long events, List<String> unfoldable) {
        public FileOutcome {
            unfoldable = List.copyOf(unfoldable);
        }
    }

    /** Folds the streams the file names into generation {@code generation}; throws when a read or write fails. */
    public FileOutcome rebuild(String bucket, String key, long generation) {
        if (generation < 1) {
            throw new IllegalArgumentException("a generation is at least 1, was " + generation);
        }
        ReadModelTables target = pointers.base().generation(generation);
        String category = OrderCommands.CATEGORY + "-";
        long items = 0;
        long streams = 0;
        long events = 0;
        List<String> unfoldable = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(s3.getObject(r -> r.bucket(bucket).key(key))), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                items++;
                JsonNode item = JSON.readTree(line).path("Item");
                String streamId = item.path("streamId").path("S").asText("");
                if (!streamId.startsWith(category)
                        || !"1".equals(item.path("version").path("N").asText())) {
                    continue;
                }
                OrderStreamFold.Result folded = fold.fold(streamId, clock.instant());
                // the summary last: whatever its version covers is already in the other read model
                folded.byCustomer().ifPresent(i -> store.save(target, i));
                folded.summary().ifPresent(s -> store.save(target, s));
                streams++;
                events += folded.events();
                if (folded.failure().isPresent() && unfoldable.size() < OrderReadModelRebuild.MAX_REPORTED) {
                    unfoldable.add(streamId + ": " + folded.failure().get().getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read export file s3://" + bucket + "/" + key, e);
        }
        return new FileOutcome(key, items, streams, events, unfoldable);
    }
}

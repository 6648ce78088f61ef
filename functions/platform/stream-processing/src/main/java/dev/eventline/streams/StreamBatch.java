package dev.eventline.streams;

import dev.eventline.lambda.events.ChangeRecord;
import dev.eventline.lambda.events.StreamEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Lambda batch grouped by stream, each group keeping the batch order of its records. Records
 * that are not inserts (the store never updates or deletes events, so these are foreign writes)
 * are set apart: they carry no event to project.
 */
public record StreamBatch(List<ChangeRecord> records, List<StreamSlice> slices, List<Delivery> notEvents) {
    /** The group of records whose stream cannot be told even from their keys. */
    public static final String UNKNOWN_STREAM = "?";

    public StreamBatch {
        records = List.copyOf(records);
        slices = List.copyOf(slices);
        notEvents = List.copyOf(notEvents);
    }

    public static StreamBatch of(StreamEvent event) {
        return of(event == null ? List.of() : event.records());
    }

    public static StreamBatch of(List<ChangeRecord> records) {
        Map<String, List<Delivery>> byStream = new LinkedHashMap<>();
        List<Delivery> notEvents = new ArrayList<>();
        for (int position = 0; position < records.size(); position++) {
            ChangeRecord record = records.get(position);
            if (StreamRecords.isSnapshot(record)) {
                continue; // a snapshot beside the events: a cache entry, nothing to consume
            }
            if (!"INSERT".equals(record.eventName())) {
                notEvents.add(new Delivery(position, record, null, null));
                continue;
            }
            Delivery delivery = Delivery.decode(position, record);
            String streamId = delivery.isDecoded()
                    ? delivery.event().streamId()
                    : StreamRecords.streamIdOf(record).orElse(UNKNOWN_STREAM);
            byStream.computeIfAbsent(streamId, s -> new ArrayList<>()).add(delivery);
        }
        List<StreamSlice> slices = new ArrayList<>(byStream.size());
        byStream.forEach((streamId, deliveries) -> slices.add(new StreamSlice(streamId, deliveries)));
        return new StreamBatch(records, slices, notEvents);
    }

    public int eventCount() {
        return slices.stream().mapToInt(s -> s.deliveries().size()).sum();
    }
}

package dev.eventline.streams;

/**
 * How the runtime hands a batch to its consumer: in order from a checkpoint
 * ({@link OrderedConsumption}), or as the latest version per stream ({@link LatestVersionConsumption}).
 */
sealed interface Consumption extends BatchProcessor.Projection permits OrderedConsumption, LatestVersionConsumption {

    /** @see StreamRedrive#redrive(String, long) */
    SliceOutcome redrive(String streamId, long version);

    /** Records of a stream the consumer cannot take at all: poison, at the first version delivered. */
    static UnprocessableEventException notConsumable(StreamSlice slice, String why) {
        Delivery first =
                slice.deliveries().isEmpty() ? null : slice.deliveries().getFirst();
        long version = first == null ? 0 : first.version().orElse(0L);
        return new UnprocessableEventException(
                slice.streamId(),
                version,
                null,
                new IllegalArgumentException(why, first == null ? null : first.failure()));
    }
}

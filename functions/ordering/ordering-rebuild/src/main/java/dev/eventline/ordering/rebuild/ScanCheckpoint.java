package dev.eventline.ordering.rebuild;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a scan of the events table got to, per segment: the last evaluated key of the last page
 * whose streams were all written, or done. Kept in a small properties file, replaced atomically
 * after every page, so a rerun after Ctrl-C, a crash or a throttling storm continues from there (a
 * page may be written twice; the writes are version-conditioned, so that costs requests, nothing else).
 * The file names its job (e.g. {@code blue-green:g3}): a checkpoint of another job is ignored,
 * never continued.
 */
final class ScanCheckpoint implements GenerationFill.State {
    private final Path file;
    private final String job;
    private final int segments;
    private Properties memory;

    /** @param file null: kept in memory only (a verification, which is cheap to start over) */
    ScanCheckpoint(Path file, String job, int segments) {
        this.file = file;
        this.job = job;
        this.segments = segments;
    }

    static ScanCheckpoint inMemory(String job, int segments) {
        return new ScanCheckpoint(null, job, segments);
    }

    /** A phase of the job that is over (e.g. the truncation before a replay). */
    synchronized boolean passed(String phase) {
        return "true".equals(load().getProperty("phase." + phase));
    }

    synchronized void pass(String phase) {
        Properties p = load();
        p.setProperty("phase." + phase, "true");
        store(p);
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(load().getProperty("fill." + key));
    }

    @Override
    public synchronized void put(String key, String value) {
        Properties p = load();
        p.setProperty("fill." + key, value);
        store(p);
    }

    @Override
    public synchronized void remove(String key) {
        Properties p = load();
        p.remove("fill." + key);
        store(p);
    }

    /** The start key of a segment; empty when it starts from the beginning. */
    synchronized Optional<Map<String, AttributeValue>> startKey(int segment) {
        Properties p = load();
        String streamId = p.getProperty("segment." + segment + ".streamId");
        String version = p.getProperty("segment." + segment + ".version");
        if (streamId == null || version == null) {
            return Optional.empty();
        }
        return Optional.of(
                Map.of("streamId", AttributeValue.fromS(streamId), "version", AttributeValue.fromN(version)));
    }

    synchronized boolean done(int segment) {
        return "true".equals(load().getProperty("segment." + segment + ".done"));
    }

    synchronized long streamsDone() {
        return Long.parseLong(load().getProperty("streamsDone", "0"));
    }

    synchronized void advance(int segment, Map<String, AttributeValue> lastEvaluatedKey, long streamsInPage) {
        Properties p = load();
        if (lastEvaluatedKey == null || lastEvaluatedKey.isEmpty()) {
            p.setProperty("segment." + segment + ".done", "true");
        } else {
            p.setProperty(
                    "segment." + segment + ".streamId",
                    lastEvaluatedKey.get("streamId").s());
            p.setProperty(
                    "segment." + segment + ".version",
                    lastEvaluatedKey.get("version").n());
        }
        p.setProperty("streamsDone", Long.toString(Long.parseLong(p.getProperty("streamsDone", "0")) + streamsInPage));
        store(p);
    }

    /** Forgets the progress: the job is complete (or must start over). */
    synchronized void clear() {
        memory = null;
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete checkpoint " + file, e);
        }
    }

    private Properties load() {
        Properties p = new Properties();
        if (file == null) {
            if (memory != null) {
                p.putAll(memory);
            }
        } else if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read checkpoint " + file, e);
            }
        }
        if (!job.equals(p.getProperty("job")) || !Integer.toString(segments).equals(p.getProperty("segments"))) {
            Properties fresh = new Properties();
            fresh.setProperty("job", job);
            fresh.setProperty("segments", Integer.toString(segments));
            return fresh;
        }
        return p;
    }

    private void store(Properties p) {
        if (file == null) {
            memory = p;
            return;
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp)) {
                p.store(out, "eventline rebuild checkpoint: delete to start over");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + file, e);
        }
    }
}

package dev.eventline.ops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.eventline.local.EndpointFile;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every subcommand is built with (picocli's factory passes it to a constructor taking it): the
 * global options, the one clock of this process, the environment variables, and the target's SDK
 * clients, created on first use and closed when the command ends.
 */
public final class Ops implements AutoCloseable {
    static final URI DEFAULT_LOCAL_ENDPOINT = URI.create("http://127.0.0.1:3000");
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    final GlobalOptions options = new GlobalOptions();
    private final Clock clock;
    private final Function<String, String> environment;
    private Clients clients;

    public Ops(Clock clock, Map<String, String> environment) {
        this.clock = clock;
        this.environment = environment::get;
    }

    public GlobalOptions options() {
        return options;
    }

    public Clock clock() {
        return clock;
    }

    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.apply(name)).filter(v -> !v.isBlank());
    }

    /** --env wins; otherwise the local stack: AWS_ENDPOINT_URL, the endpoint file, the default port. */
    public Target target() {
        return options.env()
                .<Target>map(Target.Aws::new)
                .orElseGet(() -> env("AWS_ENDPOINT_URL")
                        .map(url -> new Target.Local(URI.create(url), "AWS_ENDPOINT_URL"))
                        .or(() -> EndpointFile.resolve().map(uri -> new Target.Local(uri, EndpointFile.path() + "")))
                        .orElseGet(() -> new Target.Local(DEFAULT_LOCAL_ENDPOINT, "default")));
    }

    /** The resources of the target, for the operations library. */
    public dev.eventline.operations.Resources resources() {
        return ResourcesOf.names(target().names());
    }

    public synchronized Clients clients() {
        if (clients == null) {
            clients = new Clients(target());
        }
        return clients;
    }

    /** Writes {@code answer} as JSON (--json) or as the text {@code human} renders. */
    public <T> void print(PrintWriter out, T answer, Function<T, String> human) {
        if (options.json()) {
            try {
                out.println(JSON.writeValueAsString(answer));
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            out.print(human.apply(answer));
            out.flush();
        }
    }

    /** A progress bar on stderr with rate and ETA; nothing in --json mode. */
    public Progress progress(String task, long total) {
        return options.json() ? Progress.silent() : Progress.bar(task, total, 0);
    }

    /** The same, for an operation resumed with {@code done} of {@code total} already behind it. */
    public Progress progress(String task, long total, long done) {
        return options.json() ? Progress.silent() : Progress.bar(task, total, done);
    }

    @Override
    public synchronized void close() {
        if (clients != null) {
            clients.close();
            clients = null;
        }
    }
}

package dev.eventline.local.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A moto server on a free loopback port, from the project's virtualenv ({@code .venv}, created from
 * the pinned {@code localstack/requirements.txt} by {@code localstack/bootstrap-venv.sh}).
 */
public final class MotoServer implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final URI endpoint;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start() {
        return start(freePort());
    }

    public static MotoServer start(int port) {
        Path root = ProjectLayout.root();
        return launch(port, root.resolve("localstack/moto_server.py").toString());
    }

    /**
     * moto as released ({@code python -m moto.server}), without the launcher's serialized requests and
     * in-place transaction rollback: only for tests that show what {@code localstack/moto_server.py}
     * mends, or what the local runtime survives without it.
     */
    public static MotoServer startUnpatched() {
        return launch(freePort(), "-m", "moto.server");
    }

    private static MotoServer launch(int port, String... launcher) {
        Path root = ProjectLayout.root();
        Path python = ensureVirtualenv(root);
        Path log = root.resolve("target/moto-" + port + ".log");
        List<String> command = new ArrayList<>(List.of(python.toString()));
        command.addAll(List.of(launcher));
        command.addAll(List.of("-H", "127.0.0.1", "-p", Integer.toString(port)));
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            MotoServer server = new MotoServer(process, URI.create("http://127.0.0.1:" + port));
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "moto-shutdown"));
            server.awaitReady(log);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start moto server " + command, e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Wipes every resource and item: each test class starts from nothing. */
    public void reset() {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint.resolve("/moto-api/reset"))
                            .POST(HttpRequest.BodyPublishers.noBody())
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "moto reset answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("moto reset failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while resetting moto", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitReady(Path log) {
        // a timeout of this process, not a time of day: the monotonic clock, which no date setting moves
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("moto server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() < 500) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
            try {
                Thread.sleep(100); // polling a child process for readiness, bounded by STARTUP_TIMEOUT
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for moto", e);
            }
        }
        close();
        throw new IllegalStateException("moto server not ready after " + STARTUP_TIMEOUT + "; see " + log);
    }

    /**
     * Creates the virtualenv from the pinned requirements when it is missing or out of date, and
     * returns its Python (the venv's other tools, such as schemathesis, are beside it). moto runs
     * through {@code localstack/moto_server.py}, which serializes requests so that conditional
     * writes are atomic as they are in DynamoDB, and rolls a cancelled transaction back in place so
     * that the tables' streams live on.
     */
    public static Path ensureVirtualenv(Path root) {
        Path executable = root.resolve(".venv/bin/python");
        Path script = root.resolve("localstack/bootstrap-venv.sh");
        try {
            Process bootstrap = new ProcessBuilder(List.of("bash", script.toString()))
                    .directory(root.toFile())
                    .redirectErrorStream(true)
                    .inheritIO()
                    .start();
            int exit = bootstrap.waitFor();
            if (exit != 0 || !Files.isExecutable(executable)) {
                throw new IllegalStateException(
                        script + " failed with exit code " + exit + "; moto is needed for local runs");
            }
            return executable;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while preparing the virtualenv", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}

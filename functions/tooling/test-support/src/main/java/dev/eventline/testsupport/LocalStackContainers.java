package dev.eventline.testsupport;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * LocalStack as the second emulator, for the same suite. The free image ends at 4.14.0; without a
 * Docker engine the suite is skipped (aborted with the reason), never failed.
 */
final class LocalStackContainers {
    static final DockerImageName IMAGE = DockerImageName.parse("localstack/localstack:4.14.0");
    private static final int EDGE_PORT = 4566;

    private LocalStackContainers() {}

    private static Boolean dockerAvailable;

    /** Looked up once per JVM: probing for a Docker engine takes seconds when there is none. */
    static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            try {
                dockerAvailable = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                dockerAvailable = false;
            }
        }
        return dockerAvailable;
    }

    @SuppressWarnings("resource") // stopped by Testcontainers' reaper when the JVM exits
    static URI start() {
        Assumptions.assumeTrue(
                dockerAvailable(),
                "LocalStack suite skipped: no Docker engine is reachable (Testcontainers found none)");
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withExposedPorts(EDGE_PORT)
                .withEnv("SERVICES", "dynamodb,dynamodbstreams,sqs,events")
                .waitingFor(Wait.forHttp("/_localstack/health")
                        .forPort(EDGE_PORT)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        container.start();
        return URI.create("http://" + container.getHost() + ":" + container.getMappedPort(EDGE_PORT));
    }
}

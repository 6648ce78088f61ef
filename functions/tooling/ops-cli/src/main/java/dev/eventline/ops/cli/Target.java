package dev.eventline.ops.cli;

import dev.eventline.infrastructure.config.ResourceNames;
import java.net.URI;
import java.util.Optional;

/**
 * What a command talks to: the local stack (moto at an endpoint, the {@code dev} names the local
 * templates carry) or a deployed environment (no endpoint: the SDK's default chains pick credentials
 * and region).
 */
public sealed interface Target {

    ResourceNames names();

    /** The endpoint every client is pointed at, when not AWS itself. */
    Optional<URI> endpoint();

    String describe();

    /** The environment the local templates are synthesized for (localstack/template). */
    String LOCAL_ENV = "dev";

    record Local(URI uri, String source) implements Target {
        @Override
        public ResourceNames names() {
            return new ResourceNames(LOCAL_ENV);
        }

        @Override
        public Optional<URI> endpoint() {
            return Optional.of(uri);
        }

        @Override
        public String describe() {
            return "local stack at " + uri + " (" + source + ")";
        }
    }

    record Aws(GlobalOptions.Env env) implements Target {
        @Override
        public ResourceNames names() {
            return new ResourceNames(env.name());
        }

        @Override
        public Optional<URI> endpoint() {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "AWS environment " + env + " (default credential chain and region)";
        }
    }
}

package dev.eventline.infrastructure;

import dev.eventline.infrastructure.assets.FunctionAssets;
import dev.eventline.infrastructure.assets.PlaceholderAssets;
import dev.eventline.infrastructure.assets.RepositoryRoot;
import dev.eventline.infrastructure.config.ConfigInputs;
import dev.eventline.infrastructure.export.TemplateNormalizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.cxapi.CloudAssembly;
import software.amazon.awscdk.cxapi.CloudFormationStackArtifact;

/**
 * Writes the {@code dev} templates, normalized ({@link TemplateNormalizer}), to
 * {@code localstack/template/<StackName>.template.json}: what the local emulator provisions from.
 * Synthesizes without real function jars (templates carry no code) and without account or region
 * (the templates use the pseudo parameters), so the output only changes when the infrastructure does.
 *
 * <p>{@code mvn -pl infrastructure compile exec:java -Dexec.mainClass=dev.eventline.infrastructure.LocalTemplateExport}
 * (optional argument: the target directory).
 */
public final class LocalTemplateExport {

    public static final String ENVIRONMENT = "dev";
    public static final String SUFFIX = ".template.json";

    private LocalTemplateExport() {}

    public static void main(String[] args) throws IOException {
        Path root = RepositoryRoot.locate(Optional.empty());
        Path target = args.length > 0 ? Path.of(args[0]) : defaultTarget(root);
        Path work = Files.createTempDirectory("eventline-local-export");
        try {
            var app = deterministicApp(ENVIRONMENT, work);
            EventlineApp.define(app, Map.of());
            for (Path written : export(app.synth(), target)) {
                System.out.println("wrote " + written);
            }
        } finally {
            deleteRecursively(work);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    public static Path defaultTarget(Path repositoryRoot) {
        return repositoryRoot.resolve("localstack").resolve("template");
    }

    /**
     * An app whose output depends only on the code: placeholder jars, no account or region. Used
     * by the export and by the tests, so the tests check exactly what is exported.
     */
    public static App deterministicApp(String environment, Path workDirectory) {
        return deterministicApp(environment, workDirectory, Map.of());
    }

    /** As {@link #deterministicApp(String, Path)}, with more context (e.g. the console's domain). */
    public static App deterministicApp(String environment, Path workDirectory, Map<String, String> context) {
        Path placeholders = workDirectory.resolve("assets");
        PlaceholderAssets.createIn(placeholders);
        var all = new HashMap<String, Object>(context);
        all.put(ConfigInputs.ENV, environment);
        all.put(FunctionAssets.OVERRIDE, placeholders.toString());
        return new App(AppProps.builder()
                .outdir(workDirectory.resolve("cdk.out").toString())
                .context(all)
                .build());
    }

    /** Writes one normalized template per stack into {@code target}, removing templates of stacks that no longer exist. */
    public static List<Path> export(CloudAssembly assembly, Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> existing = Files.list(target)) {
                for (Path stale : existing.filter(
                                p -> p.getFileName().toString().endsWith(SUFFIX))
                        .toList()) {
                    Files.delete(stale);
                }
            }
            var written = new ArrayList<Path>();
            for (CloudFormationStackArtifact stack : assembly.getStacks()) {
                Path file = target.resolve(stack.getStackName() + SUFFIX);
                String template = Files.readString(Path.of(stack.getTemplateFullPath()));
                Files.writeString(file, TemplateNormalizer.normalize(template));
                written.add(file);
            }
            return written;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package dev.eventline.infrastructure.assets;

import dev.eventline.infrastructure.config.FunctionSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import software.amazon.awscdk.services.lambda.Code;

/**
 * Where each function's deployment package is: by default the shaded jar Maven builds,
 * {@code functions/<group>/<module>/target/<module>-<version>-lambda.jar}; with {@code eventline.assets=<dir>}
 * (context or system property) a directory holding jars of the same names.
 */
public final class FunctionAssets {

    /** Context key or system property naming a directory of prebuilt jars. */
    public static final String OVERRIDE = "eventline.assets";

    private final Path repositoryRoot;
    private final Path overrideDirectory;
    private final String version;

    private FunctionAssets(Path repositoryRoot, Path overrideDirectory, String version) {
        this.repositoryRoot = repositoryRoot;
        this.overrideDirectory = overrideDirectory;
        this.version = Objects.requireNonNull(version, "version");
    }

    /** The jars Maven builds under {@code <repositoryRoot>/functions}. */
    public static FunctionAssets builtBy(Path repositoryRoot) {
        return new FunctionAssets(repositoryRoot, null, buildVersion());
    }

    /** Jars named as Maven names them, all in {@code directory}. */
    public static FunctionAssets in(Path directory) {
        return new FunctionAssets(null, directory, buildVersion());
    }

    public static String jarName(FunctionSpec spec, String version) {
        return spec.module() + "-" + version + "-lambda.jar";
    }

    public static String buildVersion() {
        try (InputStream in = FunctionAssets.class.getResourceAsStream("/eventline-build.properties")) {
            if (in == null) {
                throw new IllegalStateException(
                        "eventline-build.properties missing from the classpath; build with mvn");
            }
            var properties = new Properties();
            properties.load(in);
            return properties.getProperty("eventline.version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path jar(FunctionSpec spec) {
        String name = jarName(spec, version);
        return overrideDirectory != null
                ? overrideDirectory.resolve(name)
                : repositoryRoot.resolve(spec.modulePath()).resolve("target").resolve(name);
    }

    public Code code(FunctionSpec spec) {
        return Code.fromAsset(jar(spec).toString());
    }

    /** Fails, naming every missing jar and how to build it, unless all function jars exist. */
    public FunctionAssets requireAll() {
        List<FunctionSpec> missing = Arrays.stream(FunctionSpec.values())
                .filter(spec -> !Files.isRegularFile(jar(spec)))
                .toList();
        if (missing.isEmpty()) {
            return this;
        }
        var message = new StringBuilder("Lambda deployment package(s) missing:\n");
        for (FunctionSpec spec : missing) {
            message.append("  ").append(jar(spec)).append('\n');
        }
        if (overrideDirectory == null) {
            String modules = String.join(
                    ",", missing.stream().map(FunctionSpec::modulePath).toList());
            message.append("Build them with: mvn -B -DskipTests -pl ")
                    .append(modules)
                    .append(" -am package\n");
        } else {
            message.append("Put them in ")
                    .append(overrideDirectory)
                    .append(" (set by ")
                    .append(OVERRIDE)
                    .append(")\n");
        }
        message.append("or point -c ").append(OVERRIDE).append("=<dir> at a directory holding them.");
        throw new IllegalStateException(message.toString());
    }
}

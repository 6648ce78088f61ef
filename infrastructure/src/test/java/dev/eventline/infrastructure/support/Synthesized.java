package dev.eventline.infrastructure.support;

import dev.eventline.infrastructure.EventlineApp;
import dev.eventline.infrastructure.LocalTemplateExport;
import dev.eventline.infrastructure.SynthesizeAll;
import dev.eventline.infrastructure.config.ConfigInputs;
import dev.eventline.infrastructure.config.EnvironmentConfig;
import dev.eventline.infrastructure.config.EnvironmentPresets;
import dev.eventline.infrastructure.config.ResourceNames;
import dev.eventline.infrastructure.stacks.EventlineStacks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * One environment, synthesized once per JVM (synthesis costs seconds) and shared by every test:
 * the same deterministic app the local template export uses (placeholder jars, no account or
 * region), so the tests check exactly what is exported and deployed.
 */
public final class Synthesized {

    public static final String JWT_ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Eventline";

    private static final Map<String, Synthesized> CACHE = new ConcurrentHashMap<>();

    private final String environment;
    private final EnvironmentConfig config;
    private final EventlineStacks stacks;
    private final CloudAssembly assembly;
    private final Map<String, Template> templates = new ConcurrentHashMap<>();

    private Synthesized(String environment, Map<String, String> context) {
        this.environment = environment;
        Path work = temporaryDirectory(environment);
        var all = new TreeMap<>(context);
        if (!environment.equals(EnvironmentPresets.DEFAULT_ENVIRONMENT)) {
            SynthesizeAll.EXAMPLE_CONSOLE_CONTEXT.forEach(all::putIfAbsent);
        }
        App app = LocalTemplateExport.deterministicApp(environment, work, all);
        if (!environment.equals("dev")) { // staging and prod refuse to synthesize without a real issuer
            app.getNode().setContext(ConfigInputs.JWT_ISSUER, JWT_ISSUER);
            app.getNode().setContext(ConfigInputs.JWT_AUDIENCE, "eventline-" + environment + "-api");
        }
        this.stacks = EventlineApp.define(app, Map.of());
        this.assembly = app.synth();
        this.config = EnvironmentPresets.resolve(new ConfigInputs(
                key -> Optional.ofNullable(app.getNode().tryGetContext(key)).map(String::valueOf), Map.of()));
    }

    public static synchronized Synthesized environment(String environment) {
        return environment(environment, Map.of());
    }

    /** The environment with more CDK context (a deploy-time override such as the snapshot strategy). */
    public static synchronized Synthesized environment(String environment, Map<String, String> context) {
        return CACHE.computeIfAbsent(
                environment + new TreeMap<>(context), key -> new Synthesized(environment, context));
    }

    private static Path temporaryDirectory(String environment) {
        try {
            Path work = Files.createTempDirectory("eventline-synth-" + environment);
            work.toFile().deleteOnExit();
            return work;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String name() {
        return environment;
    }

    public EnvironmentConfig config() {
        return config;
    }

    public ResourceNames names() {
        return new ResourceNames(environment);
    }

    public EventlineStacks stacks() {
        return stacks;
    }

    public CloudAssembly assembly() {
        return assembly;
    }

    public List<Stack> allStacks() {
        return List.of(stacks.platform(), stacks.ordering(), stacks.accounts(), stacks.api());
    }

    public Template platform() {
        return template(stacks.platform());
    }

    public Template ordering() {
        return template(stacks.ordering());
    }

    public Template accounts() {
        return template(stacks.accounts());
    }

    public Template api() {
        return template(stacks.api());
    }

    public Template template(Stack stack) {
        return templates.computeIfAbsent(stack.getStackName(), name -> Template.fromStack(stack));
    }

    public List<Template> allTemplates() {
        return allStacks().stream().map(this::template).toList();
    }
}

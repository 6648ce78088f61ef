package dev.eventline.local.emulator;

import dev.eventline.local.emulator.Topology.JwtRouteAuth;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code make token SUB=alice [SCOPE=eventline/staff]}: prints a bearer token of the local issuer
 * for the issuer and audience the templates' JWT authorizer names, valid for 12 hours. Use it as
 * {@code Authorization: Bearer <token>} against {@code make up}.
 */
public final class LocalTokens {
    static final Duration LIFETIME = Duration.ofHours(12);

    private LocalTokens() {}

    public static void main(String[] args) {
        if (args.length < 1 || args[0].isBlank()) {
            System.err.println("usage: make token SUB=<subject> [SCOPE=\"<scope> ...\"]");
            System.exit(2);
        }
        List<String> scopes = Arrays.stream(args)
                .skip(1)
                .flatMap(arg -> Arrays.stream(arg.trim().split("\\s+")))
                .filter(scope -> !scope.isEmpty())
                .toList();
        JwtRouteAuth auth = authorizer(TemplateReader.read(ProjectLayout.templates()));
        System.out.println(LocalIssuer.ofProject()
                .mint(new LocalIssuer.Claims(
                        args[0],
                        scopes,
                        auth.issuer(),
                        auth.audience().getFirst(),
                        Clock.systemUTC().instant(),
                        LIFETIME)));
    }

    /** The JWT authorizer of the templates' routes (Eventline's API has one). */
    public static JwtRouteAuth authorizer(Topology topology) {
        return topology.routes().stream()
                .flatMap(route -> route.jwt().stream())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "no JWT authorizer in the templates: run `make synth` to refresh localstack/template"));
    }
}

package dev.eventline.local;

import dev.eventline.local.emulator.LocalIssuer;
import dev.eventline.local.emulator.LocalTokens;
import dev.eventline.local.emulator.ProjectLayout;
import dev.eventline.local.emulator.TemplateReader;
import dev.eventline.local.emulator.Topology.JwtRouteAuth;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Bearer tokens of the local issuer for the templates' JWT authorizer, as {@code make token} mints
 * them: what a client of the local stack sends in {@code Authorization}.
 */
final class Callers {
    static final String STAFF_SCOPE = "eventline/staff";
    private static final Duration LIFETIME = Duration.ofMinutes(30);

    private Callers() {}

    /** The issuer and audience the local stack checks tokens against. */
    static JwtRouteAuth authorizer() {
        return LocalTokens.authorizer(TemplateReader.read(ProjectLayout.templates()));
    }

    /** {@code Bearer <token>} for {@code subject} with {@code scopes}, valid for half an hour from {@code clock}. */
    static String bearer(Clock clock, String subject, String... scopes) {
        JwtRouteAuth auth = authorizer();
        return "Bearer "
                + LocalIssuer.ofProject()
                        .mint(new LocalIssuer.Claims(
                                subject,
                                List.of(scopes),
                                auth.issuer(),
                                auth.audience().getFirst(),
                                clock.instant(),
                                LIFETIME));
    }

    /** A member of staff: every route lets them through. */
    static String staff(Clock clock) {
        return bearer(clock, "staff-e2e", STAFF_SCOPE);
    }
}

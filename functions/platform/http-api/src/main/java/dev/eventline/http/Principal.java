package dev.eventline.http;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who is calling: the {@code sub} and scopes of the JWT that API Gateway's JWT authorizer (or, locally,
 * the local stack's validator standing in for it) has already verified. Read once per request by
 * {@link HttpRequest} from {@code requestContext.authorizer.jwt}; nothing else (a body field, a header)
 * ever names the caller, so a client cannot claim to be someone else.
 *
 * <p>A Lambda behind the authorizer trusts these claims as they arrive: it is not reachable without
 * them (its only trigger is the API), and checking the signature again would need the issuer's keys
 * in every function.
 *
 * @param subject the JWT {@code sub}: printable ASCII, at most {@value #MAX_SUBJECT_LENGTH} characters
 * @param scopes  from the {@code scope} claim (space-separated, as OAuth 2.0 writes it) and the
 *                authorizer's {@code scopes} list
 */
public record Principal(String subject, Set<String> scopes) {
    /** The scope of the shop's staff: ship, deliver, freeze, large overdrafts, anyone's data, full audit trails. */
    public static final String STAFF_SCOPE = "eventline/staff";

    public static final int MAX_SUBJECT_LENGTH = 256;
    /** Printable ASCII without space: it goes into storage keys and event metadata as is. */
    private static final Pattern SUBJECT = Pattern.compile("[\\x21-\\x7E]{1," + MAX_SUBJECT_LENGTH + "}");

    public Principal {
        Objects.requireNonNull(subject, "subject");
        if (!SUBJECT.matcher(subject).matches()) {
            throw new IllegalArgumentException("a subject is 1-" + MAX_SUBJECT_LENGTH + " printable characters");
        }
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }

    public boolean isStaff() {
        return hasScope(STAFF_SCOPE);
    }

    /**
     * A client-chosen key (an {@code Idempotency-Key}) in this caller's own name space, so that
     * another caller's same key is a different key: {@code <context>:<subject length>:<subject>:<key>}.
     * The length makes the split unambiguous whatever the subject contains.
     */
    public String scopedKey(String context, String key) {
        return context + subject.length() + ":" + subject + ":" + key;
    }

    /**
     * The verified caller of an HTTP API (payload 2.0) request; empty without a JWT authorizer
     * context or without a usable {@code sub} (an IAM-authorized or unauthenticated request).
     */
    static Optional<Principal> of(HttpApiEvent.RequestContext context) {
        HttpApiEvent.Authorizer authorizer = context == null ? null : context.authorizer();
        if (authorizer == null || authorizer.jwt() == null) {
            return Optional.empty();
        }
        Map<String, String> claims = authorizer.jwt().claims();
        String subject = claims == null ? null : claims.get("sub");
        if (subject == null || !SUBJECT.matcher(subject).matches()) {
            return Optional.empty();
        }
        Set<String> scopes = new LinkedHashSet<>();
        String scopeClaim = claims.get("scope");
        if (scopeClaim != null) {
            for (String scope : scopeClaim.trim().split("\\s+")) {
                if (!scope.isEmpty()) {
                    scopes.add(scope);
                }
            }
        }
        List<String> listed = authorizer.jwt().scopes();
        if (listed != null) {
            listed.stream().filter(Objects::nonNull).forEach(scopes::add);
        }
        return Optional.of(new Principal(subject, scopes));
    }
}

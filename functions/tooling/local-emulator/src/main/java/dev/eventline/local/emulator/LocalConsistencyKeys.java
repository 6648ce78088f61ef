package dev.eventline.local.emulator;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * The local stand-in for the deployment's bootstrap step (docs/security.md, "Consistency tokens"):
 * a generated HMAC key, put as a SecureString into every parameter a function of the templates
 * names in {@value #VARIABLE}, so the functions read it exactly as on AWS. The key lives only in
 * the emulator (never in a file, never committed); a reset of the emulator makes a new one, which
 * refuses the tokens of before — as a rotation without a previous key would.
 */
public final class LocalConsistencyKeys {
    /** The variable the CDK stacks set on the functions that sign and verify consistency tokens. */
    public static final String VARIABLE = "CONSISTENCY_KEY_PARAMETER";

    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalConsistencyKeys() {}

    /**
     * Puts a new key into each named parameter that does not exist yet (an already running stack
     * keeps its key: its functions hold it).
     *
     * @return the parameter names
     */
    public static List<String> provision(SsmClient ssm, Topology topology) {
        TreeSet<String> names = new TreeSet<>();
        for (Topology.FunctionSpec function : topology.functions()) {
            String name = function.environment().get(VARIABLE);
            if (name != null) {
                names.add(name);
            }
        }
        for (String name : names) {
            try {
                ssm.putParameter(b -> b.name(name)
                        .type(ParameterType.SECURE_STRING)
                        .value(generated())
                        .overwrite(false));
            } catch (ParameterAlreadyExistsException kept) {
                // the running stack's key stays: replacing it would refuse the tokens clients hold
            }
        }
        return List.copyOf(names);
    }

    /** What the bootstrap step puts on AWS too: a key id and 48 random bytes as base64url (64 characters). */
    static String generated() {
        byte[] key = new byte[48];
        RANDOM.nextBytes(key);
        return "{\"keyId\":\"local\",\"key\":\""
                + Base64.getUrlEncoder().withoutPadding().encodeToString(key) + "\"}";
    }
}

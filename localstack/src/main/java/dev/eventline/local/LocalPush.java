package dev.eventline.local;

import dev.eventline.lambda.LambdaEnvironment;
import dev.eventline.local.emulator.AwsEndpoint;
import dev.eventline.local.emulator.JwtAuthorizer;
import dev.eventline.local.emulator.LocalIssuer;
import dev.eventline.local.emulator.LocalTokens;
import dev.eventline.local.emulator.Topology;
import dev.eventline.local.emulator.Topology.FunctionSpec;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The server push of the local stack: the push function of the templates (the WebSocket API's routes,
 * {@code eventline-dev-ordering-push}) behind {@link LocalPushGateway}, and the variable that points the
 * ordering projector's notifier at the gateway's {@code @connections} endpoint. The connections table
 * is the templates' own, provisioned with the others.
 */
final class LocalPush {
    static final String FUNCTION_NAME = "eventline-dev-ordering-push";

    private LocalPush() {}

    /** The gateway, or empty (logged) when the templates have no push function or it is not built. */
    static Optional<LocalPushGateway> start(Topology topology, AwsEndpoint endpoint, Clock clock) {
        Optional<FunctionSpec> pushFunction = topology.function(FUNCTION_NAME);
        if (pushFunction.isEmpty()) {
            LocalLog.warn("server push not started: no function " + FUNCTION_NAME + " in the templates");
            return Optional.empty();
        }
        FunctionSpec spec = pushFunction.get();
        Map<String, String> variables = new LinkedHashMap<>(spec.environment());
        variables.put("AWS_LAMBDA_FUNCTION_NAME", spec.functionName());
        return LocalFunctions.instantiate(spec, new LambdaEnvironment(endpoint.lambdaEnvironment(variables)))
                .map(handler -> LocalPushGateway.start(
                        new LocalFunction(spec, handler, clock),
                        new JwtAuthorizer(LocalIssuer.ofProject().publicKeys()),
                        LocalTokens.authorizer(topology),
                        clock));
    }

    /**
     * {@code PUSH_ENDPOINT} for every notifier of the templates (the ordering and the accounts projector:
     * the functions that have it), over the template's (the stage's https URL in AWS), so each posts to
     * the gateway; the connections table is the template's.
     */
    static Map<String, Map<String, String>> projectorVariables(Topology topology, LocalPushGateway gateway) {
        Map<String, Map<String, String>> variables = new LinkedHashMap<>();
        topology.functions().stream()
                .filter(f -> f.environment().containsKey("PUSH_ENDPOINT"))
                .forEach(f -> variables.put(
                        f.functionName(),
                        Map.of("PUSH_ENDPOINT", gateway.connectionsEndpoint().toString())));
        return variables;
    }
}

package dev.eventline.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the shared emulator once per run and resets it before each test class. When the run asks
 * for LocalStack and no Docker engine is reachable, the classes are reported as skipped, with the reason.
 */
public final class EmulatorExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (Emulator.wantsLocalStack() && !LocalStackContainers.dockerAvailable()) {
            return ConditionEvaluationResult.disabled("LocalStack suite skipped: no Docker engine is reachable here "
                    + "(Testcontainers found none); the same suite ran against moto");
        }
        return ConditionEvaluationResult.enabled("emulator available");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        // nested classes share their enclosing class's state
        if (context.getRequiredTestClass().getEnclosingClass() == null
                || !context.getRequiredTestClass().getEnclosingClass().isAnnotationPresent(WithEmulator.class)) {
            Emulator.shared().reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == Emulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return Emulator.shared();
    }
}

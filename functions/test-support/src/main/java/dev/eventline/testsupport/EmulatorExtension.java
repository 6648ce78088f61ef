package dev.eventline.testsupport;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Starts the shared emulator once per run and resets it before each test class. */
public final class EmulatorExtension implements BeforeAllCallback, ParameterResolver {

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

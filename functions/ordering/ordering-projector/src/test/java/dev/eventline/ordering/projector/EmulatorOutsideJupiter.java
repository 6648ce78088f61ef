package dev.eventline.ordering.projector;

import dev.eventline.testsupport.Emulator;
import dev.eventline.testsupport.EmulatorExtension;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shared emulator for tests run by another engine than Jupiter (jqwik), which cannot use
 * {@code @WithEmulator}: the same extension is driven by hand, through its public methods only.
 * It provisions the template's resources unless a Jupiter test class already did in this run.
 */
final class EmulatorOutsideJupiter {
    private EmulatorOutsideJupiter() {}

    static synchronized Emulator provisioned(Class<?> testClass) {
        EmulatorExtension extension = new EmulatorExtension();
        Emulator emulator = (Emulator) extension.resolveParameter(null, null); // the shared instance; ignores both
        if (emulator.resources() == null) {
            extension.beforeAll(contextOf(testClass));
        }
        return emulator;
    }

    /** Just enough of an extension context for {@code beforeAll}: the test class. */
    private static ExtensionContext contextOf(Class<?> testClass) {
        return (ExtensionContext) Proxy.newProxyInstance(
                ExtensionContext.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRequiredTestClass" -> testClass;
                    case "toString" -> "ExtensionContext[" + testClass.getSimpleName() + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}

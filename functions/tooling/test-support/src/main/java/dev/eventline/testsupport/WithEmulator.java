package dev.eventline.testsupport;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against the emulated AWS (see {@link Emulator}); declare an {@link Emulator}
 * parameter in a constructor, a {@code @BeforeAll} or a test method to get it. Resources are
 * recreated empty before the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EmulatorExtension.class)
public @interface WithEmulator {}

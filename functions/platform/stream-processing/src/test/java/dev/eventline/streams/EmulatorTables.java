package dev.eventline.streams;

import dev.eventline.local.emulator.Topology.TableSpec;
import dev.eventline.testsupport.Emulator;

/**
 * Table names from the templates. This library has no handler class to ask for its environment, and
 * logical ids are CDK hashes, so tables are found by the physical name's suffix.
 */
final class EmulatorTables {
    private EmulatorTables() {}

    static String eventsTable(Emulator emulator) {
        return bySuffix(emulator, "-ordering-events");
    }

    static String idempotencyTable(Emulator emulator) {
        return bySuffix(emulator, "-ordering-idempotency");
    }

    private static String bySuffix(Emulator emulator, String suffix) {
        return emulator.topology().tables().stream()
                .map(TableSpec::name)
                .filter(name -> name.endsWith(suffix))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no table *" + suffix + " in the templates"));
    }
}

package dev.eventline.ops.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;

/** One {@code eventline} invocation in process, with its exit code and what it printed. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Clock clock, Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        try (Ops ops = new Ops(clock, environment)) {
            var line = Eventline.commandLine(ops);
            line.setOut(new PrintWriter(out, true));
            line.setErr(new PrintWriter(err, true));
            int code = line.execute(args);
            return new CliRun(code, out.toString(), err.toString());
        }
    }
}

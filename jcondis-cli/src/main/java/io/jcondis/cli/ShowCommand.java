package io.jcondis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.node.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.List;

/** {@code jcondis show [--node N] [afs|saps|vcs|calls|parties]}: a node's objects, QoS and per-VC counters. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a node's address families, SAPs, VCs (with counters), calls (with QoS) and parties.")
final class ShowCommand extends NodeRequestCommand {
    private static final List<String> SECTIONS = List.of("afs", "saps", "vcs", "calls", "parties");

    @Parameters(arity = "0..1", paramLabel = "WHAT", description = "afs, saps, vcs, calls or parties (default: all)")
    String what;

    @Override
    ControlRequest request() {
        ControlRequest r = ControlRequest.of("show");
        return what == null ? r : r.with("what", what);
    }

    @Override
    void print(JsonNode result, PrintStream out) {
        for (String s : SECTIONS) {
            JsonNode rows = result.get(s);
            if (rows == null) {
                continue;
            }
            out.println(s + " (" + rows.size() + ")");
            rows.forEach(row -> out.println("  " + fields(row)));
        }
        JsonNode driver = result.get("driver");
        if (driver != null && what == null) {
            out.println("driver " + fields(driver));
        }
    }
}

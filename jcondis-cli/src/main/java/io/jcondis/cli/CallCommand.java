package io.jcondis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.node.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jcondis call [--node N] [--from HOST] ADDR [--tx RATE --rx RATE] [--multipoint ADDR...]}: makes a
 * call (D1, E1) and, for a point-to-multipoint call, adds a party per further address (E3). Prints the call id
 * on the first line, then one line per added party. Exit status 1 when the call failed or a party was refused
 * (the call then stays up).
 */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = "Make a call from a node's host; prints the call id.")
final class CallCommand extends NodeRequestCommand {
    @Parameters(paramLabel = "ADDR", description = "called address HOST:SELECTOR")
    String to;

    @Option(names = "--from", paramLabel = "HOST", description = "the calling host (default: the node's first)")
    String from;

    @Option(names = "--tx", paramLabel = "RATE", description = "transmit peak = sustained rate, bytes/s (k, M, G);"
            + " default best effort")
    String tx;

    @Option(names = "--rx", paramLabel = "RATE", description = "receive rate, bytes/s; default best effort")
    String rx;

    @Option(names = "--multipoint", arity = "1..*", paramLabel = "ADDR",
            description = "make a point-to-multipoint call and add these leaves")
    List<String> leaves = new ArrayList<>();

    @Override
    ControlRequest request() {
        ControlRequest r = ControlRequest.of("call").with("to", to);
        r = from == null ? r : r.with("from", from);
        r = tx == null ? r : r.with("tx", tx);
        r = rx == null ? r : r.with("rx", rx);
        return leaves.isEmpty() ? r : r.with("multipoint", leaves);
    }

    @Override
    void print(JsonNode result, PrintStream out) {
        out.println(result.path("call").asText());
        for (JsonNode p : result.path("added")) {
            out.println("party " + p.path("to").asText() + " " + (p.path("party").isNull() ? "refused"
                    : p.path("party").asText()) + " " + p.path("status").asText());
        }
    }

    @Override
    int exitStatus(JsonNode result) {
        for (JsonNode p : result.path("added")) {
            if (p.path("party").isNull()) {
                return 1;
            }
        }
        return 0;
    }
}

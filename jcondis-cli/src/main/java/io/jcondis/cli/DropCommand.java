package io.jcondis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.node.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;

/**
 * {@code jcondis drop [--node N] CALL [PARTY]}: drops one party of a point-to-multipoint call (E4), or closes
 * the call (E9; extra parties dropped first, R22) and deletes the node's VC.
 */
@Command(name = "drop", mixinStandardHelpOptions = true, description = "Close a call, or drop one of its parties.")
final class DropCommand extends NodeRequestCommand {
    @Parameters(index = "0", paramLabel = "CALL", description = "the call id (vc#N or N)")
    String call;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PARTY", description = "a party id (party#N or N)")
    String party;

    @Override
    ControlRequest request() {
        ControlRequest r = ControlRequest.of("drop").with("call", call);
        return party == null ? r : r.with("party", party);
    }

    @Override
    void print(JsonNode result, PrintStream out) {
        if (result.has("party")) {
            out.println(result.path("party").asText() + " dropped from " + result.path("call").asText());
        } else {
            out.println(result.path("call").asText() + " closed");
        }
    }
}

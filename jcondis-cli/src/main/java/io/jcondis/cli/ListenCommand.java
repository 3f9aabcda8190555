package io.jcondis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.node.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;

/** {@code jcondis listen [--node N] HOST:SELECTOR}: registers a SAP (B1); incoming calls are accepted. */
@Command(name = "listen", mixinStandardHelpOptions = true,
        description = "Register a SAP on a node's host: incoming calls to it are accepted with their QoS and"
                + " their data counted.")
final class ListenCommand extends NodeRequestCommand {
    @Parameters(paramLabel = "HOST:SELECTOR", description = "the SAP; '*' is a wildcard on either side")
    String sap;

    @Option(names = "--host", paramLabel = "HOST", description = "the host, when the SAP's address is '*'")
    String host;

    @Override
    ControlRequest request() {
        ControlRequest r = ControlRequest.of("listen").with("sap", sap);
        return host == null ? r : r.with("host", host);
    }

    @Override
    void print(JsonNode result, PrintStream out) {
        out.println("listening on " + result.path("sap").asText() + " (host " + result.path("host").asText()
                + ", " + result.path("handle").asText() + ")");
    }
}

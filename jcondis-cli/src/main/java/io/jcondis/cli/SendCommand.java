package io.jcondis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.node.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;

/** {@code jcondis send [--node N] CALL [--count N --bytes B]}: sends packets on a connected call (F1). */
@Command(name = "send", mixinStandardHelpOptions = true, description = "Send packets on a connected call.")
final class SendCommand extends NodeRequestCommand {
    @Parameters(paramLabel = "CALL", description = "the call id (vc#N or N)")
    String call;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "packets (default 1)")
    long count;

    @Option(names = "--bytes", paramLabel = "B", defaultValue = "64", description = "bytes each (default 64)")
    long bytes;

    @Override
    ControlRequest request() {
        return ControlRequest.of("send").with("call", call).with("count", count).with("bytes", bytes);
    }

    @Override
    void print(JsonNode result, PrintStream out) {
        out.println(result.path("call").asText() + ": sent " + result.path("sent").asLong() + " packets ("
                + result.path("bytes").asLong() + " bytes); on this call " + result.path("sendsCompleted").asLong()
                + " completed, " + result.path("sendsFailed").asLong() + " failed"
                + (result.path("refused").asLong() > 0 ? "; " + result.path("refused").asLong() + " refused: "
                + result.path("firstRefusal").asText() : ""));
    }

    @Override
    int exitStatus(JsonNode result) {
        return result.path("refused").asLong() > 0 ? 1 : 0;
    }
}

package io.jcondis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.node.ControlRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;

/**
 * {@code jcondis send [--node N] CALL [--count N --bytes B]}: sends packets on a connected call (F1), paced by
 * the node (at most {@code Node.SEND_WINDOW} outstanding), and prints how many completed with which status.
 */
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
        StringBuilder statuses = new StringBuilder();
        result.path("statuses").fields().forEachRemaining(e -> statuses.append(' ').append(e.getKey()).append(' ')
                .append(e.getValue().asLong()));
        out.println(result.path("call").asText() + ": sent " + result.path("sent").asLong() + " packets ("
                + result.path("bytes").asLong() + " bytes), completions" + (statuses.length() == 0 ? " none"
                : statuses) + "; on this call " + result.path("sendsCompleted").asLong()
                + " completed, " + result.path("sendsFailed").asLong() + " failed"
                + (result.path("refused").asLong() > 0 ? "; " + result.path("refused").asLong() + " refused: "
                + result.path("firstRefusal").asText() : ""));
    }

    /** @return 1 when a packet was refused or completed with anything but SUCCESS, else 0 */
    @Override
    int exitStatus(JsonNode result) {
        long succeeded = result.path("statuses").path("SUCCESS").asLong();
        return result.path("refused").asLong() > 0 || result.path("completed").asLong() != succeeded ? 1 : 0;
    }
}

package io.jcondis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.node.ControlReply;
import io.jcondis.node.ControlRequest;
import io.jcondis.node.NodeClient;
import io.jcondis.node.NodeState;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The shape of every command that talks to a running node: find it by name (its state file), send one
 * control request, print the result, and turn every error (unknown node, error reply) into one line on
 * stderr naming the problem and exit status 1.
 */
abstract class NodeRequestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--node", paramLabel = "NAME",
            description = "the node (default: the only one running)")
    String node;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "where node state files are (default: $JCONDIS_STATE_DIR, $XDG_RUNTIME_DIR/jcondis/nodes"
                    + " or ~/.jcondis/nodes)")
    Path stateDir;

    @Option(names = "--json", description = "print the reply's result as JSON")
    boolean json;

    /** @return the request to send */
    abstract ControlRequest request();

    /** Prints an ok reply's result for people. */
    abstract void print(JsonNode result, PrintStream out);

    Path stateDir() {
        return stateDir != null ? stateDir : NodeState.defaultDirectory();
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        String me = "jcondis " + spec.name();
        ControlReply reply;
        try (NodeClient c = NodeClient.connect(stateDir(), node, NodeClient.DEFAULT_REPLY_TIMEOUT_MS)) {
            reply = c.request(request());
        } catch (IOException e) {
            System.err.println(me + ": " + e.getMessage());
            return 1;
        }
        if (!reply.isOk()) {
            System.err.println(me + ": " + reply.error() + ": " + reply.message());
            return 1;
        }
        if (json) {
            out.println(reply.result().toPrettyString());
        } else {
            print(reply.result(), out);
        }
        out.flush();
        return exitStatus(reply.result());
    }

    /** @return the exit status for an ok reply (0 unless a command knows better) */
    int exitStatus(JsonNode result) {
        return 0;
    }

    /** @return {@code key=value} for each member; nested objects as {@code key=a/b=1/c=2} */
    static String fields(JsonNode row) {
        StringBuilder sb = new StringBuilder();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(e.getKey()).append('=').append(value(e.getValue()));
        }
        return sb.toString();
    }

    private static String value(JsonNode v) {
        if (v.isObject()) {
            StringBuilder sb = new StringBuilder();
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (sb.length() > 0) {
                    sb.append('/');
                }
                sb.append(e.getKey().equals("service") ? "" : e.getKey() + ":").append(value(e.getValue()));
            }
            return sb.length() == 0 ? "-" : sb.toString();
        }
        if (v.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            v.forEach(e -> sb.append(sb.length() > 1 ? "," : "").append(value(e)));
            return sb.append(']').toString();
        }
        return v.isNull() ? "-" : v.asText();
    }
}

package io.jcondis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.node.ControlRequest;
import io.jcondis.node.NodeClient;
import io.jcondis.node.NodeState;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code jcondis stop [--node N]}: asks a node to stop (its R6 teardown, then exit) and waits, bounded, until
 * its process has exited and its state file is gone.
 */
@Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop a running node.")
final class StopCommand extends NodeRequestCommand {
    /** Bound on the wait for the node's exit: its own shutdown bound is 5 s by default. */
    static final long EXIT_BOUND_MS = 20_000;

    private long pid = -1;

    @Override
    ControlRequest request() {
        try {
            pid = NodeClient.find(stateDir(), node).pid();
        } catch (IOException e) {
            // The request itself will fail with the same message; nothing to wait for.
            pid = -1;
        }
        return ControlRequest.of("stop");
    }

    @Override
    void print(JsonNode result, PrintStream out) {
        out.println("node " + result.path("node").asText() + " stopping");
    }

    @Override
    int exitStatus(JsonNode result) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        try {
            if (p.isPresent()) {
                p.get().onExit().get(EXIT_BOUND_MS, TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            System.err.println("jcondis stop: node process " + pid + " did not exit within " + EXIT_BOUND_MS + " ms");
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
        String name = result.path("node").asText();
        if (Files.exists(NodeState.file(stateDir(), name))) {
            System.err.println("jcondis stop: node " + name + " exited but left its state file");
            return 1;
        }
        System.out.println("node " + name + " stopped");
        return 0;
    }
}

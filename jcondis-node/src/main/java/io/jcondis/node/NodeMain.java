package io.jcondis.node;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Runs a node in this process until it is stopped (a {@code stop} request, SIGTERM or interrupt). The CLI's
 * {@code jcondis node} builds a {@link NodeConfig} from its flags and calls {@link #run}; {@link NodeProcess}
 * starts this class's {@link #main} with a configuration file, so the node module can start nodes without the
 * CLI.
 */
public final class NodeMain {
    private NodeMain() {
    }

    /**
     * {@code NodeMain CONFIG.properties}: runs the node the file describes; exits 0 after a clean stop, 2 when
     * the node could not start.
     *
     * @param args one path
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: NodeMain CONFIG.properties");
            System.exit(2);
        }
        NodeConfig config;
        try {
            config = NodeConfig.load(Path.of(args[0]));
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("jcondis node: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(config, System.out, System.err));
    }

    /**
     * Starts the node, prints its ready line to {@code out}, and returns once it has stopped. A shutdown hook
     * stops it on SIGTERM (bounded: the node's shutdown bound).
     *
     * @return 0 after the node stopped, 2 when it could not start (the reason is printed to {@code err})
     */
    public static int run(NodeConfig config, PrintStream out, PrintStream err) {
        Node node;
        try {
            node = Node.start(config, out::println);
        } catch (IOException | RuntimeException e) {
            err.println("jcondis node: " + e.getMessage());
            return 2;
        }
        return serve(node, "jcondis-node-shutdown", out);
    }

    /** What {@link #serve} runs: a node or a fabric node. */
    interface Served extends AutoCloseable {
        /** @return the one line printed when it is ready */
        String readyLine();

        /** Waits (bounded) until it has stopped; false if it had not within {@code timeoutMs}. */
        boolean awaitStopped(long timeoutMs);

        @Override
        void close();
    }

    /**
     * Prints the ready line, then waits until {@code node} has stopped; a shutdown hook named {@code hookName}
     * closes it on SIGTERM.
     *
     * @return 0
     */
    static int serve(Served node, String hookName, PrintStream out) {
        Thread hook = new Thread(node::close, hookName);
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(node.readyLine());
        out.flush();
        // A node runs until it is told to stop: this is the one wait without a deadline, by design.
        while (!node.awaitStopped(60_000)) {
            out.flush();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is what stopped the node.
            out.flush();
        }
        return 0;
    }
}

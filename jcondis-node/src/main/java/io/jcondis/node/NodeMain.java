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
    /** Exit status when the serving thread was interrupted and stopped the node (128 + SIGINT, as for Ctrl-C). */
    public static final int EXIT_INTERRUPTED = 130;

    private NodeMain() {
    }

    /**
     * {@code NodeMain CONFIG.properties}: runs the node the file describes; exits 0 after a clean stop, 2 when
     * the node could not start, {@link #EXIT_INTERRUPTED} when the main thread was interrupted.
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
     * @return 0 after the node stopped, 2 when it could not start (the reason is printed to {@code err}),
     *         {@link #EXIT_INTERRUPTED} when the calling thread was interrupted (the node is stopped first and the
     *         interrupt flag is set again)
     */
    public static int run(NodeConfig config, PrintStream out, PrintStream err) {
        Node node;
        try {
            node = Node.start(config, out::println);
        } catch (IOException | RuntimeException e) {
            err.println("jcondis node: " + e.getMessage());
            return 2;
        }
        return serve(node, "jcondis-node-shutdown", out, err);
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
     * closes it on SIGTERM. If the calling thread is interrupted while it waits, the node is stopped (its
     * bounded close, run with the interrupt flag clear so the teardown's own waits are not cut short), a line
     * saying so goes to {@code err}, and the interrupt flag is set again before returning.
     *
     * @return 0 after the node stopped, {@link #EXIT_INTERRUPTED} when an interrupt stopped it
     */
    static int serve(Served node, String hookName, PrintStream out, PrintStream err) {
        Thread hook = new Thread(node::close, hookName);
        Runtime.getRuntime().addShutdownHook(hook);
        out.println(node.readyLine());
        out.flush();
        // A node runs until it is told to stop: this is the one wait without a deadline, by design. An
        // interrupted thread's awaitStopped returns false at once (flag set again), so the flag, not the
        // result, must end the loop: looping on the result alone would spin.
        boolean interrupted = false;
        while (!node.awaitStopped(60_000)) {
            if (Thread.interrupted()) {
                interrupted = true;
                break;
            }
            out.flush();
        }
        if (interrupted) {
            err.println("jcondis node: interrupted while serving; stopping the node");
            node.close();
            err.flush();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook is what stopped the node.
            out.flush();
        }
        out.flush();
        if (interrupted) {
            Thread.currentThread().interrupt();
            return EXIT_INTERRUPTED;
        }
        return 0;
    }
}

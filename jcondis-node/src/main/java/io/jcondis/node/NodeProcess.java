package io.jcondis.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node running as a child JVM on the same classpath, for tests, the scripted runner and benchmarks.
 * {@link #start(NodeConfig, Path)} runs {@link NodeMain} with a configuration file; {@link #builder()} runs
 * any main class with any arguments (the CLI: {@code io.jcondis.cli.Main node ...}). Either way it waits,
 * bounded, for the node's ready line, and reads the control address from it.
 *
 * <p>The child's output (stdout and stderr merged) is drained by a daemon thread, so the child never blocks on
 * a full pipe; the last {@value #KEPT_LINES} lines are kept for diagnostics. {@link #stop()} sends SIGTERM to
 * the child's own pid (destroy), waits its bound, then kills it (destroyForcibly); a JVM shutdown hook kills
 * every child still alive, so none outlives the process that started it. Thread-safe.
 */
public final class NodeProcess implements AutoCloseable {
    /** How many output lines are kept. */
    public static final int KEPT_LINES = 2_000;

    private static final Pattern READY = Pattern.compile("jcondis node (\\S+) ready: control (\\S+)");
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "jcondis-node-process-reaper"));
    }

    /** How to start a node process. Not thread-safe. */
    public static final class Builder {
        private final List<String> commandPrefix = new ArrayList<>();
        private String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        private String classpath = System.getProperty("java.class.path");
        private final List<String> jvmArgs = new ArrayList<>();
        private String mainClass = NodeMain.class.getName();
        private final List<String> args = new ArrayList<>();
        private long readyTimeoutMs = 30_000;
        private long stopTimeoutMs = 15_000;

        private Builder() {
        }

        /**
         * Puts words before the {@code java} command, e.g. {@code ip netns exec NS} to run the node in a network
         * namespace (default: none). The prefix must <em>exec</em> the command, not fork it, so that the child's
         * pid stays the JVM's: {@link #stop()} signals that pid. {@code ip netns exec}, {@code env},
         * {@code nice} and {@code setpriv} do.
         */
        public Builder commandPrefix(String... words) {
            commandPrefix.addAll(List.of(words));
            return this;
        }

        /** Sets the classpath (default: this JVM's). */
        public Builder classpath(String value) {
            this.classpath = value;
            return this;
        }

        /** Adds a JVM option. */
        public Builder jvmArg(String value) {
            jvmArgs.add(value);
            return this;
        }

        /** Sets the main class (default {@link NodeMain}). */
        public Builder mainClass(String value) {
            this.mainClass = value;
            return this;
        }

        /** Adds program arguments. */
        public Builder args(String... values) {
            args.addAll(List.of(values));
            return this;
        }

        /** Sets the bound on the wait for the ready line. */
        public Builder readyTimeoutMs(long value) {
            this.readyTimeoutMs = value;
            return this;
        }

        /** Sets the bound between SIGTERM and the forced kill. */
        public Builder stopTimeoutMs(long value) {
            this.stopTimeoutMs = value;
            return this;
        }

        /**
         * Starts the process and waits for its ready line.
         *
         * @throws IOException when it cannot start, exits early or is not ready in time (it is then killed);
         *                     the message carries the end of its output
         */
        public NodeProcess start() throws IOException {
            List<String> cmd = new ArrayList<>(commandPrefix);
            cmd.add(java);
            cmd.addAll(jvmArgs);
            cmd.add("-cp");
            cmd.add(classpath);
            cmd.add(mainClass);
            cmd.addAll(args);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            LIVE.add(p);
            NodeProcess np = new NodeProcess(p, stopTimeoutMs);
            np.awaitReady(readyTimeoutMs);
            return np;
        }
    }

    private final Process process;
    private final long stopTimeoutMs;
    private final Deque<String> output = new ArrayDeque<>();
    private final CompletableFuture<Matcher> ready = new CompletableFuture<>();
    private final Thread drainer;
    /** Output lines read so far, kept or not; guarded by {@code output}. */
    private long seen;
    /** True once the child's output has ended; guarded by {@code output}. */
    private boolean ended;

    private NodeProcess(Process process, long stopTimeoutMs) {
        this.process = process;
        this.stopTimeoutMs = stopTimeoutMs;
        this.drainer = new Thread(this::drain, "jcondis-node-output-" + process.pid());
        drainer.setDaemon(true);
        drainer.start();
    }

    /** @return a builder for a node process */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Writes {@code config} to {@code workDir/NAME.properties} and starts {@link NodeMain} with it.
     *
     * @throws IOException as {@link Builder#start()}
     */
    public static NodeProcess start(NodeConfig config, Path workDir) throws IOException {
        Path file = workDir.resolve(config.name() + ".properties");
        config.store(file);
        return builder().args(file.toString()).start();
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                synchronized (output) {
                    output.addLast(line);
                    if (output.size() > KEPT_LINES) {
                        output.removeFirst();
                    }
                    seen++;
                    output.notifyAll();
                }
                Matcher m = READY.matcher(line);
                if (!ready.isDone() && m.find()) {
                    ready.complete(m);
                }
            }
        } catch (IOException e) {
            synchronized (output) {
                output.addLast("(output closed: " + e + ")");
            }
        }
        synchronized (output) {
            ended = true;
            output.notifyAll();
        }
        ready.completeExceptionally(new IOException("the node process exited before it was ready"));
    }

    private void awaitReady(long timeoutMs) throws IOException {
        try {
            ready.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            kill();
            String why = e instanceof TimeoutException ? "was not ready within " + timeoutMs + " ms"
                    : "exited before it was ready (exit " + exitCodeOrUnknown() + ")";
            throw new IOException("node process " + process.pid() + " " + why + "; output:\n"
                    + String.join("\n", output()), e);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a node process", e);
        }
    }

    private String exitCodeOrUnknown() {
        try {
            return process.waitFor(1, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** @return the child's pid */
    public long pid() {
        return process.pid();
    }

    /** @return the node name from its ready line */
    public String name() {
        return ready.join().group(1);
    }

    /** @return the control address from its ready line */
    public InetSocketAddress controlAddress() {
        return Endpoints.parse(ready.join().group(2), "control");
    }

    /** @return the kept output lines, oldest first */
    public List<String> output() {
        synchronized (output) {
            return new ArrayList<>(output);
        }
    }

    /**
     * Waits, bounded, for an output line that matches: one already kept that was printed at or after line number
     * {@code from} (0: the first line; {@link #linesSeen()} taken earlier: lines printed since), or the next ones.
     * Woken by the thread that reads the child's output, not by polling.
     *
     * @param from      the first line number to consider
     * @param match     what the line must satisfy
     * @param timeoutMs the bound
     * @return the first matching line, or empty when none came within the bound or the output ended without one
     */
    public java.util.Optional<String> awaitLine(long from, java.util.function.Predicate<String> match,
                                                 long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        synchronized (output) {
            long checked = Math.max(from, seen - output.size());
            while (true) {
                long first = seen - output.size();
                java.util.Iterator<String> it = output.iterator();
                for (long n = first; it.hasNext(); n++) {
                    String line = it.next();
                    if (n >= checked && match.test(line)) {
                        return java.util.Optional.of(line);
                    }
                }
                checked = seen;
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    return java.util.Optional.empty();
                }
                TimeUnit.NANOSECONDS.timedWait(output, left);
            }
        }
    }

    /** @return how many output lines the child has printed so far (a mark for {@link #awaitLine}) */
    public long linesSeen() {
        synchronized (output) {
            return seen;
        }
    }

    /**
     * Kills the child at once (SIGKILL through {@link Process#destroyForcibly()}): no shutdown hook runs, no
     * release is sent, its state file stays behind (stale). For fault tests. Waits, bounded by the stop bound,
     * for it to be gone.
     *
     * @return true when it is gone
     */
    public boolean killForcibly() throws InterruptedException {
        process.destroyForcibly();
        boolean gone = process.waitFor(stopTimeoutMs, TimeUnit.MILLISECONDS);
        if (gone) {
            LIVE.remove(process);
        }
        return gone;
    }

    /** @return true while the child runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Sends one request on a new connection and returns the reply.
     *
     * @throws IOException when the node does not answer
     */
    public ControlReply request(ControlRequest request) throws IOException {
        try (NodeClient c = NodeClient.connect(controlAddress(), NodeClient.DEFAULT_REPLY_TIMEOUT_MS)) {
            return c.request(request);
        }
    }

    /**
     * Stops the child: SIGTERM to its pid (the node runs its bounded R6 shutdown), then, after the stop bound,
     * a forced kill. Idempotent.
     *
     * @return the exit code, or -1 when it had to be killed and did not report one
     */
    public int stop() {
        if (process.isAlive()) {
            // SIGTERM through the process handle: Process.destroy() would also close the output pipe, and the
            // node's shutdown lines would be lost.
            process.toHandle().destroy();
            try {
                if (!process.waitFor(stopTimeoutMs, TimeUnit.MILLISECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(process);
        try {
            drainer.join(stopTimeoutMs);
            return process.waitFor(stopTimeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Waits (bounded) for the child to exit by itself, e.g. after a {@code stop} request.
     *
     * @return true when it exited within {@code timeoutMs}
     */
    public boolean awaitExit(long timeoutMs) throws InterruptedException {
        boolean exited = process.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
        if (exited) {
            LIVE.remove(process);
        }
        return exited;
    }

    private void kill() {
        process.destroyForcibly();
        LIVE.remove(process);
        try {
            process.waitFor(stopTimeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }
}

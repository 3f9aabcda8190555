package io.jcondis.bench.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link PeerMain} in a child JVM on this JVM's classpath, driven over its stdin/stdout. Starting waits
 * (bounded) for its {@code ready} line; every command waits (bounded) for its answer; {@link #close()} asks it
 * to quit, then kills it by its own pid after a bound. A shutdown hook kills every child still alive, so none
 * outlives the harness. Thread-safe for one caller at a time per child.
 */
final class ChildProcess implements AutoCloseable {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final String END = "\u0000end";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "bench-child-reaper"));
    }

    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Deque<String> kept = new ArrayDeque<>();
    private final InetSocketAddress address;

    private ChildProcess(Process process) throws IOException {
        this.process = process;
        this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread drainer = new Thread(this::drain, "bench-child-output-" + process.pid());
        drainer.setDaemon(true);
        drainer.start();
        String ready = next("ready");
        if (!ready.startsWith("ready ")) {
            throw fail("did not start: " + ready);
        }
        address = NetBench.parse(ready.substring("ready ".length()));
    }

    /**
     * Starts {@code PeerMain role payload} and waits for it to be ready.
     *
     * @param role    the role (see {@link PeerMain})
     * @param payload bytes per datagram or frame
     * @param jvmArgs extra JVM options for the child
     * @throws IOException when it cannot start or is not ready within {@link NetBench#WAIT_MS} (it is killed)
     */
    static ChildProcess start(String role, int payload, List<String> jvmArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(PeerMain.class.getName());
        cmd.add(role);
        cmd.add(Integer.toString(payload));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        LIVE.add(p);
        try {
            return new ChildProcess(p);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            LIVE.remove(p);
            throw e;
        }
    }

    /** @return how many children this JVM started are still alive */
    static int liveChildren() {
        return (int) LIVE.stream().filter(Process::isAlive).count();
    }

    /** @return the address the child bound */
    InetSocketAddress address() {
        return address;
    }

    /**
     * Sends one command and returns its answer line.
     *
     * @throws IOException when the child does not answer within the bound or exits
     */
    synchronized String ask(String command) throws IOException {
        in.write(command + "\n");
        in.flush();
        String answer = next(command);
        if (answer.startsWith("error")) {
            throw fail(command + ": " + answer);
        }
        return answer;
    }

    /** @return the numbers of a {@code count N BYTES} answer */
    long[] count() throws IOException {
        String[] w = ask("count").split(" ");
        return new long[] {Long.parseLong(w[1]), Long.parseLong(w[2])};
    }

    private String next(String what) throws IOException {
        try {
            // Skips log lines the child may print (SLF4J, JVM warnings): answers start with a known word.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NetBench.WAIT_MS);
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw fail("no answer to '" + what + "' within " + NetBench.WAIT_MS + " ms");
                }
                if (line.equals(END)) {
                    lines.add(END);
                    throw fail("exited while waiting for '" + what + "'");
                }
                if (line.matches("(ready|ok|count|stats|error)( .*)?")) {
                    return line;
                }
                keep(line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Keeps the last lines that were not answers (log lines, a stack trace) for the failure message. */
    private void keep(String line) {
        synchronized (kept) {
            kept.addLast(line);
            if (kept.size() > 200) {
                kept.removeFirst();
            }
        }
    }

    private IOException fail(String why) {
        List<String> out;
        synchronized (kept) {
            out = new ArrayList<>(kept);
        }
        return new IOException("bench child " + process.pid() + " " + why + "; its output:\n"
                + String.join("\n", out));
    }

    private void drain() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            r.lines().forEach(lines::add);
        } catch (IOException | UncheckedIOException e) {
            lines.add("(output closed: " + e + ")");
        }
        lines.add(END);
    }

    /** Asks the child to quit; kills it if it has not exited within a few seconds. Idempotent. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                in.write("quit\n");
                in.flush();
                in.close();
            }
        } catch (IOException e) {
            // Already gone: the wait below returns at once.
            process.destroy();
        }
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        LIVE.remove(process);
    }
}

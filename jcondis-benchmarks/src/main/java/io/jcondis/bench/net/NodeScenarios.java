package io.jcondis.bench.net;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.node.ControlReply;
import io.jcondis.node.ControlRequest;
import io.jcondis.node.NodeClient;
import io.jcondis.node.NodeConfig;
import io.jcondis.node.NodeProcess;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Node-level figures: node processes ({@link NodeProcess}, {@code NodeMain}) driven through their control
 * interface ({@link NodeClient}, JSON lines on loopback TCP), as a user of {@code ./jcondis call} would.
 *
 * <pre>
 *   driver uni:       node bench-a (host hosta) &lt;== Q.2931/SSCOP/UDP, VC frames/UDP ==&gt; node bench-b (host hostb)
 *                     each lists the other as a peer named after its host (the peer announces that host);
 *                     signalling on the listen port, data on the port after it (UniNodeDriver)
 *   driver embedded:  one node bench (hosta, hostb) with the in-process switch: no network at all; it tests the
 *                     harness and gives the control-interface floor
 * </pre>
 *
 * A call cycle is {@code call} (from hosta to hostb:bench, best effort; the node waits until connected) then
 * {@code drop} (E9 + D7), two requests on one connection. Packets: {@code send} on one call in chunks (each
 * request waits for its send completions) while the callee node's {@code show vcs} counts what hostb received.
 * Every node process is stopped at the end of its measurement (SIGTERM, R6 teardown, kill after a bound).
 */
final class NodeScenarios {
    /** Link capacity of each host: 1 Gbit/s in bytes/s, so admission never refuses. */
    static final long CAPACITY_BPS = 125_000_000L;
    static final String SAP = "hostb:bench";

    private final NetBench.Options options;
    private final NetBench bench;
    private final PrintStream out;

    NodeScenarios(NetBench.Options options, NetBench bench, PrintStream out) {
        this.options = options;
        this.bench = bench;
        this.out = out;
    }

    /** Two control connections (caller's node, callee's node; the same node for the embedded driver). */
    static final class Nodes implements AutoCloseable {
        final Path dir;
        final List<NodeProcess> processes = new ArrayList<>();
        NodeClient caller;
        NodeClient callee;

        Nodes(Path dir) {
            this.dir = dir;
        }

        @Override
        public void close() throws IOException {
            for (NodeClient c : new NodeClient[] {caller, callee}) {
                if (c != null) {
                    c.close();
                }
            }
            processes.forEach(NodeProcess::stop);
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Thrown when the requested driver is not on the node's classpath yet. */
    static final class DriverMissing extends IOException {
        private static final long serialVersionUID = 1L;

        DriverMissing(String message) {
            super(message);
        }
    }

    /** Call + drop cycles beside the UDP ladder and beside two control pings, all in this run. */
    List<NetBench.Pair> calls() throws IOException {
        Measure.Result ladder = bench.ladder();
        try (Nodes n = start()) {
            // Both warm up before either is measured: a cold node would otherwise flatter whichever runs second.
            Measure.Op pings = () -> {
                ok(n.caller, ControlRequest.of("ping"));
                ok(n.caller, ControlRequest.of("ping"));
            };
            Measure.warmUp(options.warmupMs, () -> cycle(n));
            Measure.warmUp(options.warmupMs / 2, pings);
            Measure.Result ping = Measure.closedLoop("baseline: 2 control pings (node " + options.driver + ")", 0,
                    options.durationMs, pings);
            Histogram callNs = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            Histogram dropNs = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            Measure.Result r = Measure.closedLoop("node call + drop (driver " + options.driver + ")", 0,
                    options.durationMs, () -> {
                        long t0 = System.nanoTime();
                        String call = makeCall(n);
                        long t1 = System.nanoTime();
                        ok(n.caller, ControlRequest.of("drop").with("call", call));
                        callNs.recordValue(Math.min(t1 - t0, callNs.getHighestTrackableValue()));
                        dropNs.recordValue(Math.min(System.nanoTime() - t1, dropNs.getHighestTrackableValue()));
                    });
            long left = awaitNoCalls(n);
            r = new Measure.Result(r.label(), r.opsPerSec(), r.latencyNs(), String.format(
                    "%s; call p50 %.1f p99 %.1f µs, drop p50 %.1f p99 %.1f µs; %d call(s) left afterwards",
                    r.note(), callNs.getValueAtPercentile(50) / 1e3, callNs.getValueAtPercentile(99) / 1e3,
                    dropNs.getValueAtPercentile(50) / 1e3, dropNs.getValueAtPercentile(99) / 1e3, left));
            if (left != 0) {
                throw new IOException("node calls: " + left + " call(s) still on the nodes after the run");
            }
            return List.of(new NetBench.Pair("node-calls vs ladder", r, ladder, ladder.opsPerSec() / r.opsPerSec()),
                    new NetBench.Pair("node-calls vs control pings", r, ping, ping.opsPerSec() / r.opsPerSec()));
        } catch (DriverMissing e) {
            out.println("  node-calls skipped: " + e.getMessage());
            return List.of();
        }
    }

    /** Per payload: frames received on one call between the nodes, beside the DatagramChannel baseline. */
    List<NetBench.Pair> packets() throws IOException {
        List<NetBench.Pair> pairs = new ArrayList<>();
        for (int payload : options.payloads) {
            Measure.Result raw = bench.rawPackets(payload);
            try (Nodes n = start()) {
                String call = makeCall(n);
                int[] chunk = {1_000};
                long[] failed = {0, 0};
                Measure.Result r = Measure.stream("node send, " + payload + " B (driver " + options.driver + ")",
                        options.warmupMs, options.durationMs, (stop, sent) -> {
                            while (!stop.get()) {
                                long t = System.nanoTime();
                                JsonNode s = ok(n.caller, ControlRequest.of("send").with("call", call)
                                        .with("count", chunk[0]).with("bytes", payload));
                                // Frames the call manager completed with a failure status never left: not sent.
                                long failedNow = s.path("sendsFailed").asLong();
                                sent.addAndGet(s.path("sent").asLong() - (failedNow - failed[0]));
                                failed[0] = failedNow;
                                failed[1] += s.path("refused").asLong();
                                // Chunks of about 100 ms: long enough to amortise the request, short enough to
                                // stop promptly; capped by the protocol's 1000000.
                                if (System.nanoTime() - t < TimeUnit.MILLISECONDS.toNanos(100)) {
                                    chunk[0] = Math.min(chunk[0] * 2, 1_000_000);
                                }
                            }
                        }, () -> received(n.callee));
                ok(n.caller, ControlRequest.of("drop").with("call", call));
                r = new Measure.Result(r.label(), r.opsPerSec(), null, String.format("%s; over the whole run %d sends"
                        + " completed with a failure, %d refused", r.note(), failed[0], failed[1]));
                pairs.add(new NetBench.Pair("node-packets " + payload + " B", r, raw, raw.opsPerSec() / r.opsPerSec()));
            } catch (DriverMissing e) {
                out.println("  node-packets skipped: " + e.getMessage());
                return List.of();
            }
        }
        return pairs;
    }

    /** Starts the nodes, connects, and registers {@value #SAP} on the callee. */
    Nodes start() throws IOException {
        Nodes n = new Nodes(Files.createTempDirectory("netbench-nodes"));
        try {
            if (options.driver.equals("embedded")) {
                NodeProcess p = startNode(new NodeConfig().name("bench").driver("embedded")
                        .host("hosta", CAPACITY_BPS).host("hostb", CAPACITY_BPS).stateDir(n.dir), n);
                n.caller = connect(p);
                n.callee = connect(p);
            } else {
                InetSocketAddress a = freeAddress();
                InetSocketAddress b = freeAddress();
                NodeProcess pa = startNode(new NodeConfig().name("bench-a").driver(options.driver)
                        .host("hosta", CAPACITY_BPS).listen(a).peer("hostb", b).stateDir(n.dir), n);
                NodeProcess pb = startNode(new NodeConfig().name("bench-b").driver(options.driver)
                        .host("hostb", CAPACITY_BPS).listen(b).peer("hosta", a).stateDir(n.dir), n);
                n.caller = connect(pa);
                n.callee = connect(pb);
            }
            ok(n.callee, ControlRequest.of("listen").with("sap", SAP));
            return n;
        } catch (IOException | RuntimeException e) {
            n.close();
            throw e;
        }
    }

    private static NodeProcess startNode(NodeConfig config, Nodes n) throws IOException {
        try {
            NodeProcess p = NodeProcess.start(config, n.dir);
            n.processes.add(p);
            return p;
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().contains("driver " + config.driver() + " is not available")) {
                throw new DriverMissing("driver " + config.driver() + " is not available to node processes yet");
            }
            throw e;
        }
    }

    private static NodeClient connect(NodeProcess p) throws IOException {
        return NodeClient.connect(p.controlAddress(), (int) NetBench.WAIT_MS);
    }

    /** One call cycle: call (connected) then drop. */
    static void cycle(Nodes n) throws IOException {
        ok(n.caller, ControlRequest.of("drop").with("call", makeCall(n)));
    }

    /** @return the id of a new call from hosta to {@value #SAP}, connected (best effort) */
    static String makeCall(Nodes n) throws IOException {
        return ok(n.caller, ControlRequest.of("call").with("from", "hosta").with("to", SAP)).path("call").asText();
    }

    /** @return frames and bytes hostb received on incoming VCs, from the callee node's {@code show vcs} */
    static long[] received(NodeClient callee) throws IOException {
        long frames = 0;
        long bytes = 0;
        for (JsonNode vc : ok(callee, ControlRequest.of("show").with("what", "vcs")).path("vcs")) {
            if ("hostb".equals(vc.path("host").asText()) && "in".equals(vc.path("direction").asText())) {
                frames += vc.path("packetsReceived").asLong();
                bytes += vc.path("bytesReceived").asLong();
            }
        }
        return new long[] {frames, bytes};
    }

    /** Waits (bounded) until neither node shows a call; returns how many are left. */
    static long awaitNoCalls(Nodes n) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(NetBench.WAIT_MS);
        long left;
        do {
            left = ok(n.caller, ControlRequest.of("show").with("what", "calls")).path("calls").size()
                    + (n.callee == n.caller ? 0
                    : ok(n.callee, ControlRequest.of("show").with("what", "calls")).path("calls").size());
        } while (left != 0 && System.nanoTime() < deadline && pause());
        return left;
    }

    private static boolean pause() {
        try {
            Thread.sleep(20);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static JsonNode ok(NodeClient client, ControlRequest request) throws IOException {
        ControlReply r = client.request(request);
        if (!r.isOk()) {
            throw new IOException(request.op() + ": " + r.error() + ": " + r.message());
        }
        return r.result();
    }

    /** @return a loopback address whose UDP port and the next one are free (uni: signalling, data = port + 1) */
    private static InetSocketAddress freeAddress() throws IOException {
        // Racy by nature (the ports are free when asked), harmless on a quiet loopback; bounded attempts.
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(NetBench.LOOPBACK, 0))) {
                int port = s.getLocalPort();
                if (port < 65_535) {
                    try (DatagramSocket next = new DatagramSocket(new InetSocketAddress(NetBench.LOOPBACK, port + 1))) {
                        return new InetSocketAddress(NetBench.LOOPBACK, port);
                    } catch (IOException busy) {
                        continue;
                    }
                }
            }
        }
        throw new IOException("no two adjacent free UDP ports on " + NetBench.LOOPBACK + " in 50 attempts");
    }
}

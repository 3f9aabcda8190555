package io.jcondis.bench.net;

import io.jcondis.api.FlowSpec;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.uni.data.TrafficContract;
import io.jcondis.uni.data.UdpDataEndpoint;
import io.jcondis.uni.data.VcId;
import io.jcondis.uni.data.VcSender;
import io.jcondis.uni.sscop.SscopStatistics;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The network benchmarks of issue 4 (docs/performance.md, "Network (uni)"): each figure beside a raw-socket
 * baseline measured in the same run, between two processes on loopback (this JVM and a {@link PeerMain} child,
 * or node processes), reported as ratios.
 *
 * <pre>
 *   calls         UniLink call cycles (set-up + release) over SscopUdpEndpoints   vs  Ladder (6 UDP datagrams)
 *   packets       frames/s received on one VC through UdpDataEndpoint, unshaped  vs  DatagramChannel sender/receiver
 *                 and shaped (achieved ÷ contracted rate)
 *   node-calls    call + drop through the control interface of node processes     vs  Ladder, and 2 control pings
 *   node-packets  send on a call between node processes, frames received          vs  DatagramChannel
 * </pre>
 *
 * Usage: {@code java -cp benchmarks.jar io.jcondis.bench.net.NetBench [--scenarios calls,packets,node-calls,
 * node-packets] [--runs N] [--warmup-ms MS] [--duration-ms MS] [--payloads 64,1500] [--shape-bps BPS]
 * [--shape-burst BYTES] [--ladder-bytes N] [--driver embedded|uni] [--child-jvm-arg ARG]}. Each run starts
 * fresh child processes (like a JMH fork) and stops them at its end. Every wait is bounded ({@link #WAIT_MS});
 * the machine's load average is printed with each run.
 */
public final class NetBench {
    /** The loopback address everything binds. */
    static final String LOOPBACK = "127.0.0.1";
    /** Bound on every single wait (a reply, a call cycle, a child start). */
    static final long WAIT_MS = 15_000;
    /** SO_RCVBUF/SO_SNDBUF of the raw baseline: what UdpDataEndpoint asks for. */
    static final int SOCKET_BUFFER_BYTES = UdpDataEndpoint.Config.defaults().socketBufferBytes();
    /** The VC the packet benchmarks use. */
    static final VcId BENCH_VC = new VcId(0, 100);

    private final Options options;
    private final PrintStream out;

    /** Command-line settings. */
    static final class Options {
        List<String> scenarios = List.of("calls", "packets", "node-calls", "node-packets");
        int runs = 3;
        long warmupMs = 5_000;
        long durationMs = 5_000;
        int[] payloads = {64, 1500};
        long shapeBps = 2_500_000;
        /** Bucket depth of the shaped VC; 0: the payload or 1500, whichever is larger (MaxSduSize). */
        long shapeBurstBytes;
        String driver = "uni";
        int ladderBytes = 64;
        List<String> childJvmArgs = new ArrayList<>();

        static Options parse(String... args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                if (v == null) {
                    throw new IllegalArgumentException(a + " needs a value");
                }
                switch (a) {
                    case "--scenarios" -> o.scenarios = List.of(v.split(","));
                    case "--runs" -> o.runs = Integer.parseInt(v);
                    case "--warmup-ms" -> o.warmupMs = Long.parseLong(v);
                    case "--duration-ms" -> o.durationMs = Long.parseLong(v);
                    case "--payloads" -> o.payloads = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                    case "--shape-bps" -> o.shapeBps = Long.parseLong(v);
                    case "--shape-burst" -> o.shapeBurstBytes = Long.parseLong(v);
                    case "--driver" -> o.driver = v;
                    case "--ladder-bytes" -> o.ladderBytes = Integer.parseInt(v);
                    case "--child-jvm-arg" -> o.childJvmArgs.add(v);
                    default -> throw new IllegalArgumentException("unknown option " + a
                            + " (see the NetBench class comment)");
                }
                i++;
            }
            if (o.runs < 1 || o.warmupMs < 0 || o.durationMs < 1 || o.shapeBps < 1) {
                throw new IllegalArgumentException("runs, duration and shape rate must be positive");
            }
            return o;
        }
    }

    /**
     * A measured figure beside its baseline; ratio = baseline ÷ measured (how many times faster the baseline
     * is), or achieved ÷ contracted for a shaped VC.
     */
    record Pair(String scenario, Measure.Result measured, Measure.Result baseline, double ratio) {
    }

    NetBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /**
     * Runs the scenarios and prints every figure, then a summary of medians over the runs.
     *
     * @param args options (see the class comment)
     */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--help")) {
            System.out.println("NetBench [--scenarios calls,packets,node-calls,node-packets] [--runs N]"
                    + " [--warmup-ms MS] [--duration-ms MS] [--payloads 64,1500] [--shape-bps BPS]"
                    + " [--shape-burst BYTES] [--ladder-bytes N] [--driver uni|embedded] [--child-jvm-arg ARG]");
            System.exit(0);
        }
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("NetBench: " + e.getMessage());
            System.exit(2);
            return;
        }
        try {
            new NetBench(o, System.out).runAll();
        } catch (IOException e) {
            System.err.println("NetBench failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    /** @return every pair of every run, in order */
    List<Pair> runAll() throws IOException {
        out.printf("NetBench: %d cores, %s, scenarios %s, %d run(s), warm-up %d ms, measurement %d ms%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"),
                options.scenarios, options.runs, options.warmupMs, options.durationMs);
        List<Pair> all = new ArrayList<>();
        for (int run = 1; run <= options.runs; run++) {
            out.printf("-- run %d/%d, load average %s%n", run, options.runs, loadAverage());
            for (String s : options.scenarios) {
                List<Pair> pairs = switch (s) {
                    case "calls" -> calls();
                    case "packets" -> packets();
                    case "node-calls" -> new NodeScenarios(options, this, out).calls();
                    case "node-packets" -> new NodeScenarios(options, this, out).packets();
                    default -> throw new IllegalArgumentException("unknown scenario " + s);
                };
                for (Pair p : pairs) {
                    print(p);
                }
                all.addAll(pairs);
            }
            out.printf("-- end of run %d, load average %s%n", run, loadAverage());
        }
        summary(all);
        return all;
    }

    private void print(Pair p) {
        out.println("  " + p.measured().describe());
        out.println("  " + p.baseline().describe());
        out.printf("  => %s ratio %.2f%n", p.scenario(), p.ratio());
    }

    private void summary(List<Pair> all) {
        Map<String, List<Pair>> by = new LinkedHashMap<>();
        for (Pair p : all) {
            by.computeIfAbsent(p.scenario() + " | " + p.measured().label(), k -> new ArrayList<>()).add(p);
        }
        out.println();
        out.println("== summary: median over runs (min..max); ratio = baseline / measured"
                + " (shaped: achieved / contract)");
        for (Map.Entry<String, List<Pair>> e : by.entrySet()) {
            List<Pair> ps = e.getValue();
            double[] m = ps.stream().mapToDouble(p -> p.measured().opsPerSec()).sorted().toArray();
            double[] b = ps.stream().mapToDouble(p -> p.baseline().opsPerSec()).sorted().toArray();
            double[] r = ps.stream().mapToDouble(Pair::ratio).sorted().toArray();
            out.printf("%-60s %10.0f /s (%.0f..%.0f)  baseline %10.0f /s  ratio %.2f (%.2f..%.2f)%n", e.getKey(),
                    median(m), m[0], m[m.length - 1], median(b), median(r), r[0], r[r.length - 1]);
        }
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    // ------------------------------------------------------------------------------------------------ calls

    /** UniLink call cycles between this JVM and a child, beside the UDP ladder between this JVM and a child. */
    List<Pair> calls() throws IOException {
        Measure.Result baseline = ladder();
        Measure.Result measured;
        try (ChildProcess child = ChildProcess.start("uni", 0, options.childJvmArgs);
             UniLinkPeer a = UniLinkPeer.originator("bench")) {
            a.peer(child.address());
            child.ask("peer " + format(a.address()));
            a.establish();
            // Counted over the measurement only: the association's and the warm-up's PDUs are left out.
            Measure.warmUp(options.warmupMs, a::callCycle);
            SscopStatistics s0 = a.sscopStatistics();
            Map<String, Long> p0 = stats(child);
            long cleared0 = a.callsCleared();
            Measure.Result r = Measure.closedLoop("uni link call cycle (UniLink/SSCOP/UDP)", 0, options.durationMs,
                    a::callCycle);
            SscopStatistics s1 = a.sscopStatistics();
            Map<String, Long> p1 = stats(child);
            double calls = a.callsCleared() - cleared0;
            if (a.abnormalClears() != 0 || p1.get("abnormal") != 0 || a.openCalls() != 0) {
                throw new IOException("uni calls: " + a.abnormalClears() + " / " + p1.get("abnormal")
                        + " abnormal clears, " + a.openCalls() + " calls left open");
            }
            double pdus = (s1.pdusSent() - s0.pdusSent() + delta(p0, p1, "pdus")) / calls;
            double sds = (s1.sdsSent() - s0.sdsSent() + delta(p0, p1, "sds")) / calls;
            double polls = (s1.pollsSent() - s0.pollsSent() + delta(p0, p1, "polls")) / calls;
            double statPdus = (s1.statsSent() - s0.statsSent() + delta(p0, p1, "stats") + s1.ustatsSent()
                    - s0.ustatsSent() + delta(p0, p1, "ustats")) / calls;
            long retransmitted = s1.sdsRetransmitted() - s0.sdsRetransmitted() + delta(p0, p1, "retransmitted");
            measured = new Measure.Result(r.label(), r.opsPerSec(), r.latencyNs(), String.format(
                    "%s; per call: %.2f datagrams = %.2f SD + %.3f POLL + %.3f STAT/USTAT; %d SD retransmitted",
                    r.note(), pdus, sds, polls, statPdus, retransmitted));
        }
        return List.of(new Pair("calls", measured, baseline, baseline.opsPerSec() / measured.opsPerSec()));
    }

    /** The call baseline: {@link Ladder} calls from this JVM to a child responder. */
    Measure.Result ladder() throws IOException {
        try (ChildProcess child = ChildProcess.start("ladder", options.ladderBytes, options.childJvmArgs);
             Ladder.Originator a = new Ladder.Originator(child.address(), options.ladderBytes, (int) WAIT_MS)) {
            Measure.Result r = Measure.closedLoop("baseline: UDP ladder, 6 datagrams/call", options.warmupMs,
                    options.durationMs, a::call);
            return new Measure.Result(r.label(), r.opsPerSec(), r.latencyNs(), r.note() + ", "
                    + options.ladderBytes + "-byte datagrams, child " + child.ask("stats").substring(6));
        }
    }

    private static Map<String, Long> stats(ChildProcess child) throws IOException {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String kv : child.ask("stats").substring("stats ".length()).split(" ")) {
            String[] p = kv.split("=");
            m.put(p[0], Long.parseLong(p[1]));
        }
        return m;
    }

    private static long delta(Map<String, Long> a, Map<String, Long> b, String key) {
        return b.get(key) - a.get(key);
    }

    // ---------------------------------------------------------------------------------------------- packets

    /** Per payload: the raw baseline, the unshaped VC and the shaped VC. */
    List<Pair> packets() throws IOException {
        List<Pair> pairs = new ArrayList<>();
        for (int payload : options.payloads) {
            Measure.Result raw = rawPackets(payload);
            Measure.Result unshaped = vcPackets(payload, TrafficContract.UNSHAPED,
                    "uni VC frames, unshaped, " + payload + " B");
            pairs.add(new Pair("packets " + payload + " B", unshaped, raw, raw.opsPerSec() / unshaped.opsPerSec()));
            long burst = options.shapeBurstBytes > 0 ? options.shapeBurstBytes : Math.max(payload, 1500);
            TrafficContract shaped = TrafficContract.fromFlowSpec(FlowSpec.guaranteed(options.shapeBps,
                    options.shapeBps, burst));
            Measure.Result s = vcPackets(payload, shaped, "uni VC frames, shaped to " + options.shapeBps + " B/s, "
                    + payload + " B");
            double contractFps = (double) options.shapeBps / payload;
            Measure.Result contract = new Measure.Result("contract: " + options.shapeBps + " B/s ÷ " + payload + " B",
                    contractFps, null, "peak = sustained, bucket " + shaped.sustainedBurstBytes() + " B");
            pairs.add(new Pair("shaped " + payload + " B (achieved/contract)", s, contract,
                    s.opsPerSec() / contractFps));
        }
        return pairs;
    }

    /** The packet baseline: a blocking DatagramChannel sender here, a DatagramChannel receiver in a child. */
    Measure.Result rawPackets(int payload) throws IOException {
        try (ChildProcess child = ChildProcess.start("raw-sink", payload, options.childJvmArgs);
             DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET)) {
            ch.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_BYTES);
            ch.connect(child.address());
            ByteBuffer buf = ByteBuffer.allocateDirect(payload);
            return Measure.stream("baseline: DatagramChannel, " + payload + " B", options.warmupMs,
                    options.durationMs, (stop, sent) -> {
                        while (!stop.get()) {
                            buf.clear();
                            ch.write(buf);
                            sent.incrementAndGet();
                        }
                    }, child::count);
        }
    }

    /** Frames on one VC: a VcSender here, a VcReceiver in a child; the sender holds at most queueFrames. */
    Measure.Result vcPackets(int payload, TrafficContract contract, String label) throws IOException {
        try (ChildProcess child = ChildProcess.start("vc-sink", payload, options.childJvmArgs);
             UdpDataEndpoint endpoint = PeerMain.bindVcEndpoint("bench")) {
            child.ask("peer " + format(endpoint.localAddress()));
            int window = UdpDataEndpoint.Config.defaults().queueFrames();
            Semaphore permits = new Semaphore(window);
            VcSender sender = endpoint.openSender(BENCH_VC, child.address(), contract, (p, st) -> permits.release());
            byte[] bytes = new byte[payload];
            try {
                return Measure.stream(label, options.warmupMs, options.durationMs,
                        (stop, sent) -> sendVc(sender, bytes, permits, stop, sent), child::count);
            } finally {
                sender.close();
            }
        }
    }

    private static void sendVc(VcSender sender, byte[] bytes, Semaphore permits, AtomicBoolean stop, AtomicLong sent)
            throws IOException {
        try {
            while (!stop.get()) {
                // Blocks while the sender holds a full queue (shaping): no spinning on RESOURCES.
                if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Status st = sender.send(Packet.wrap(bytes));
                if (st.is(Status.Code.PENDING)) {
                    sent.incrementAndGet();
                } else {
                    permits.release();
                    throw new IOException("VC send refused: " + st);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    static String loadAverage() {
        try {
            String[] w = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return w[0] + " " + w[1] + " " + w[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String format(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    static InetSocketAddress parse(String text) {
        int colon = text.lastIndexOf(':');
        return new InetSocketAddress(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    }
}

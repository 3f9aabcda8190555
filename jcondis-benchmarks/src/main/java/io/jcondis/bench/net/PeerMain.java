package io.jcondis.bench.net;

import io.jcondis.api.Result;
import io.jcondis.uni.data.UdpDataEndpoint;
import io.jcondis.uni.data.VcReceiver;
import io.jcondis.uni.sscop.SscopStatistics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The far end of a NetBench measurement, in its own JVM: {@link ChildProcess} starts it, and it talks on
 * stdin/stdout, one line per command and one per answer.
 *
 * <pre>
 *   java -cp ... io.jcondis.bench.net.PeerMain ROLE [PAYLOAD_BYTES]
 *     ladder     UDP ladder responder (Ladder.Responder)
 *     uni        UniLink responder on an SscopUdpEndpoint (UniLinkPeer)
 *     raw-sink   DatagramChannel receiver, counts datagrams
 *     vc-sink    UdpDataEndpoint receiver on VPI/VCI 0/100 (NetBench.BENCH_VC), counts frames
 *   out:  ready HOST:PORT                      once bound
 *   in:   peer HOST:PORT   out: ok             the parent's address (uni: SSCOP peer; vc-sink: opens the receiver)
 *   in:   count            out: count N BYTES  what was received so far
 *   in:   stats            out: stats k=v ...  role counters (uni: SSCOP and call counts)
 *   in:   quit             (exits 0; so does end of input)
 * </pre>
 *
 * The process also exits when its input closes, so a parent that dies takes it along.
 */
public final class PeerMain {
    private final PrintStream out;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private Ladder.Responder ladder;
    private UniLinkPeer uni;
    private DatagramChannel rawSink;
    private UdpDataEndpoint vcSink;
    private VcReceiver vcReceiver;

    private PeerMain(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs one role until {@code quit} or end of input.
     *
     * @param args role and payload size (see the class comment)
     * @throws Exception when the role cannot start (the parent sees the exit and the output)
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: PeerMain ladder|uni|raw-sink|vc-sink [PAYLOAD_BYTES]");
            System.exit(2);
        }
        int payload = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        PeerMain peer = new PeerMain(new PrintStream(System.out, true, StandardCharsets.UTF_8));
        try {
            peer.run(args[0], payload);
        } finally {
            peer.close();
        }
        System.exit(0);
    }

    private void run(String role, int payload) throws IOException {
        InetSocketAddress bound = switch (role) {
            case "ladder" -> startLadder(payload);
            case "uni" -> {
                uni = UniLinkPeer.responder("peer");
                yield uni.address();
            }
            case "raw-sink" -> startRawSink(payload);
            case "vc-sink" -> {
                vcSink = bindVcEndpoint("sink");
                yield vcSink.localAddress();
            }
            default -> throw new IllegalArgumentException("unknown role " + role);
        };
        out.println("ready " + NetBench.format(bound));
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.trim().split(" ");
            switch (w[0]) {
                case "peer" -> {
                    peer(NetBench.parse(w[1]));
                    out.println("ok");
                }
                case "count" -> out.println("count " + frames.get() + " " + bytes.get());
                case "stats" -> out.println("stats " + stats());
                case "quit" -> {
                    return;
                }
                default -> out.println("error unknown command " + w[0]);
            }
        }
    }

    private InetSocketAddress startLadder(int payload) throws IOException {
        ladder = new Ladder.Responder(payload, 200);
        Thread t = new Thread(ladder::serve, "ladder-responder");
        t.setDaemon(true);
        t.start();
        return ladder.address();
    }

    private InetSocketAddress startRawSink(int payload) throws IOException {
        rawSink = DatagramChannel.open(StandardProtocolFamily.INET);
        rawSink.setOption(StandardSocketOptions.SO_RCVBUF, NetBench.SOCKET_BUFFER_BYTES);
        rawSink.bind(new InetSocketAddress(NetBench.LOOPBACK, 0));
        DatagramChannel ch = rawSink;
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocateDirect(Math.max(payload, 65_536));
            try {
                while (true) {
                    buf.clear();
                    ch.receive(buf);
                    frames.incrementAndGet();
                    bytes.addAndGet(buf.position());
                }
            } catch (IOException e) {
                // Closed at exit.
                return;
            }
        }, "raw-sink");
        t.setDaemon(true);
        t.start();
        return (InetSocketAddress) rawSink.getLocalAddress();
    }

    static UdpDataEndpoint bindVcEndpoint(String name) throws IOException {
        try {
            return UdpDataEndpoint.bind(name, new InetSocketAddress(NetBench.LOOPBACK, 0),
                    UdpDataEndpoint.Config.defaults());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding", e);
        }
    }

    private void peer(InetSocketAddress peer) throws IOException {
        if (uni != null) {
            uni.peer(peer);
        } else if (vcSink != null && vcReceiver == null) {
            Result<VcReceiver> r = vcSink.openReceiver(peer, NetBench.BENCH_VC, (vc, packet) -> {
                frames.incrementAndGet();
                bytes.addAndGet(packet.length());
            });
            if (!r.status().isSuccess()) {
                throw new IOException("cannot open the receiver: " + r.status());
            }
            vcReceiver = r.value();
        }
    }

    private String stats() throws IOException {
        if (uni != null) {
            SscopStatistics s = uni.sscopStatistics();
            return "pdus=" + s.pdusSent() + " sds=" + s.sdsSent() + " polls=" + s.pollsSent() + " stats="
                    + s.statsSent() + " ustats=" + s.ustatsSent() + " retransmitted=" + s.sdsRetransmitted()
                    + " cleared=" + uni.callsCleared() + " abnormal=" + uni.abnormalClears()
                    + " open=" + uni.openCalls();
        }
        if (ladder != null) {
            return "sent=" + ladder.sent.get() + " received=" + ladder.received.get();
        }
        if (vcSink != null) {
            return "malformed=" + vcSink.counters().malformed() + " unknownVc=" + vcSink.counters().unknownVc();
        }
        return "frames=" + frames.get();
    }

    private void close() throws IOException {
        if (ladder != null) {
            ladder.stop();
            ladder.close();
        }
        if (uni != null) {
            uni.close();
        }
        if (rawSink != null) {
            rawSink.close();
        }
        if (vcSink != null) {
            vcSink.close();
        }
    }
}

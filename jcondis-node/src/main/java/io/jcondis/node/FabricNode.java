package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Status;
import io.jcondis.uni.data.VcId;
import io.jcondis.uni.fabric.FabricCallId;
import io.jcondis.uni.fabric.FabricCallState;
import io.jcondis.uni.fabric.FabricConfig;
import io.jcondis.uni.fabric.FabricSnapshot;
import io.jcondis.uni.fabric.PeerConfig;
import io.jcondis.uni.fabric.UniFabric;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.UserUserInformation;
import io.jcondis.uni.mcm.UniMapping;
import io.jcondis.uni.testing.PcapWriter;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A fabric node: a process that runs a {@link UniFabric} (the uni driver's transit switch, no local hosts) with a
 * control interface on loopback TCP (docs/node.md, "Fabric nodes"). {@code ./jcondis node --driver uni --fabric}
 * runs one; the script runner starts one with {@link NodeProcess} ({@link #main}).
 *
 * <p>Control operations (JSON lines, as for every node): {@code ping}; {@code add-peer {peer: SPEC}} (a link, answers
 * the fabric's signalling address for it) and {@code remove-peer {peer}}; the fabric's remote actions, which act on
 * the wire: {@code release {call, cause}}, {@code drop-party {call, ep, cause}}, {@code modify {call, forward,
 * backward}} (peak rates, bytes/s), {@code halt-host {host}}, {@code resume-host {host}}, {@code capacity {host[,
 * bps]}}; the state: {@code snapshot} (calls with their VPI/VCIs and parties, links with capacity and
 * reservations), {@code settled} (no call in a transient state, no signalling outstanding) and {@code stop}. A
 * remote action's reply carries its {@code Status} name as {@code status}.
 *
 * <p>Threading: the control server's request thread calls {@link #handle}; it waits (bounded) for the fabric's
 * futures. The fabric runs on its own loop.
 */
public final class FabricNode implements NodeMain.Served {
    /** Bound on one wait for the fabric's loop. */
    private static final long WAIT_MS = 10_000;
    /** Bounds a second close's wait for the first (the fabric's close takes at most about 6 s). */
    private static final long CLOSE_WAIT_MS = 15_000;

    /**
     * What a fabric node runs with.
     *
     * @param name    node name (ready line, threads)
     * @param bind    the address every link's signalling socket binds to
     * @param data    where the data socket binds (port 0: any)
     * @param peers   the links configured at start
     * @param control the control address (loopback)
     * @param capture a pcap file for every signalling datagram, or null
     */
    public record Settings(String name, InetAddress bind, InetSocketAddress data, List<PeerConfig> peers,
                           InetSocketAddress control, Path capture) {
        /** Copies the peers. */
        public Settings {
            peers = List.copyOf(peers);
        }

        /**
         * Reads the fabric node's arguments: {@code [--name N] [--listen ADDR:PORT] [--peer SPEC]... [--control
         * ADDR:PORT] [--capture FILE]}; {@code --listen} is the data socket, whose address the links bind to too.
         *
         * @param args the arguments
         * @return the settings
         * @throws IllegalArgumentException naming the first problem
         */
        public static Settings parse(List<String> args) {
            String name = "fabric";
            InetSocketAddress listen = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            InetSocketAddress control = NodeConfig.DEFAULT_CONTROL;
            Path capture = null;
            List<PeerConfig> peers = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                String flag = args.get(i);
                if (i + 1 >= args.size()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String v = args.get(++i);
                switch (flag) {
                    case "--name" -> name = v;
                    case "--listen" -> listen = Endpoints.parse(v, "--listen");
                    case "--peer" -> peers.add(PeerConfig.parse(v));
                    case "--control" -> control = Endpoints.parse(v, "--control");
                    case "--capture" -> capture = Path.of(v);
                    default -> throw new IllegalArgumentException("unknown fabric option " + flag);
                }
            }
            if (!control.getAddress().isLoopbackAddress()) {
                throw new IllegalArgumentException("--control must be a loopback address");
            }
            return new Settings(name, listen.getAddress(), listen, peers, control, capture);
        }
    }

    private final Settings settings;
    private final UniFabric fabric;
    private final PcapWriter pcap;
    private final ControlServer server;
    private final InetSocketAddress controlAddress;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private FabricNode(Settings settings) throws IOException, InterruptedException {
        this.settings = settings;
        FabricConfig config = FabricConfig.loopback(settings.name(), settings.peers());
        config = new FabricConfig(settings.name(), settings.bind(), settings.data(), settings.peers(),
                config.sscop(), config.link(), config.hostOf());
        this.pcap = settings.capture() == null ? null
                : PcapWriter.toFile(settings.capture(), PcapWriter.LinkType.ETHERNET);
        UniFabric f;
        try {
            f = UniFabric.start(config);
        } catch (InterruptedException | RuntimeException e) {
            closePcap();
            throw e;
        }
        this.fabric = f;
        try {
            if (pcap != null) {
                await(fabric.capture(pcap));
            }
            this.server = ControlServer.start(settings.control(), this::handle);
        } catch (IOException | RuntimeException e) {
            fabric.close();
            closePcap();
            throw e;
        }
        this.controlAddress = server.address();
    }

    /**
     * Starts a fabric node in this process.
     *
     * @param settings its settings
     * @return the running node
     * @throws IOException when a socket cannot be bound or the capture file written
     * @throws InterruptedException if interrupted while binding
     */
    public static FabricNode start(Settings settings) throws IOException, InterruptedException {
        return new FabricNode(settings);
    }

    /** @return the fabric (tests) */
    public UniFabric fabric() {
        return fabric;
    }

    /** @return the bound control address */
    public InetSocketAddress controlAddress() {
        return controlAddress;
    }

    /** @return the ready line {@link NodeProcess} waits for */
    public String readyLine() {
        return "jcondis node " + settings.name() + " ready: control " + Endpoints.format(controlAddress)
                + " fabric data " + Endpoints.format(fabric.dataAddress());
    }

    /**
     * Waits (bounded) until the node has stopped.
     *
     * @return true once stopped
     */
    public boolean awaitStopped(long timeoutMs) {
        try {
            return stopped.await(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Runs a fabric node until it is stopped (a {@code stop} request or SIGTERM), printing its ready line.
     *
     * @param args the options {@link Settings#parse} reads
     * @param out  where the ready line goes
     * @param err  where a start failure goes
     * @return 0 after a stop, 2 when it could not start, {@link NodeMain#EXIT_INTERRUPTED} when the calling
     *         thread was interrupted (the node is stopped first)
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        FabricNode node;
        try {
            node = start(Settings.parse(args));
        } catch (IOException | RuntimeException e) {
            err.println("jcondis node: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
        return NodeMain.serve(node, "jcondis-fabric-shutdown", out, err);
    }

    /**
     * {@code FabricNode [options]}: {@link #run}, then exits with its code.
     *
     * @param args the options
     */
    public static void main(String[] args) {
        System.exit(run(List.of(args), System.out, System.err));
    }

    /**
     * Answers one control request line.
     *
     * @param line the request
     * @return the reply
     */
    public ControlReply handle(String line) {
        ControlRequest request;
        try {
            request = ControlRequest.parse(line);
        } catch (RequestException e) {
            return ControlReply.error(ControlRequest.idOf(line), e.error(), e.getMessage());
        }
        JsonNode id = request.id();
        if (stopping.get()) {
            return ControlReply.error(id, ControlError.SHUTTING_DOWN, "node " + settings.name() + " is stopping");
        }
        try {
            JsonNode result = switch (request.op()) {
                case "ping" -> object().put("node", settings.name()).put("driver", "uni-fabric");
                case "add-peer" -> addPeer(request);
                case "remove-peer" -> status(fabric.removePeer(request.text("peer")));
                case "release" -> status(fabric.release(callId(request), cause(request)));
                case "drop-party" -> status(fabric.dropParty(callId(request),
                        (int) request.number("ep", -1, 0, 0x7FFF), cause(request)));
                case "modify" -> modify(request);
                case "halt-host" -> status(fabric.haltHost(request.text("host")));
                case "resume-host" -> status(fabric.resumeHost(request.text("host")));
                case "capacity" -> capacity(request);
                case "snapshot" -> snapshotJson(await(fabric.snapshot()));
                case "settled" -> settled(await(fabric.snapshot()));
                case "stop" -> stop();
                default -> throw new RequestException(ControlError.UNKNOWN_OP, "unknown op '" + request.op()
                        + "' (ops: ping, add-peer, remove-peer, release, drop-party, modify, halt-host, resume-host,"
                        + " capacity, snapshot, settled, stop)");
            };
            return ControlReply.ok(id, result);
        } catch (RequestException e) {
            return ControlReply.error(id, e.error(), e.getMessage());
        } catch (RuntimeException e) {
            return ControlReply.error(id, ControlError.INTERNAL, request.op() + " failed inside the node: " + e);
        }
    }

    private static ObjectNode object() {
        return ControlRequest.JSON.createObjectNode();
    }

    /**
     * {@code modify {call, forward, backward[, towards: "called"|"owner"]}}: peaks in bytes/s, carried exactly in
     * the user-user information beside the traffic descriptor (in cells); towards the owner is the jcondis
     * extension of Q.2963.1 (docs/uni.md). Once that end acknowledged, the other end gets the same change marked
     * re-activation only ({@link UniMapping#reactivateOnly}).
     */
    private JsonNode modify(ControlRequest request) {
        long forward = request.number("forward", -1, 0, FlowSpec.NOT_SPECIFIED);
        long backward = request.number("backward", -1, 0, FlowSpec.NOT_SPECIFIED);
        String towards = request.has("towards") ? request.text("towards") : "called";
        if (!towards.equals("called") && !towards.equals("owner")) {
            throw new RequestException(ControlError.BAD_ARGUMENT, "towards must be 'called' or 'owner'");
        }
        UserUserInformation exact = UniMapping.exactFlowSpecs(peakOnly(forward), peakOnly(backward));
        // The network changes the whole call: the other end re-admits and re-shapes too, without telling its client.
        UserUserInformation other = UniMapping.exactFlowSpecs(peakOnly(forward), peakOnly(backward), true);
        return status(fabric.modify(callId(request), AtmTrafficDescriptor.peak(cells(forward), cells(backward)),
                Optional.of(exact), towards.equals("owner"), Optional.of(other)));
    }

    private static FlowSpec peakOnly(long peakBps) {
        return new FlowSpec(FlowSpec.NOT_SPECIFIED, FlowSpec.NOT_SPECIFIED, peakBps, FlowSpec.NOT_SPECIFIED,
                FlowSpec.NOT_SPECIFIED, FlowSpec.NOT_SPECIFIED, FlowSpec.NOT_SPECIFIED, FlowSpec.NOT_SPECIFIED);
    }

    private static int cells(long bps) {
        return (int) Math.min(Integer.MAX_VALUE, (bps + UniFabric.CELL_PAYLOAD_BYTES - 1)
                / UniFabric.CELL_PAYLOAD_BYTES);
    }

    private static FabricCallId callId(ControlRequest r) {
        return new FabricCallId(r.number("call", -1, 1, Long.MAX_VALUE));
    }

    private static CauseValue cause(ControlRequest r) {
        int code = (int) r.number("cause", CauseValue.NORMAL_CALL_CLEARING.code(), 0, 127);
        return CauseValue.fromCode(code).orElseThrow(() -> new RequestException(ControlError.BAD_ARGUMENT,
                r.op() + ": cause " + code + " is not a Q.2931 cause value"));
    }

    private static ObjectNode status(CompletableFuture<Status> f) {
        Status s = await(f);
        ObjectNode o = object().put("status", s.code().name());
        if (s.description() != null) {
            o.put("description", s.description());
        }
        return o;
    }

    private ObjectNode addPeer(ControlRequest r) {
        PeerConfig p;
        try {
            p = PeerConfig.parse(r.text("peer"));
        } catch (IllegalArgumentException e) {
            throw new RequestException(ControlError.BAD_ARGUMENT, "add-peer: " + e.getMessage());
        }
        try {
            InetSocketAddress link = await(fabric.addPeer(p));
            return object().put("peer", p.name()).put("link", Endpoints.format(link))
                    .put("data", Endpoints.format(fabric.dataAddress()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestException(ControlError.INTERNAL, "add-peer: interrupted");
        }
    }

    private ObjectNode capacity(ControlRequest r) {
        String host = r.text("host");
        if (r.has("bps")) {
            return status(fabric.capacity(host, r.number("bps", -1, 1, Long.MAX_VALUE)));
        }
        FabricSnapshot s = await(fabric.snapshot());
        for (FabricSnapshot.LinkView l : s.links()) {
            if (l.name().equals(host)) {
                return object().put("host", host).put("link", l.name()).put("capacity", l.capacityBps())
                        .put("up", l.capacityBps() - l.reserved().upBps())
                        .put("down", l.capacityBps() - l.reserved().downBps());
            }
        }
        throw new RequestException(ControlError.UNKNOWN_HOST, "capacity: no link for host " + host);
    }

    /**
     * Whether nothing is in flight: every call active on every branch with no modification outstanding shows as
     * no Q.2931 timer running, and every link's half-calls are those of active calls; no SSCOP SDU waits to be
     * sent.
     */
    private static ObjectNode settled(FabricSnapshot s) {
        int halves = 0;
        boolean transientCall = false;
        for (FabricSnapshot.CallView c : s.calls()) {
            if (c.state() != FabricCallState.ACTIVE || c.branches().stream().anyMatch(b -> !b.active())) {
                transientCall = true;
            }
            halves += 1 + c.branches().size();
        }
        int linkCalls = 0;
        int timers = 0;
        int queued = 0;
        for (FabricSnapshot.LinkView l : s.links()) {
            linkCalls += l.calls();
            timers += l.runningTimers();
            queued += l.sscop().transmitQueued();
        }
        boolean settled = !transientCall && linkCalls == halves && timers == 0 && queued == 0;
        return object().put("settled", settled).put("quiescent", s.quiescent()).put("calls", s.calls().size())
                .put("linkCalls", linkCalls).put("timers", timers).put("queued", queued)
                .put("framesReceived", s.counters().data().datagramsReceived())
                .put("framesSent", s.counters().data().datagramsSent());
    }

    private static ObjectNode snapshotJson(FabricSnapshot s) {
        ObjectNode o = object();
        ArrayNode calls = o.putArray("calls");
        for (FabricSnapshot.CallView c : s.calls()) {
            ObjectNode j = calls.addObject().put("call", c.id().value()).put("state", c.state().name())
                    .put("multipoint", c.pointToMultipoint()).put("root", c.rootLink());
            c.rootVc().ifPresent(v -> j.put("rootVc", vc(v)));
            c.parties().forEach(j.putArray("parties")::add);
            ArrayNode branches = j.putArray("branches");
            for (FabricSnapshot.BranchView b : c.branches()) {
                ObjectNode bj = branches.addObject().put("link", b.link()).put("vc", vc(b.vc()))
                        .put("active", b.active());
                b.parties().forEach(bj.putArray("parties")::add);
            }
        }
        ArrayNode links = o.putArray("links");
        for (FabricSnapshot.LinkView l : s.links()) {
            links.addObject().put("link", l.name()).put("state", l.state().name()).put("halted", l.halted())
                    .put("capacity", l.capacityBps()).put("upReserved", l.reserved().upBps())
                    .put("downReserved", l.reserved().downBps()).put("calls", l.calls())
                    .put("timers", l.runningTimers()).put("vcs", l.vcs());
        }
        o.put("quiescent", s.quiescent());
        return o;
    }

    /** @return {@code VPI/VCI} */
    public static String vc(VcId v) {
        return v.vpi() + "/" + v.vci();
    }

    private ObjectNode stop() {
        ObjectNode o = object().put("stopping", settings.name());
        Thread t = new Thread(this::close, "jcondis-fabric-stop");
        t.setDaemon(true);
        t.start();
        return o;
    }

    private static <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RequestException(ControlError.INTERNAL, "interrupted while waiting for the fabric");
        } catch (TimeoutException e) {
            throw new RequestException(ControlError.TIMEOUT, "the fabric did not answer within " + WAIT_MS + " ms");
        } catch (ExecutionException e) {
            throw new RequestException(ControlError.REFUSED, String.valueOf(e.getCause().getMessage()));
        }
    }

    private void closePcap() {
        if (pcap != null) {
            try {
                pcap.close();
            } catch (IOException e) {
                // Nothing more to record; the file stays as far as it was written.
                System.getLogger(FabricNode.class.getName()).log(System.Logger.Level.WARNING,
                        "capture " + settings.capture() + " not complete: " + e.getMessage());
            }
        }
    }

    /**
     * Stops the control server and the fabric, then closes the capture (flushed: no datagram is written after the
     * fabric's sockets are closed); idempotent. A second caller (the shutdown hook while a {@code stop} request's
     * close runs) waits, bounded, for the first to finish, so the JVM never exits with the capture unflushed.
     */
    @Override
    public void close() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped(CLOSE_WAIT_MS);
            return;
        }
        try {
            server.close();
            fabric.close();
        } finally {
            closePcap();
            stopped.countDown();
        }
    }
}

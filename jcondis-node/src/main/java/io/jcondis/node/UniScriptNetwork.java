package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.api.AdapterHandle;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.core.Jcondis;
import io.jcondis.core.ThreadingMode;
import io.jcondis.tck.script.ScriptNetwork;
import io.jcondis.tck.script.ScriptNetworkProvider;
import io.jcondis.uni.mcm.UniCallManager;
import io.jcondis.uni.mcm.UniMapping;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The {@code uni} script network (docs/uni.md, "Running the scripts on uni"): every script {@code host} is a
 * {@link UniCallManager} adapter in the runner's runtime with its own signalling link (own SSCOP/UDP socket) and
 * data socket, and every link goes to one fabric node process ({@link FabricNode}, started on loopback by
 * {@link NodeProcess} at the first host of the run and reused, links removed between scripts). Every call between
 * two script hosts crosses that process on the wire; the {@code switch} remote actions become its control requests
 * (release, drop-party, modify, halt-host), naming the fabric's call through what crossed the wire: the host's
 * link and the VPI/VCI and endpoint reference of the call on it ({@link UniCallManager#wireOf}).
 *
 * <p>Threading: the script thread calls everything; the remote actions run with the runtime's lock held and wait
 * only for the fabric process, except {@link #remoteQosChange}, whose E8 and status the scripts need at once: it
 * runs the runtime's deferred work itself (the lock is its own) while the fabric's MODIFY crosses the wire.
 */
final class UniScriptNetwork implements ScriptNetwork {
    /**
     * System property: a directory where each fabric process of the run writes its {@code --capture} (every
     * signalling datagram), {@code fabric-N.pcap}; read when a fabric process starts, a file complete once its
     * process has stopped ({@link #stopFabric}).
     */
    static final String CAPTURE_PROPERTY = "jcondis.uni.capture";
    /** Bounds the wait for a fabric process to exit after its {@code stop} request. */
    private static final long STOP_WAIT_MS = 15_000;
    private static final AtomicInteger FABRICS = new AtomicInteger();
    private static final long WAIT_MS = 10_000;
    private static final AtomicInteger SCRIPTS = new AtomicInteger();
    private static FabricHolder shared;
    /**
     * For tests (UniScriptsTsharkTest): told of every link this class adds to a fabric, on the script thread, so a
     * capture can be read per host; null (the default) for nobody. Set and cleared by the test around its runs.
     */
    static volatile Consumer<WireLink> linkObserver;

    /**
     * One host's signalling link on the wire: the host's SSCOP/UDP address in the runner and the fabric's link
     * address (where the fabric's capture sees it).
     *
     * @param host       the script's host name
     * @param hostSide   the host's signalling address
     * @param fabricSide the fabric's signalling address of the link
     */
    record WireLink(String host, InetSocketAddress hostSide, InetSocketAddress fabricSide) {
    }

    /** The run's fabric node process, started on first use, stopped at exit (never orphaned). */
    private static final class FabricHolder {
        final NodeProcess process;
        final InetSocketAddress data;

        FabricHolder(NodeProcess process, InetSocketAddress data) {
            this.process = process;
            this.data = data;
        }
    }

    private record HostSide(String name, UniCallManager mcm, String link) {
    }

    private final String prefix = "s" + SCRIPTS.incrementAndGet() + "-";
    private final Map<String, HostSide> hosts = new LinkedHashMap<>();
    private Jcondis runtime;
    private FabricHolder fabric;

    /** Its provider, found by ServiceLoader. */
    public static final class Provider implements ScriptNetworkProvider {
        @Override
        public String name() {
            return NodeDrivers.UNI;
        }

        @Override
        public String description() {
            return "jcondis-uni: hosts signal Q.2931 over SSCOP/UDP through a fabric node process on loopback";
        }

        @Override
        public ScriptNetwork create() {
            return new UniScriptNetwork();
        }
    }

    @Override
    public ThreadingMode threadingMode() {
        return ThreadingMode.DEDICATED;
    }

    @Override
    public boolean realTime() {
        return true;
    }

    /** Each host is its own UniCallManager and link: what one host's client sees has no order with another's. */
    @Override
    public boolean concurrentHosts() {
        return true;
    }

    @Override
    public void start(Jcondis rt) {
        this.runtime = rt;
    }

    private static synchronized FabricHolder fabricProcess() throws IOException {
        if (shared != null && shared.process.isAlive()) {
            return shared;
        }
        String capture = System.getProperty(CAPTURE_PROPERTY);
        NodeProcess p = NodeProcess.builder().mainClass(FabricNode.class.getName())
                .args(capture == null ? new String[] {"--name", "script-fabric"}
                        : new String[] {"--name", "script-fabric", "--capture", java.nio.file.Path.of(capture)
                                .resolve("fabric-" + FABRICS.incrementAndGet() + ".pcap").toString()}).start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::stop, "uni-script-fabric-stop"));
        String line = p.output().stream().filter(l -> l.contains(" fabric data ")).findFirst().orElseThrow();
        InetSocketAddress data = Endpoints.parse(line.substring(line.indexOf(" fabric data ") + 13).trim(),
                "fabric data");
        shared = new FabricHolder(p, data);
        return shared;
    }

    /**
     * Stops the run's fabric process, if one runs (the next script starts a fresh one); its capture file is then
     * complete. For tests; the script thread.
     */
    static synchronized void stopFabric() {
        if (shared != null) {
            try {
                // The node's own stop closes its capture (a signal may end the process before the file is flushed).
                request(shared.process, "stop", Map.of());
                // Let it exit by itself: a SIGTERM now would start the JVM's shutdown while the stop runs.
                shared.process.awaitExit(STOP_WAIT_MS);
            } catch (IOException | RuntimeException e) {
                System.getLogger(UniScriptNetwork.class.getName()).log(System.Logger.Level.DEBUG,
                        "fabric stop request failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shared.process.stop();
            shared = null;
        }
    }

    private static JsonNode request(NodeProcess p, String op, Map<String, Object> args) throws IOException {
        ControlRequest r = ControlRequest.of(op);
        for (Map.Entry<String, Object> e : args.entrySet()) {
            r = r.with(e.getKey(), e.getValue());
        }
        ControlReply reply = p.request(r);
        if (!reply.isOk()) {
            throw new IOException("fabric " + op + ": " + reply.error() + " " + reply.message());
        }
        return reply.result();
    }

    private JsonNode fabric(String op, Map<String, Object> args) {
        try {
            return request(fabric.process, op, args);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static Status statusOf(JsonNode reply) {
        Status s = Status.of(Status.Code.valueOf(reply.get("status").asText()));
        JsonNode d = reply.get("description");
        return d == null ? s : s.withDescription(d.asText());
    }

    @Override
    public Result<AdapterHandle> addHost(String name, long capacityBps, String... aliases) {
        if (hosts.containsKey(name)) {
            return Result.failed(Status.FAILURE.withDescription("host " + name + " exists"));
        }
        if (capacityBps <= 0) {
            return Result.failed(Status.INVALID_PARAMETER.withDescription("capacity must be positive"));
        }
        try {
            if (fabric == null) {
                fabric = fabricProcess();
            }
            InetAddress lo = InetAddress.getLoopbackAddress();
            UniCallManager mcm = UniCallManager.install(runtime, "uni-" + name,
                    UniCallManager.Config.of(new InetSocketAddress(lo, 0), new InetSocketAddress(lo, 0)));
            String link = prefix + name;
            StringBuilder spec = new StringBuilder(link).append('=')
                    .append(Endpoints.format(mcm.signallingAddress())).append(",hosts=").append(name);
            for (String a : aliases) {
                spec.append(',').append(a);
            }
            spec.append(",capacity=").append(capacityBps).append(",data=")
                    .append(Endpoints.format(mcm.dataAddress()));
            JsonNode added = fabric("add-peer", Map.of("peer", spec.toString()));
            InetSocketAddress linkAddress = Endpoints.parse(added.get("link").asText(), "fabric link");
            mcm.localSwitching(false);
            mcm.addPeer("fabric", linkAddress, fabric.data, Set.of("*"));
            hosts.put(name, new HostSide(name, mcm, link));
            Consumer<WireLink> observer = linkObserver;
            if (observer != null) {
                observer.accept(new WireLink(name, mcm.signallingAddress(), linkAddress));
            }
            return mcm.addHost(name, capacityBps, aliases);
        } catch (IOException | RuntimeException e) {
            return Result.failed(Status.FAILURE.withDescription("uni host " + name + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed(Status.FAILURE.withDescription("interrupted"));
        }
    }

    @Override
    public Status haltHost(String host) {
        HostSide h = hosts.get(host);
        if (h == null || !h.mcm.hosts().contains(host)) {
            return Status.of(Status.Code.ADAPTER_NOT_FOUND).withDescription("no host " + host);
        }
        Status local = h.mcm.haltHost(host);
        if (local.code() == Status.Code.ADAPTER_NOT_FOUND) {
            return local;
        }
        // The link goes down on the wire: the fabric releases its calls at the other ends and ends SSCOP.
        fabric("halt-host", Map.of("host", h.link));
        return local;
    }

    /** The host side and wire identity of a VC (or party) of a script client. */
    private record Found(HostSide host, UniCallManager.WireRef wire) {
    }

    private Optional<Found> find(VcHandle vc, PartyHandle party) {
        for (HostSide h : hosts.values()) {
            Optional<UniCallManager.WireRef> w = party != null ? h.mcm.wireOf(party) : h.mcm.wireOf(vc);
            if (w.isPresent()) {
                return Optional.of(new Found(h, w.get()));
            }
        }
        return Optional.empty();
    }

    /** @return the fabric's call id of the Q.2931 call {@code f} names, or -1 */
    private long fabricCall(Found f) {
        String vci = f.wire.vc().vpi() + "/" + f.wire.vc().vci();
        for (JsonNode c : fabric("snapshot", Map.of()).get("calls")) {
            if (f.wire.outgoing()) {
                if (c.get("root").asText().equals(f.host.link) && c.has("rootVc")
                        && c.get("rootVc").asText().equals(vci)) {
                    return c.get("call").asLong();
                }
                continue;
            }
            for (JsonNode b : c.get("branches")) {
                if (b.get("link").asText().equals(f.host.link) && b.get("vc").asText().equals(vci)) {
                    return c.get("call").asLong();
                }
            }
        }
        return -1;
    }

    @Override
    public Status remoteClose(VcHandle vc, Status cause) {
        Optional<Found> f = find(vc, null);
        long call = f.map(this::fabricCall).orElse(-1L);
        if (call < 0) {
            return Status.INVALID_HANDLE.withDescription(vc + " carries no call through the fabric");
        }
        Status s = statusOf(fabric("release", Map.of("call", call, "cause", UniMapping.cause(cause).code())));
        return s.code() == Status.Code.SUCCESS ? Status.PENDING : s;
    }

    @Override
    public Status remoteDropParty(PartyHandle party) {
        Optional<Found> f = find(null, party);
        long call = f.map(this::fabricCall).orElse(-1L);
        if (call < 0 || f.get().wire.endpointReference() < 0) {
            return Status.INVALID_HANDLE.withDescription(party + " is not a connected party through the fabric");
        }
        Status s = statusOf(fabric("drop-party", Map.of("call", call, "ep", f.get().wire.endpointReference(),
                "cause", 16)));
        return s.code() == Status.Code.SUCCESS ? Status.PENDING : s;
    }

    private static long peak(FlowSpec f) {
        return f == null || f.peakBandwidthBps() < 0 || f.peakBandwidthBps() == FlowSpec.NOT_SPECIFIED ? 0
                : f.peakBandwidthBps();
    }

    @Override
    public Status remoteQosChange(VcHandle vc, FlowSpec transmit, FlowSpec receive) {
        Optional<Found> f = find(vc, null);
        long call = f.map(this::fabricCall).orElse(-1L);
        if (call < 0) {
            return Status.INVALID_HANDLE.withDescription(vc + " carries no connected call through the fabric");
        }
        boolean caller = f.get().wire.outgoing();
        long forward = caller ? peak(transmit) : peak(receive);
        long backward = caller ? peak(receive) : peak(transmit);
        // The caller's VC is changed with a MODIFY REQUEST towards the owner (the jcondis extension of Q.2963.1),
        // the callee's towards the called end.
        String towards = caller ? "owner" : "called";
        CompletableFuture<JsonNode> reply = CompletableFuture.supplyAsync(() -> fabric("modify",
                Map.of("call", call, "forward", forward, "backward", backward, "towards", towards)));
        // The MODIFY REQUEST reaches an end in this runtime, whose handling needs the control plane this thread
        // holds: run the runtime's work here until the fabric has the answer (bounded).
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (System.nanoTime() - deadline < 0) {
            runtime.runUntilIdle();
            try {
                return statusOf(reply.get(1, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                continue;
            } catch (ExecutionException e) {
                return Status.FAILURE.withDescription(String.valueOf(e.getCause().getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Status.FAILURE.withDescription("interrupted");
            }
        }
        return Status.FAILURE.withDescription("the fabric did not answer the modify within " + WAIT_MS + " ms");
    }

    @Override
    public Status indicateStatus(String host, VcHandle vc, StatusIndication indication) {
        HostSide h = hosts.get(host);
        if (h == null) {
            return Status.of(Status.Code.ADAPTER_NOT_FOUND).withDescription("no host " + host);
        }
        return h.mcm.indicateStatus(host, vc, indication);
    }

    // The fabric accounts in cells (48 payload bytes each, Q.2931's traffic descriptor), so a rate that is not a
    // multiple of 48 reads back rounded up there; the host's admission control in the runner holds the exact
    // CoNDIS rates, as the embedded switch does, and is what the scripts' figures are about.
    @Override
    public long uplinkFreeBps(String host) {
        HostSide h = hosts.get(host);
        return h == null ? -1 : runtime.onConductor(() -> h.mcm.uplinkFreeBps(host));
    }

    @Override
    public long downlinkFreeBps(String host) {
        HostSide h = hosts.get(host);
        return h == null ? -1 : runtime.onConductor(() -> h.mcm.downlinkFreeBps(host));
    }

    @Override
    public boolean settle(long timeoutNs) throws InterruptedException {
        if (fabric == null) {
            return true;
        }
        long deadline = System.nanoTime() + timeoutNs;
        while (true) {
            if (quiet()) {
                return true;
            }
            // The fabric may wait on the hosts, whose link events are posted to this runtime: with work due here,
            // hand back to the engine, which runs it (it holds the runtime in INVOKER mode) and asks again. Waiting
            // on instead left a call half set up, the make-call pending and the run unsettled until its timeout.
            if (runtime.dueTasks() > 0 || System.nanoTime() - deadline >= 0) {
                return false;
            }
            Thread.sleep(2);
        }
    }

    private boolean quiet() {
        JsonNode s = fabric("settled", Map.of());
        if (!s.get("settled").asBoolean()) {
            return false;
        }
        for (HostSide h : hosts.values()) {
            UniCallManager.Snapshot snap = runtime.onConductor(h.mcm::snapshot);
            if (snap.linkTimers() != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String inFlight() {
        if (fabric == null) {
            return "";
        }
        try {
            StringBuilder b = new StringBuilder("fabric " + fabric("settled", Map.of()));
            for (Map.Entry<String, HostSide> h : hosts.entrySet()) {
                b.append(", ").append(h.getKey()).append(' ').append(runtime.onConductor(h.getValue().mcm::snapshot));
            }
            return b.toString();
        } catch (RuntimeException e) {
            return "fabric: " + e.getMessage();
        }
    }

    @Override
    public void close() {
        for (HostSide h : hosts.values()) {
            h.mcm.close();
        }
        boolean clean = true;
        for (HostSide h : hosts.values()) {
            try {
                clean &= statusOf(fabric("remove-peer", Map.of("peer", h.link))).code() == Status.Code.SUCCESS;
            } catch (RuntimeException e) {
                clean = false;
            }
        }
        hosts.clear();
        if (!clean) {
            // A call was left on the fabric: the next script gets a fresh fabric process.
            stopFabric();
        }
        fabric = null;
    }
}

package io.jcondis.uni.mcm;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.FlowSpec;
import io.jcondis.api.Ndis;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Oids;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.callmanager.CallManagerHandlers;
import io.jcondis.api.callmanager.McmHost;
import io.jcondis.api.callmanager.McmHosts;
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.callmanager.TextSapTable;
import io.jcondis.api.miniport.MiniportHandlers;
import io.jcondis.uni.data.TrafficContract;
import io.jcondis.uni.data.UdpDataEndpoint;
import io.jcondis.uni.data.VcId;
import io.jcondis.uni.data.VcReceiver;
import io.jcondis.uni.data.VcSender;
import io.jcondis.uni.mcm.LinkSocket.Link;
import io.jcondis.uni.q2931.AddParty;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.ConnectionIdentifier;
import io.jcondis.uni.q2931.ModifyRequest;
import io.jcondis.uni.q2931.Setup;
import io.jcondis.uni.q2931.UserUserInformation;
import io.jcondis.uni.signal.Outcome;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniCallId;
import io.jcondis.uni.signal.UniEvent;
import io.jcondis.uni.signal.UniLink;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.SscopConfig;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The uni driver's miniport call manager: CoNDIS calls of the hosts of one node, signalled with Q.2931 over SSCOP
 * on UDP to peer nodes, with their VC data on a UDP data socket (issue 4). Its CoNDIS behaviour mirrors
 * jcondis-switch's {@code EmbeddedSwitch}: each host is an adapter that registers {@link #ADDRESS_FAMILY}; SAPs are
 * text {@code address:selector}; every signalling request pends and completes when the network answers; admission
 * control reserves each call's peak rates on its host's link ({@code CELLRATE_NOT_AVAILABLE} when it lacks room).
 *
 * <h2>Routing</h2>
 * A called address {@code host:selector} goes to the peer that announces {@code host} (or {@code *}); the call
 * becomes SETUP on that peer's link (see docs/uni.md, "CoNDIS mapping", for the elements). No peer announces it:
 * the make-call fails with {@code NO_ROUTE_TO_DESTINATION}. An incoming SETUP goes to the local host its called
 * address names and the best matching SAP there (as the embedded switch matches), or is refused with RELEASE
 * COMPLETE and the cause of the refusal.
 *
 * <h2>Threading</h2>
 * Three threads meet here. The runtime calls the handlers on its control plane (under its lock); every field of
 * this class that is not marked otherwise is touched only there. Signalling (one {@link LinkSocket}: SSCOP and
 * {@code UniLink}s) runs on its Netty event loop: handlers post wire work to it, and its link events are posted
 * back to the runtime ({@code post}), in order. VC data runs on the {@link UdpDataEndpoint}'s loop, which calls
 * {@code indicateReceive} and {@code sendComplete} directly (the runtime's services may be called from any thread).
 */
public final class UniCallManager implements AutoCloseable {
    /** The AF every host registers: CO_ADDRESS_FAMILY_Q2931 1.0, as the embedded switch. */
    public static final AddressFamily ADDRESS_FAMILY = new AddressFamily(AddressFamily.Q2931, 1, 0);
    /** Default link capacity: 155 Mbit/s in bytes per second. */
    public static final long DEFAULT_CAPACITY_BPS = 155_000_000L / 8;
    /** First VCI used for calls (0..31 are reserved by I.361); {@link UniMapping#FIRST_VCI}. */
    public static final int FIRST_VCI = UniMapping.FIRST_VCI;

    /**
     * The node's sockets and protocol parameters.
     *
     * @param signalling where the signalling socket binds (port 0: any)
     * @param data       where the data socket binds (port 0: any)
     * @param sscop      SSCOP parameters
     * @param link       Q.2931 timers and side
     */
    public record Config(InetSocketAddress signalling, InetSocketAddress data, SscopConfig sscop,
                         UniLinkConfig link) {
        /** @throws NullPointerException if a component is null */
        public Config {
            Objects.requireNonNull(signalling, "signalling");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(sscop, "sscop");
            Objects.requireNonNull(link, "link");
        }

        /**
         * @param signalling signalling bind address
         * @param data       data bind address
         * @return default SSCOP parameters and user-side Q.2931 timers
         */
        public static Config of(InetSocketAddress signalling, InetSocketAddress data) {
            return new Config(signalling, data, SscopConfig.defaults(),
                    UniLinkConfig.defaults(Side.USER).withNetworkModify(true));
        }
    }

    /**
     * What the call manager holds, for tests, {@code show} and the leak check: all zero when quiescent.
     *
     * @param calls              calls (VCs of local clients, outgoing and incoming) still known
     * @param reservedBps        bytes/s reserved on all host links, both directions
     * @param linkCalls          Q.2931 calls on all links (local pair included)
     * @param foreignDatagrams   signalling datagrams from no configured peer, dropped
     * @param malformedDatagrams signalling datagrams from peers that were no SSCOP PDU, dropped
     * @param wireCalls          Q.2931 calls this call manager still maps to VCs
     * @param senders            VC senders it holds open on the data endpoint
     * @param receivers          VC receivers it holds open on the data endpoint
     * @param linkTimers         Q.2931 timers running on all links
     */
    public record Snapshot(int calls, long reservedBps, int linkCalls, long foreignDatagrams,
                           long malformedDatagrams, int wireCalls, int senders, int receivers, int linkTimers) {
        /** @return true when no call, reservation, Q.2931 call or timer, sender or receiver is left */
        public boolean isQuiescent() {
            return calls == 0 && reservedBps == 0 && linkCalls == 0 && wireCalls == 0 && senders == 0
                    && receivers == 0 && linkTimers == 0 && malformedDatagrams >= 0;
        }
    }

    private final McmServices ndis;
    private final String name;
    private final Config config;
    private final LinkSocket socket;
    private final UdpDataEndpoint data;
    private final McmHosts hosts = new McmHosts();
    private final TextSapTable<McmHost> saps = new TextSapTable<>();
    private final Map<VcHandle, AfHandle> afOfVc = new HashMap<>();
    private final Map<String, PeerRoute> peers = new LinkedHashMap<>();
    private final Map<VcHandle, Call> callsByVc = new HashMap<>();
    private final Map<PartyHandle, Leg> legsByParty = new HashMap<>();
    private final Map<Link, Map<UniCallId, Wire>> wires = new HashMap<>();
    private final Map<VcHandle, Runnable> afterDeactivate = new HashMap<>();
    /** Next VCI per VCI space (a peer's data address; the local pair has its own), parity per the wire rule. */
    private final Map<Object, Integer> nextVci = new HashMap<>();
    /** The local pair: calls between two hosts of this node (local switching), created on first use. */
    private Link[] localPair;
    private boolean localSwitching = true;
    private volatile Runnable changeListener = () -> { };
    private int senders;
    private int receivers;

    private record PeerRoute(String name, Link link, Set<String> hosts) {
    }

    /**
     * A VC of a local client and where its call stands, from this node's side.
     * <pre>
     *  outgoing: SETTING_UP --first party active--&gt; ACTIVE --closeCall--&gt; CLOSING --every leg gone--&gt; DONE
     *  incoming: OFFERED --accept--&gt; ACCEPTED --CONNECT ACK (or ADD PARTY ACK sent)--&gt; ACTIVE
     *  ACTIVE/ACCEPTED --peer cleared (last leg: R23)--&gt; REMOTE_CLOSED --closeCall--&gt; DONE
     *  SETTING_UP/OFFERED --refused or cleared--&gt; DONE
     * </pre>
     */
    enum CallState { SETTING_UP, OFFERED, ACCEPTED, ACTIVE, CLOSING, REMOTE_CLOSED, DONE }

    /** An outgoing leg's state: the party (or point-to-point callee) as the root sees it. */
    enum LegState { QUEUED, SETTING_UP, ACTIVE, DROPPING, GONE }

    /** One VC of a local client: the root (or caller) of an outgoing call, or a leaf (callee) of an incoming one. */
    private final class Call {
        final VcHandle vc;
        final McmHost host;
        final boolean outgoing;
        final boolean multipoint;
        /** Parameters from this VC's client's view (transmit = what it sends). */
        CallParameters params;
        CallState state;
        /** Outgoing: one leg per party (point-to-point: one). */
        final List<Leg> legs = new ArrayList<>();
        /** Incoming: the Q.2931 call and this leaf's endpoint reference on it. */
        Wire wire;
        int ep;
        /** Incoming: offered by ADD PARTY (accepted with ADD PARTY ACKNOWLEDGE) rather than SETUP. */
        boolean byAddParty;
        /** A peer clear that came while the client still held the offer, and its close data (or null). */
        Status clearedWhileOffered;
        byte[] clearedWhileOfferedData;
        long upBps;
        long downBps;
        CallParameters modifyPending;
        long modifyOldUp;
        long modifyOldDown;
        /** The party handle given with closeCall (the last party of a multipoint call), returned on completion. */
        PartyHandle closingParty;
        /** Data out on the wire: point-to-point to the far end, or a point-to-multipoint root to its wire leaves. */
        VcSender sender;

        Call(VcHandle vc, McmHost host, boolean outgoing, boolean multipoint, CallParameters params, CallState s) {
            this.vc = vc;
            this.host = host;
            this.outgoing = outgoing;
            this.multipoint = multipoint;
            this.params = params;
            this.state = s;
        }
    }

    /** One party of an outgoing call (point-to-point: the callee), carried by one Q.2931 call. */
    private static final class Leg {
        final Call root;
        final PartyHandle party;
        final String called;
        Wire wire;
        /** Endpoint reference on the wire; -1 until known. */
        int ep = -1;
        LegState state = LegState.SETTING_UP;
        /** The root's make-call or add-party that created this leg is still pending. */
        boolean rootRequestPending = true;
        /** The root asked to drop this party (E4): completes when the party is gone. */
        boolean rootDropPending;
        /** The root's close data for the drop (R26: at most 128 bytes), sent with the DROP PARTY or RELEASE. */
        Optional<UserUserInformation> dropData = Optional.empty();

        Leg(Call root, PartyHandle party, String called) {
            this.root = root;
            this.party = party;
            this.called = called;
        }
    }

    /** One Q.2931 call on one link. */
    private static final class Wire {
        final Link link;
        final VcId vcId;
        final boolean outgoing;
        final boolean multipoint;
        UniCallId id;
        boolean active;
        /** Outgoing: parties by endpoint reference, and parties waiting for the call to become active. */
        final Map<Integer, Leg> legs = new LinkedHashMap<>();
        final List<Leg> queued = new ArrayList<>();
        /** Incoming: leaves by endpoint reference (point-to-point: 0), and the SETUP's flowspecs (caller's view). */
        final Map<Integer, Call> leaves = new LinkedHashMap<>();
        FlowSpec forward;
        FlowSpec backward;
        /** Data in: frames of this call from the link go to these VCs (written on the control plane). */
        final List<Call> targets = new java.util.concurrent.CopyOnWriteArrayList<>();
        VcReceiver receiver;
        /** Outgoing: this call's data address is a leaf of the root's sender. */
        boolean dataLeaf;
        /** The call is cleared (or given up) and unbound. */
        boolean cleared;
        /** Outgoing: RELEASE asked (sent once the call reference is known). */
        boolean releasing;
        CauseValue releaseCause = CauseValue.NORMAL_CALL_CLEARING;
        /** Outgoing: the root's close data, sent with that RELEASE. */
        Optional<UserUserInformation> releaseData = Optional.empty();

        Wire(Link link, VcId vcId, boolean outgoing, boolean multipoint) {
            this.link = link;
            this.vcId = vcId;
            this.outgoing = outgoing;
            this.multipoint = multipoint;
        }
    }

    private UniCallManager(Ndis runtime, String name, Config config) throws InterruptedException {
        this.name = name;
        this.config = config;
        this.socket = new LinkSocket(name, config.signalling());
        UdpDataEndpoint d;
        try {
            d = UdpDataEndpoint.bind(name, config.data(), UdpDataEndpoint.Config.defaults());
        } catch (InterruptedException | RuntimeException e) {
            socket.close();
            throw e;
        }
        this.data = d;
        Handlers h = new Handlers();
        this.ndis = runtime.registerMcm(name, h, h);
    }

    /**
     * Binds the node's signalling and data sockets and registers the call manager with {@code runtime}.
     *
     * @param runtime the runtime
     * @param name    driver name (also in thread names)
     * @param config  sockets and parameters
     * @return the call manager, with no hosts and no peers; local switching on
     * @throws InterruptedException if interrupted while binding
     */
    public static UniCallManager install(Ndis runtime, String name, Config config) throws InterruptedException {
        return new UniCallManager(runtime, name, config);
    }

    /**
     * Local switching (default on): a call between two hosts of this node is switched inside the node, as the
     * embedded switch does: Q.2931 over an in-memory link pair (no socket), VC data handed from VC to VC. Off: such
     * calls are routed like any other, to the peer that announces the called host (a fabric node), and cross the
     * wire. Call on the control plane or before use; calls already made keep their path.
     *
     * @param on whether to switch locally
     * @return this
     */
    public UniCallManager localSwitching(boolean on) {
        this.localSwitching = on;
        return this;
    }

    /**
     * Sets what runs on the control plane after each link event was handled (tests wait on it instead of
     * polling). It must be fast, must not throw and must not call back into the runtime.
     *
     * @param listener the listener
     * @return this
     */
    public UniCallManager changeListener(Runnable listener) {
        this.changeListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** @return whether calls between local hosts are switched inside the node */
    public boolean localSwitching() {
        return localSwitching;
    }

    /** @return the bound signalling address */
    public InetSocketAddress signallingAddress() {
        return socket.localAddress();
    }

    /** @return the bound data address */
    public InetSocketAddress dataAddress() {
        return data.localAddress();
    }

    /** @return the data endpoint (its counters) */
    public UdpDataEndpoint dataEndpoint() {
        return data;
    }

    /**
     * Adds a peer node: a link (SSCOP association, idle until first used) to {@code signalling}, whose VC frames
     * come from {@code dataAddress}. Call on the runtime's control plane ({@code onConductor}) or before use.
     *
     * @param peerName    the peer's name
     * @param signalling  its signalling address
     * @param dataAddress its data address
     * @param hosts       host names it announces ({@code *}: every host no other peer announces)
     */
    public void addPeer(String peerName, InetSocketAddress signalling, InetSocketAddress dataAddress,
                        Set<String> hosts) {
        if (peers.containsKey(peerName)) {
            throw new IllegalArgumentException("peer " + peerName + " exists");
        }
        Link link = socket.open(peerName, signalling, dataAddress, config.sscop(), config.link(), this::onLinkEvent);
        peers.put(peerName, new PeerRoute(peerName, link, Set.copyOf(hosts)));
        // The wire rule (UniMapping.allocatesEvenVcis): the lower signalling address takes even VCIs.
        nextVci.putIfAbsent(dataAddress, FIRST_VCI + (UniMapping.allocatesEvenVcis(socket.localAddress(),
                signalling) ? 0 : 1));
    }

    /**
     * Adds a host: starts an adapter named {@code host}, which registers the AF (A2).
     *
     * @param host        host name and first address
     * @param capacityBps link capacity, bytes/s each way
     * @param aliases     further addresses
     * @return the adapter, or a failure
     */
    public Result<AdapterHandle> addHost(String host, long capacityBps, String... aliases) {
        return hosts.add(ndis, host, capacityBps, aliases);
    }

    /**
     * Halts a host's adapter: its calls are released on the wire with cause 27 (destination out of order), its
     * clients are told of the close and asked to close their AFs.
     *
     * @param host the host
     * @return the halt's status
     */
    public Status haltHost(String host) {
        return hosts.halt(ndis, host);
    }

    /**
     * Where a VC's call crosses the wire, so that a network element that sees the same call (a fabric) can be told
     * which one is meant: the link's peer, the VPI/VCI of the Q.2931 call on it and the endpoint reference.
     *
     * @param peer              the link's peer name
     * @param vc                the VPI/VCI of the Q.2931 call on that link
     * @param endpointReference the party's endpoint reference (point-to-point: 0), -1 when not known yet
     * @param outgoing          whether this node sent the call's SETUP (then the far side saw {@code vc} as the root's)
     */
    public record WireRef(String peer, VcId vc, int endpointReference, boolean outgoing) {
    }

    /**
     * Control plane only (the script runner's remote actions use it).
     *
     * @param vc a VC of a local client
     * @return its call's wire identity (a point-to-point caller: its one leg; a multipoint root: its first leg), or
     *     empty when the VC has no call on a link
     */
    public java.util.Optional<WireRef> wireOf(VcHandle vc) {
        Call c = callsByVc.get(vc);
        if (c == null) {
            return java.util.Optional.empty();
        }
        if (c.outgoing) {
            return c.legs.isEmpty() ? java.util.Optional.empty() : wireOf(c.legs.get(0).party, c.legs.get(0));
        }
        Wire w = c.wire;
        return w == null ? java.util.Optional.empty()
                : java.util.Optional.of(new WireRef(w.link.peerName, w.vcId, c.ep, w.outgoing));
    }

    /**
     * Control plane only.
     *
     * @param party a party of a local multipoint root
     * @return the party's wire identity, or empty
     */
    public java.util.Optional<WireRef> wireOf(PartyHandle party) {
        return wireOf(party, legsByParty.get(party));
    }

    private java.util.Optional<WireRef> wireOf(PartyHandle party, Leg leg) {
        if (leg == null || leg.wire == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new WireRef(leg.wire.link.peerName, leg.wire.vcId, leg.ep, leg.wire.outgoing));
    }

    /**
     * A status indication on a host's adapter (H1), host-local as the embedded switch's: for one VC or, with a
     * null {@code vc}, adapter-wide. Control plane only.
     *
     * @param host       the host
     * @param vc         a VC on it, or null
     * @param indication the indication
     * @return the runtime's answer; {@code ADAPTER_NOT_FOUND} for an unknown host
     */
    public Status indicateStatus(String host, VcHandle vc, io.jcondis.api.StatusIndication indication) {
        return hosts.indicateStatus(ndis, host, vc, indication);
    }

    /** @return host names */
    public List<String> hosts() {
        return hosts.names();
    }

    /** @return capacity still free on the host's uplink, -1 if unknown */
    public long uplinkFreeBps(String host) {
        return hosts.uplinkFreeBps(host);
    }

    /** @return capacity still free on the host's downlink, -1 if unknown */
    public long downlinkFreeBps(String host) {
        return hosts.downlinkFreeBps(host);
    }

    /**
     * A snapshot; call on the control plane. Link figures are read on the signalling loop (bounded wait: 5 s).
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        long reserved = 0;
        for (McmHost h : hosts.all()) {
            reserved += h.reservedBps();
        }
        // Unknown link figures read as -1, so that a snapshot that could not look never passes for quiescent.
        long[] link = {-1, -1, -1};
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        if (socket.execute(() -> {
            long[] sum = {0, 0, 0};
            try {
                for (Link l : socket.links()) {
                    sum[0] += l.uni.callCount();
                    sum[1] += l.sscop.statistics().malformedDatagrams();
                    sum[2] += l.uni.runningTimers();
                }
                System.arraycopy(sum, 0, link, 0, 3);
            } finally {
                done.countDown();
            }
        })) {
            try {
                if (!done.await(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    link[0] = -1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int wireCalls = 0;
        for (Map<UniCallId, Wire> m : wires.values()) {
            wireCalls += m.size();
        }
        return new Snapshot(callsByVc.size(), reserved, (int) link[0], socket.foreignDatagrams(), link[1],
                wireCalls, senders, receivers, (int) link[2]);
    }

    /** Closes the sockets and the event loops (after the runtime's teardown). Idempotent. */
    @Override
    public void close() {
        socket.close();
        data.close();
    }

    // ---------------------------------------------------------------------------------------- routing, CAC

    private McmHost hostForAddress(String address) {
        return hosts.forAddress(address);
    }

    /** The link a call to {@code host} takes: the local pair, the announcing peer's, a {@code *} peer's, or none. */
    private Link route(String host) {
        if (localSwitching && hostForAddress(host) != null) {
            return localPair()[0];
        }
        for (PeerRoute p : peers.values()) {
            if (p.hosts.contains(host)) {
                return p.link;
            }
        }
        for (PeerRoute p : peers.values()) {
            if (p.hosts.contains("*")) {
                return p.link;
            }
        }
        return null;
    }

    private Link[] localPair() {
        if (localPair == null) {
            localPair = socket.openLocalPair(name + "-local", config.sscop(), config.link(), this::onLinkEvent);
            nextVci.put(localPair[0], FIRST_VCI);
        }
        return localPair;
    }

    /** Reserves exactly {@code up}/{@code down} on the host's link, or says what lacks. */
    private static String reserve(McmHost h, long up, long down) {
        if (!h.fits(up, down)) {
            return String.format("%s needs up %d down %d B/s; has up %d down %d free", h.name(), up, down,
                    h.upFreeBps(), h.downFreeBps());
        }
        h.take(up, down);
        return null;
    }

    /** After a QoS change's answer: gives back what the call held beyond {@code up}/{@code down} (no more). */
    private static void keepOnly(Call c, long up, long down) {
        c.host.give(c.upBps - up, c.downBps - down);
        c.upBps = up;
        c.downBps = down;
    }

    private static void unreserve(Call c) {
        c.host.give(c.upBps, c.downBps);
        c.upBps = 0;
        c.downBps = 0;
    }

    /** The VCI space of a link: its peer's data address (shared by every link to that address), or the pair. */
    private Object vciSpace(Link link) {
        return link.isLocal() ? localPair[0] : link.data;
    }

    /**
     * A VCI for a new outgoing call on {@code link}, unique among the calls of its VCI space (wire rule: a frame is
     * told apart by source data address and VPI/VCI only), with this side's parity.
     */
    private VcId allocateVci(Link link) {
        Object space = vciSpace(link);
        Set<VcId> used = new java.util.HashSet<>();
        for (Map.Entry<Link, Map<UniCallId, Wire>> e : wires.entrySet()) {
            if (vciSpace(e.getKey()).equals(space)) {
                for (Wire w : e.getValue().values()) {
                    used.add(w.vcId);
                }
            }
        }
        for (Call c : callsByVc.values()) {
            for (Leg l : c.legs) {
                if (l.wire != null && l.wire.id == null && vciSpace(l.wire.link).equals(space)) {
                    used.add(l.wire.vcId);
                }
            }
        }
        int v = nextVci.get(space);
        for (int i = 0; i < VcId.MAX_VCI; i++) {
            VcId id = new VcId(0, v);
            v += 2;
            if (v > VcId.MAX_VCI) {
                v = FIRST_VCI + (v & 1);
            }
            if (!used.contains(id)) {
                nextVci.put(space, v);
                return id;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ data plane

    private static TrafficContract contract(FlowSpec f) {
        return f.peakBandwidthBps() == FlowSpec.NOT_SPECIFIED || f.peakBandwidthBps() == 0 ? TrafficContract.UNSHAPED
                : TrafficContract.fromFlowSpec(f);
    }

    private VcSender openSender(Call c) {
        senders++;
        return data.openRootSender(contract(c.params.transmit()), (packet, status) ->
                ndis.sendComplete(c.vc, packet));
    }

    private void closeSender(Call c) {
        if (c.sender != null) {
            c.sender.close();
            c.sender = null;
            senders--;
        }
    }

    /** Frames of {@code w} from the wire go to its targets; the local pair needs no receiver. */
    private Status openReceiver(Wire w) {
        if (w.receiver != null || w.link.isLocal()) {
            return Status.SUCCESS;
        }
        Result<VcReceiver> r = data.openReceiver(w.link.data, w.vcId, (vcid, packet) -> deliverAll(w, packet));
        if (!r.status().isSuccess()) {
            return r.status();
        }
        receivers++;
        w.receiver = r.value();
        return Status.SUCCESS;
    }

    private void closeReceiver(Wire w) {
        if (w.receiver != null) {
            w.receiver.close();
            w.receiver = null;
            receivers--;
        }
    }

    /** Any thread: a frame of {@code w} to each of its targets (each its own packet over the same payload). */
    private void deliverAll(Wire w, Packet packet) {
        List<Call> to = w.targets;
        for (Call c : to) {
            Packet p = to.size() == 1 ? packet : Packet.wrap(packet.payload());
            if (ndis.indicateReceive(c.vc, p, false).isSuccess()) {
                c.host.countIn();
            }
        }
    }

    // ------------------------------------------------------------------------------------------ wire side

    /** On the signalling loop: every link event goes to the control plane, in order. */
    private void onLinkEvent(Link link, UniEvent event) {
        ndis.post(() -> {
            handleLinkEvent(link, event);
            changeListener.run();
        });
    }

    private void wire(Runnable onLoop) {
        socket.execute(onLoop);
    }

    /**
     * Runs {@code task} on the signalling loop, where every link of this call manager sends and receives. For
     * tests in this package that order events across nodes by holding one node's loop for a moment.
     */
    void executeOnSignallingLoop(Runnable task) {
        socket.execute(task);
    }

    private Wire wireOf(Link link, UniCallId id) {
        Map<UniCallId, Wire> m = wires.get(link);
        return m == null ? null : m.get(id);
    }

    private void bind(Wire w, UniCallId id) {
        w.id = id;
        wires.computeIfAbsent(w.link, k -> new HashMap<>()).put(id, w);
    }

    /** The Q.2931 call is gone (or given up): no more events or frames for it. */
    private void unbind(Wire w) {
        w.cleared = true;
        Map<UniCallId, Wire> m = wires.get(w.link);
        if (m != null && w.id != null) {
            m.remove(w.id);
        }
        closeReceiver(w);
        w.targets.clear();
    }

    /** Control plane: one event of a link. */
    private void handleLinkEvent(Link link, UniEvent event) {
        if (event instanceof UniEvent.MessageReceived m) {
            if (m.message() instanceof Setup s) {
                onSetup(link, m.call(), s);
                return;
            }
            Wire w = wireOf(link, m.call());
            if (w != null && !w.outgoing && m.message() instanceof AddParty ap) {
                onAddPartyReceived(w, ap);
            } else if (w != null && m.message() instanceof ModifyRequest r) {
                onModifyRequest(w, r);
            }
            return;
        }
        if (event instanceof UniEvent.CallActive a) {
            Wire w = wireOf(link, a.call());
            if (w != null) {
                onWireActive(w);
            }
        } else if (event instanceof UniEvent.PartyActive pa) {
            Wire w = wireOf(link, pa.call());
            Leg leg = w == null || !w.outgoing ? null : w.legs.get(pa.endpointReference());
            if (leg != null) {
                legActive(leg);
            }
        } else if (event instanceof UniEvent.PartyCleared pc) {
            Wire w = wireOf(link, pc.call());
            if (w != null) {
                Status why = UniMapping.status(pc.cause());
                byte[] data = UniMapping.closeData(pc.userUser());
                if (w.outgoing) {
                    Leg leg = w.legs.get(pc.endpointReference());
                    if (leg != null) {
                        legGone(leg, why, data);
                    }
                } else {
                    Call leaf = w.leaves.remove(pc.endpointReference());
                    if (leaf != null) {
                        leafCleared(leaf, why, data);
                    }
                }
            }
        } else if (event instanceof UniEvent.CallCleared cl) {
            Wire w = wireOf(link, cl.call());
            if (w != null) {
                wireGone(w, UniMapping.status(cl.cause()), UniMapping.closeData(cl.userUser()));
            }
        } else if (event instanceof UniEvent.ModifyCompleted mc) {
            Wire w = wireOf(link, mc.call());
            Leg first = w == null || !w.outgoing ? null : w.legs.get(UniLink.FIRST_PARTY);
            if (first != null) {
                onModifyCompleted(first.root, mc);
            }
        }
    }

    private void onWireActive(Wire w) {
        w.active = true;
        if (w.outgoing) {
            Leg first = w.legs.get(UniLink.FIRST_PARTY);
            if (first != null) {
                legActive(first);
            }
            for (Leg l : new ArrayList<>(w.queued)) {
                w.queued.remove(l);
                sendAddParty(l);
            }
        } else {
            for (Call leaf : new ArrayList<>(w.leaves.values())) {
                if (leaf.state == CallState.ACCEPTED) {
                    leaf.state = CallState.ACTIVE;
                    ndis.dispatchCallConnected(leaf.vc);
                }
            }
        }
    }

    private void wireGone(Wire w, Status why) {
        wireGone(w, why, null);
    }

    /** Every party of the Q.2931 call is gone with it; {@code data} is the peer's close data (or null). */
    private void wireGone(Wire w, Status why, byte[] data) {
        unbind(w);
        if (w.outgoing) {
            List<Leg> legs = new ArrayList<>(w.legs.values());
            legs.addAll(w.queued);
            for (Leg l : legs) {
                legGone(l, why, data);
            }
        } else {
            for (Call leaf : new ArrayList<>(w.leaves.values())) {
                w.leaves.remove(leaf.ep);
                leafCleared(leaf, why, data);
            }
        }
    }

    // ----------------------------------------------------------------------------------- outgoing: the root

    /** Sends a new leg toward its called host: SETUP on a new Q.2931 call, or ADD PARTY on the root's call there. */
    private Status routeLeg(Leg leg) {
        String host = UniMapping.hostOf(leg.called);
        Link link = route(host);
        if (link == null) {
            return Status.of(Status.Code.NO_ROUTE_TO_DESTINATION).withDescription("no peer announces " + host);
        }
        Call root = leg.root;
        if (root.multipoint) {
            for (Leg other : root.legs) {
                Wire w = other.wire;
                if (other != leg && w != null && w.link == link && !w.cleared && !w.releasing) {
                    // Q.2971: a further party reached over the same link is ADD PARTY on the call there.
                    leg.wire = w;
                    if (w.active && w.id != null) {
                        sendAddParty(leg);
                    } else {
                        leg.state = LegState.QUEUED;
                        w.queued.add(leg);
                    }
                    return Status.SUCCESS;
                }
            }
        }
        VcId vcId = allocateVci(link);
        if (vcId == null) {
            return Status.of(Status.Code.VC_NOT_AVAILABLE).withDescription("no VCI free toward " + link.peerName);
        }
        io.jcondis.uni.signal.CallParameters ies;
        try {
            ies = setupElements(root.host, leg.called, root.params, vcId, root.multipoint);
        } catch (IllegalArgumentException e) {
            return Status.of(Status.Code.INVALID_ADDRESS).withDescription(e.getMessage());
        }
        Wire w = new Wire(link, vcId, true, root.multipoint);
        leg.wire = w;
        leg.ep = UniLink.FIRST_PARTY;
        w.legs.put(leg.ep, leg);
        wire(() -> {
            Outcome<UniCallId> o = link.uni.setup(ies);
            ndis.post(() -> {
                if (!o.succeeded()) {
                    wireGone(w, o.status());
                    return;
                }
                bind(w, o.value());
                if (w.releasing) {
                    UniCallId id = o.value();
                    Optional<UserUserInformation> data = w.releaseData;
                    wire(() -> link.uni.release(id, w.releaseCause, data));
                }
            });
        });
        return Status.SUCCESS;
    }

    private void sendAddParty(Leg leg) {
        Wire w = leg.wire;
        UniCallId id = w.id;
        leg.state = LegState.SETTING_UP;
        io.jcondis.uni.q2931.CalledPartyNumber number;
        try {
            number = UniMapping.calledParty(leg.called);
        } catch (IllegalArgumentException e) {
            legGone(leg, Status.of(Status.Code.INVALID_ADDRESS).withDescription(e.getMessage()));
            return;
        }
        wire(() -> {
            Outcome<Integer> o = w.link.uni.addParty(id, number);
            ndis.post(() -> {
                if (!o.succeeded()) {
                    legGone(leg, o.status());
                    return;
                }
                leg.ep = o.value();
                w.legs.put(leg.ep, leg);
                if (leg.rootDropPending && leg.state == LegState.SETTING_UP) {
                    dropOnWire(leg, CauseValue.NORMAL_CALL_CLEARING);
                }
            });
        });
    }

    private void dropOnWire(Leg leg, CauseValue cause) {
        Wire w = leg.wire;
        UniCallId id = w.id;
        int ep = leg.ep;
        Optional<UserUserInformation> data = leg.dropData;
        wire(() -> w.link.uni.dropParty(id, ep, cause, data));
    }

    /** A party (or the point-to-point callee) answered. */
    private void legActive(Leg leg) {
        if (leg.state != LegState.SETTING_UP) {
            return;
        }
        leg.state = LegState.ACTIVE;
        Call root = leg.root;
        Wire w = leg.wire;
        if (root.state == CallState.SETTING_UP) {
            Status act = addDataPath(root, w);
            act = act.isSuccess() ? ndis.activateVc(root.vc, root.params) : act;
            if (!act.isSuccess()) {
                releaseWire(w, CauseValue.RESOURCE_UNAVAILABLE);
                leg.state = LegState.GONE;
                failOutgoing(root, leg.party, act);
                return;
            }
            root.state = CallState.ACTIVE;
            leg.rootRequestPending = false;
            ndis.makeCallComplete(Status.SUCCESS, root.vc, leg.party, root.params);
        } else if (root.state == CallState.ACTIVE) {
            addDataPath(root, w);
            leg.rootRequestPending = false;
            ndis.addPartyComplete(Status.SUCCESS, leg.party, root.params);
        } else if (leg.rootRequestPending) {
            // The root is closing: the party is released with the call; its add-party fails.
            leg.rootRequestPending = false;
            ndis.addPartyComplete(Status.REQUEST_ABORTED, leg.party, root.params);
        }
    }

    /** Root data toward {@code w}: a leaf of the root's sender (wire) and, point-to-point, frames back. */
    private Status addDataPath(Call root, Wire w) {
        if (!root.multipoint) {
            w.targets.add(root);
            Status r = openReceiver(w);
            if (!r.isSuccess()) {
                return r;
            }
        }
        if (w.link.isLocal() || w.dataLeaf) {
            return Status.SUCCESS;
        }
        if (root.sender == null) {
            root.sender = openSender(root);
        }
        root.sender.addLeaf(w.link.data, w.vcId);
        w.dataLeaf = true;
        return Status.SUCCESS;
    }

    private void releaseWire(Wire w, CauseValue cause) {
        releaseWire(w, cause, Optional.empty());
    }

    /** RELEASE of an outgoing Q.2931 call, with the root's close data; sent once its call reference is known. */
    private void releaseWire(Wire w, CauseValue cause, Optional<UserUserInformation> data) {
        if (w.releasing || w.cleared) {
            return;
        }
        w.releasing = true;
        w.releaseCause = cause;
        w.releaseData = data;
        if (w.id != null) {
            UniCallId id = w.id;
            wire(() -> w.link.uni.release(id, cause, data));
        }
    }

    private void removeLeg(Leg leg) {
        leg.root.legs.remove(leg);
        if (leg.party != null) {
            legsByParty.remove(leg.party);
        }
    }

    private void legGone(Leg leg, Status why) {
        legGone(leg, why, null);
    }

    /**
     * A party is gone on the wire: complete what the root asked, or tell it (E5, or R23 for the last one) with the
     * leaf's close data ({@code data}, or null).
     */
    private void legGone(Leg leg, Status why, byte[] data) {
        if (leg.state == LegState.GONE) {
            return;
        }
        leg.state = LegState.GONE;
        Call root = leg.root;
        Wire w = leg.wire;
        if (w != null) {
            w.legs.values().remove(leg);
            w.queued.remove(leg);
            if (w.dataLeaf && w.legs.isEmpty() && root.sender != null) {
                root.sender.dropLeaf(w.link.data, w.vcId);
                w.dataLeaf = false;
            }
        }
        if (leg.rootRequestPending) {
            leg.rootRequestPending = false;
            removeLeg(leg);
            Status st = why.isSuccess() ? Status.FAILURE.withDescription(why.description()) : why;
            if (root.state == CallState.SETTING_UP) {
                failOutgoing(root, leg.party, st);
                return;
            }
            ndis.addPartyComplete(st, leg.party, root.params);
            finishRootClose(root);
            return;
        }
        if (leg.rootDropPending) {
            removeLeg(leg);
            ndis.dropPartyComplete(Status.SUCCESS, leg.party);
            // R22/R14: the root may have closed meanwhile (a dropping party is no longer the client's); the close
            // waited for this drop, which completes first.
            finishRootClose(root);
            return;
        }
        switch (root.state) {
            case CLOSING -> {
                removeLeg(leg);
                finishRootClose(root);
            }
            case ACTIVE -> {
                // A party the root is dropping is no longer its own (E4), so it does not count (as the core's R23).
                boolean others = root.legs.stream().anyMatch(l -> l != leg && l.state == LegState.ACTIVE);
                if (root.multipoint && others) {
                    // E5: a leaf that is not the last left; the root answers with dropParty (completes at once).
                    ndis.dispatchIncomingDropParty(why, leg.party, data);
                } else {
                    // R23: the last party leaving is an incoming close-call.
                    root.state = CallState.REMOTE_CLOSED;
                    unreserve(root);
                    ndis.dispatchIncomingCloseCall(why, root.vc, data);
                }
            }
            default -> {
            }
        }
    }

    private void failOutgoing(Call c, PartyHandle party, Status why) {
        c.state = CallState.DONE;
        unreserve(c);
        closeSender(c);
        for (Leg l : new ArrayList<>(c.legs)) {
            l.state = LegState.GONE;
            removeLeg(l);
        }
        callsByVc.remove(c.vc);
        Status st = why.isSuccess() ? Status.FAILURE.withDescription(why.description()) : why;
        ndis.makeCallComplete(st, c.vc, party, c.params);
    }

    private void finishRootClose(Call root) {
        if (root.state == CallState.CLOSING && root.legs.isEmpty()) {
            completeClose(root);
        }
    }

    // --------------------------------------------------------------------------------- incoming: the leaves

    /** An incoming SETUP: route to a local host and SAP, admit, offer (E6). */
    private void onSetup(Link link, UniCallId id, Setup s) {
        String called = s.calledPartyNumber().flatMap(UniMapping::address).orElse(null);
        Status refuse = null;
        if (called == null) {
            refuse = Status.of(Status.Code.INVALID_ADDRESS).withDescription("no usable called party number");
        } else if (s.trafficDescriptor().isEmpty() || s.connectionIdentifier().isEmpty()) {
            refuse = Status.of(Status.Code.VC_NOT_AVAILABLE).withDescription("SETUP without connection identifier");
        }
        if (refuse == null) {
            ConnectionIdentifier ci = s.connectionIdentifier().get();
            VcId vcId = new VcId(Math.min(ci.vpci(), VcId.MAX_VPI), ci.vci());
            boolean multipoint = s.endpointReference().isPresent();
            Wire w = new Wire(link, vcId, false, multipoint);
            // The caller's exact flowspecs (user-user information) win over the cell rates when they agree.
            UniMapping.ExactFlowSpecs flows = UniMapping.flowSpecs(s.informationElements(),
                    s.trafficDescriptor().get(), s.aalParameters(), s.qosParameter());
            w.forward = flows.forward();
            w.backward = flows.backward();
            bind(w, id);
            refuse = offerLeaf(w, multipoint ? s.endpointReference().get().value() : UniLink.FIRST_PARTY, called,
                    false);
            if (refuse != null) {
                unbind(w);
            }
        }
        if (refuse != null) {
            CauseValue cause = UniMapping.cause(refuse);
            wire(() -> link.uni.release(id, cause));
        }
    }

    /** Q.2971: one more local party of a call already on this link. */
    private void onAddPartyReceived(Wire w, AddParty m) {
        String called = m.calledPartyNumber().flatMap(UniMapping::address).orElse(null);
        int ep = m.endpointReference().orElseThrow().value();
        Status refuse = called == null
                ? Status.of(Status.Code.INVALID_ADDRESS).withDescription("no usable called party number")
                : offerLeaf(w, ep, called, true);
        if (refuse != null) {
            CauseValue cause = UniMapping.cause(refuse);
            UniCallId id = w.id;
            wire(() -> w.link.uni.rejectAddParty(id, ep, cause));
        }
    }

    /**
     * Creates, activates and offers the leaf VC of one party of {@code w} on the local host {@code called} names.
     *
     * @return null when offered (the answer may already have come), else why not
     */
    private Status offerLeaf(Wire w, int ep, String called, boolean byAddParty) {
        String[] parts = called.split(":", 2);
        McmHost target = hostForAddress(parts[0]);
        if (target == null) {
            return Status.of(Status.Code.NO_ROUTE_TO_DESTINATION).withDescription(parts[0] + " is not here");
        }
        TextSapTable.Entry<McmHost> sap = saps.match(target, parts[0], parts.length > 1 ? parts[1] : "");
        if (sap == null) {
            return Status.of(Status.Code.INVALID_SAP).withDescription("no SAP matches " + called);
        }
        // The callee's view: it receives the caller's forward direction and transmits the backward one.
        CallParameters mine = new CallParameters(0, w.backward, w.forward, CallParameters.addressing(called),
                CallParameters.TRANSMIT_VC | CallParameters.RECEIVE_VC, 0, null);
        String lack = reserve(target, w.backward.reservedBps(), w.forward.reservedBps());
        if (lack != null) {
            return Status.CELLRATE_NOT_AVAILABLE.withDescription(lack);
        }
        Result<VcHandle> vc = ndis.createVc(sap.af());
        if (!vc.status().isSuccess()) {
            target.give(w.backward.reservedBps(), w.forward.reservedBps());
            return Status.RESOURCES.withDescription(vc.status().toString());
        }
        Call c = new Call(vc.value(), target, false, w.multipoint, mine, CallState.OFFERED);
        c.upBps = w.backward.reservedBps();
        c.downBps = w.forward.reservedBps();
        c.wire = w;
        c.ep = ep;
        c.byAddParty = byAddParty;
        callsByVc.put(c.vc, c);
        w.leaves.put(ep, c);
        Status open = openLeafData(c);
        Status act = open.isSuccess() ? ndis.activateVc(c.vc, mine) : open;
        if (!act.isSuccess()) {
            refuseIncoming(c, act);
            return null;
        }
        Status offer = ndis.dispatchIncomingCall(sap.handle(), c.vc, mine);
        if (!offer.isPending()) {
            onAnswer(c, offer);
        }
        return null;
    }

    private Status openLeafData(Call c) {
        Wire w = c.wire;
        Status r = openReceiver(w);
        if (!r.isSuccess()) {
            return r;
        }
        w.targets.add(c);
        if (!w.multipoint && !w.link.isLocal()) {
            c.sender = openSender(c);
            c.sender.addLeaf(w.link.data, w.vcId);
        }
        return Status.SUCCESS;
    }

    /** The client's answer to an offer (E6). */
    private void onAnswer(Call c, Status answer) {
        if (c.state != CallState.OFFERED) {
            return;
        }
        if (c.clearedWhileOffered != null) {
            // The caller gave up while the client held the offer: an accepted call is closed at once (E10).
            Status why = c.clearedWhileOffered;
            if (answer.isSuccess()) {
                c.state = CallState.REMOTE_CLOSED;
                ndis.dispatchIncomingCloseCall(why, c.vc, c.clearedWhileOfferedData);
            } else {
                finishIncoming(c);
            }
            return;
        }
        if (!answer.isSuccess()) {
            refuseIncoming(c, answer);
            return;
        }
        Wire w = c.wire;
        UniCallId id = w.id;
        if (c.byAddParty) {
            c.state = CallState.ACTIVE;
            int ep = c.ep;
            wire(() -> w.link.uni.acceptAddParty(id, ep));
            ndis.dispatchCallConnected(c.vc);
        } else {
            c.state = CallState.ACCEPTED;
            wire(() -> w.link.uni.connect(id));
        }
    }

    /** R17: the offer is refused: RELEASE COMPLETE (or ADD PARTY REJECT) with the cause; the VC goes (R20). */
    private void refuseIncoming(Call c, Status why) {
        CauseValue cause = UniMapping.cause(why.isSuccess() ? Status.FAILURE : why);
        Wire w = c.wire;
        UniCallId id = w.id;
        int ep = c.ep;
        w.leaves.remove(ep);
        if (c.byAddParty) {
            wire(() -> w.link.uni.rejectAddParty(id, ep, cause));
        } else {
            wire(() -> w.link.uni.release(id, cause));
            unbind(w);
        }
        finishIncoming(c);
    }

    /** Removes an incoming call the client no longer holds: deactivate, delete the VC (R20). */
    private void finishIncoming(Call c) {
        c.state = CallState.DONE;
        c.wire.targets.remove(c);
        unreserve(c);
        closeSender(c);
        deactivateThen(c.vc, () -> {
            ndis.deleteVc(c.vc);
            callsByVc.remove(c.vc);
            afOfVc.remove(c.vc);
        });
    }

    /**
     * A leaf's party is gone on the wire (DROP PARTY, RELEASE, link loss): finish a close or tell the client, with
     * the root's close data ({@code data}, or null).
     */
    private void leafCleared(Call c, Status why, byte[] data) {
        c.wire.targets.remove(c);
        if (c.modifyPending != null) {
            c.modifyPending = null;
            ndis.modifyCallQosComplete(Status.REQUEST_ABORTED, c.vc, null);
        }
        switch (c.state) {
            case OFFERED -> {
                c.clearedWhileOffered = why;
                c.clearedWhileOfferedData = data;
            }
            case ACCEPTED, ACTIVE -> {
                c.state = CallState.REMOTE_CLOSED;
                unreserve(c);
                closeSender(c);
                ndis.dispatchIncomingCloseCall(why, c.vc, data);
            }
            case CLOSING -> completeClose(c);
            default -> {
            }
        }
    }

    /**
     * The leaf's client closes: DROP PARTY if other parties of the call are here, else RELEASE; either carries the
     * client's close data.
     */
    private void closeLeaf(Call c, CauseValue cause, Optional<UserUserInformation> data) {
        Wire w = c.wire;
        UniCallId id = w.id;
        w.targets.remove(c);
        boolean others = w.leaves.values().stream().anyMatch(l -> l != c);
        if (w.multipoint && others) {
            int ep = c.ep;
            wire(() -> {
                if (!w.link.uni.dropParty(id, ep, cause, data).isSuccess()) {
                    w.link.uni.release(id, cause, data);
                }
            });
        } else {
            wire(() -> w.link.uni.release(id, cause, data));
        }
    }

    /**
     * The close is done on the wire: deactivate (R25), complete, and delete a VC the call manager made (R20). Runs
     * once per call: a root's close is finished both by the close-call (posted, when no leg was left) and by the
     * last pending drop's completion when the client closes from within it; the second finds the call DONE.
     */
    private void completeClose(Call c) {
        if (c.state == CallState.DONE) {
            return;
        }
        c.state = CallState.DONE;
        unreserve(c);
        closeSender(c);
        if (c.wire != null) {
            c.wire.targets.remove(c);
            c.wire.leaves.values().remove(c);
        }
        for (Leg l : new ArrayList<>(c.legs)) {
            removeLeg(l);
        }
        PartyHandle party = c.closingParty;
        deactivateThen(c.vc, () -> {
            callsByVc.remove(c.vc);
            ndis.closeCallComplete(Status.SUCCESS, c.vc, party);
            if (!c.outgoing) {
                ndis.deleteVc(c.vc);
                afOfVc.remove(c.vc);
            }
        });
    }

    private void deactivateThen(VcHandle vc, Runnable then) {
        Status st = ndis.deactivateVc(vc);
        if (st.isPending()) {
            afterDeactivate.put(vc, then);
        } else {
            then.run();
        }
    }

    // ----------------------------------------------------------------------------------------- QoS change

    /**
     * E8: a MODIFY REQUEST arrived (from the call's owner, or the network on its behalf): admitted on this host's
     * link, the VC is re-activated (R28) and the client told (not for the network's re-activation only,
     * {@link UniMapping#reactivateOnly}); a point-to-multipoint call or a lack of capacity is refused with MODIFY
     * REJECT.
     */
    private void onModifyRequest(Wire w, ModifyRequest r) {
        UniCallId id = w.id;
        Call c = w.outgoing ? firstRoot(w) : w.leaves.get(UniLink.FIRST_PARTY);
        if (c == null || w.multipoint || c.state != CallState.ACTIVE || c.modifyPending != null
                || r.trafficDescriptor().isEmpty()) {
            wire(() -> w.link.uni.rejectModify(id, CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE));
            return;
        }
        AtmTrafficDescriptor td = r.trafficDescriptor().get();
        // Q.2931 forward is from the call's originator: the root transmits it, a callee receives it.
        Optional<io.jcondis.uni.q2931.QosParameter> qos = Optional.of(w.outgoing
                ? UniMapping.qos(c.params.transmit(), c.params.receive())
                : UniMapping.qos(c.params.receive(), c.params.transmit()));
        UniMapping.ExactFlowSpecs flows = UniMapping.flowSpecs(r.informationElements(), td, Optional.empty(), qos);
        FlowSpec tx = keepSdu(w.outgoing ? flows.forward() : flows.backward(), c.params.transmit());
        FlowSpec rx = keepSdu(w.outgoing ? flows.backward() : flows.forward(), c.params.receive());
        long oldUp = c.upBps;
        long oldDown = c.downBps;
        unreserve(c);
        String lack = reserve(c.host, tx.reservedBps(), rx.reservedBps());
        if (lack != null) {
            reserve(c.host, oldUp, oldDown);
            c.upBps = oldUp;
            c.downBps = oldDown;
            wire(() -> w.link.uni.rejectModify(id, CauseValue.USER_CELL_RATE_NOT_AVAILABLE));
            return;
        }
        c.upBps = tx.reservedBps();
        c.downBps = rx.reservedBps();
        c.params = c.params.withQos(tx, rx);
        wire(() -> w.link.uni.acceptModify(id));
        // R28: re-activate before the client is told (unless the network only brings this end in line).
        ndis.activateVc(c.vc, c.params);
        reshape(c);
        if (!UniMapping.reactivateOnly(r.informationElements())) {
            ndis.dispatchIncomingCallQosChange(c.vc, c.params);
        }
    }

    private static Call firstRoot(Wire w) {
        Leg first = w.legs.get(UniLink.FIRST_PARTY);
        return first == null ? null : first.root;
    }

    private static FlowSpec keepSdu(FlowSpec f, FlowSpec old) {
        return new FlowSpec(f.tokenRateBps(), f.tokenBucketSizeBytes(), f.peakBandwidthBps(), old.latencyUs(),
                old.delayVariationUs(), old.serviceType(), old.maxSduSizeBytes(), old.minimumPolicedSizeBytes());
    }

    /** New contract: a new sender with the same leaves (frames waiting in the old one complete with CLOSING). */
    private void reshape(Call c) {
        if (c.sender == null) {
            return;
        }
        c.sender.close();
        senders--;
        c.sender = openSender(c);
        Wire w = c.outgoing ? c.legs.get(0).wire : c.wire;
        c.sender.addLeaf(w.link.data, w.vcId);
    }

    private void onModifyCompleted(Call c, UniEvent.ModifyCompleted mc) {
        CallParameters wanted = c.modifyPending;
        if (wanted == null) {
            return;
        }
        c.modifyPending = null;
        if (c.state != CallState.ACTIVE) {
            // Cleared meanwhile (R23: the reservation went with the call); the client is closing it (R14: the
            // change completes first).
            ndis.modifyCallQosComplete(Status.REQUEST_ABORTED, c.vc, null);
            return;
        }
        if (mc.accepted()) {
            c.params = wanted;
            keepOnly(c, wanted.transmit().reservedBps(), wanted.receive().reservedBps());
            ndis.activateVc(c.vc, wanted);
            reshape(c);
            ndis.modifyCallQosComplete(Status.SUCCESS, c.vc, wanted);
        } else {
            keepOnly(c, c.modifyOldUp, c.modifyOldDown);
            Status st = mc.cause().map(UniMapping::status).orElse(Status.FAILURE);
            ndis.modifyCallQosComplete(st.isSuccess() ? Status.FAILURE : st, c.vc, null);
        }
    }

    // ------------------------------------------------------------------------------------------- handlers

    /**
     * R26: close data the medium cannot carry (more than one user-user element holds, as the embedded switch's
     * limit) is refused with {@code INVALID_DATA}, synchronously, before anything changes.
     *
     * @return the refusal, or null when the data fits
     */
    private static Status refuseCloseData(byte[] closeData) {
        if (closeData != null && closeData.length > UniMapping.MAX_CLOSE_DATA_BYTES) {
            return Status.INVALID_DATA.withDescription("R26: close data of " + closeData.length + " bytes; a "
                    + "RELEASE or DROP PARTY carries at most " + UniMapping.MAX_CLOSE_DATA_BYTES);
        }
        return null;
    }

    /** Runs on the runtime's control plane. */
    private final class Handlers implements MiniportHandlers, CallManagerHandlers {
        @Override
        public Status onInitialize(AdapterHandle adapter) {
            if (hosts.attach(adapter) == null) {
                return Status.FAILURE.withDescription("hosts of the uni call manager are added with addHost");
            }
            return ndis.registerAddressFamily(adapter, ADDRESS_FAMILY);
        }

        @Override
        public void onHalt(AdapterHandle adapter) {
            McmHost h = hosts.byAdapter(adapter);
            if (h == null) {
                return;
            }
            Status out = Status.of(Status.Code.DEST_OUT_OF_ORDER).withDescription("host " + h.name() + " halted");
            for (Call c : new ArrayList<>(callsByVc.values())) {
                if (c.host == h) {
                    haltCall(c, out);
                }
            }
            hosts.halted(ndis, h);
        }

        @Override
        public void onSend(VcHandle vc, Packet packet) {
            Call c = callsByVc.get(vc);
            if (c == null || c.state != CallState.ACTIVE) {
                packet.status(Status.of(Status.Code.VC_NOT_ACTIVATED));
                ndis.sendComplete(vc, packet);
                return;
            }
            if (!c.outgoing && c.multipoint) {
                packet.status(Status.NOT_SUPPORTED.withDescription("Q.2971: a point-to-multipoint leaf does not send"));
                ndis.sendComplete(vc, packet);
                return;
            }
            c.host.countOut();
            // Local switching: frames go from VC to VC on the local pair, as the embedded switch delivers them.
            if (c.outgoing) {
                Set<Wire> done = new java.util.HashSet<>();
                for (Leg l : c.legs) {
                    if (l.state == LegState.ACTIVE && l.wire.link.isLocal() && done.add(l.wire)) {
                        deliverLocal(l.wire, packet);
                    }
                }
            } else if (c.wire.link.isLocal()) {
                deliverLocal(c.wire, packet);
            }
            Status st = c.sender == null || c.sender.leafCount() == 0 ? Status.SUCCESS : c.sender.send(packet);
            if (st.isPending()) {
                return;
            }
            packet.status(st);
            ndis.sendComplete(vc, packet);
        }

        @Override
        public Status onOidRequest(AdapterHandle adapter, VcHandle vc, OidRequest request) {
            return hosts.answerAdapterOid(adapter, request, "jcondis uni call manager");
        }

        @Override
        public Status onOpenAf(AfHandle af, AddressFamily family, BindingHandle cmBinding, AdapterHandle adapter) {
            return hosts.openAf(ndis, af, adapter, "call manager");
        }

        @Override
        public Status onCloseAf(AfHandle af) {
            hosts.closeAf(af);
            return Status.SUCCESS;
        }

        @Override
        public Status onRegisterSap(AfHandle af, SapHandle sap, Sap value) {
            McmHost h = hosts.hostOfAf(af);
            Status st = saps.register(sap, af, value, h, h.name(), h.addresses());
            if (!st.isSuccess()) {
                return st;
            }
            ndis.post(() -> ndis.registerSapComplete(Status.SUCCESS, sap));
            return Status.PENDING;
        }

        @Override
        public Status onDeregisterSap(SapHandle sap) {
            saps.remove(sap);
            ndis.post(() -> ndis.deregisterSapComplete(Status.SUCCESS, sap));
            return Status.PENDING;
        }

        @Override
        public Status onCreateVc(AfHandle af, VcHandle vc) {
            afOfVc.put(vc, af);
            return Status.SUCCESS;
        }

        @Override
        public Status onDeleteVc(VcHandle vc) {
            afOfVc.remove(vc);
            Call c = callsByVc.get(vc);
            if (c != null && c.state == CallState.DONE) {
                callsByVc.remove(vc);
            }
            return Status.SUCCESS;
        }

        @Override
        public Status onMakeCall(VcHandle vc, CallParameters params, PartyHandle party) {
            McmHost from = hosts.hostOfAf(afOfVc.get(vc));
            String called = params.calledAddress();
            if (called == null || called.isEmpty()) {
                return Status.of(Status.Code.INVALID_ADDRESS).withDescription("no called address in CallMgrSpecific");
            }
            String lack = reserve(from, params.transmit().reservedBps(), params.receive().reservedBps());
            if (lack != null) {
                Status st = Status.CELLRATE_NOT_AVAILABLE.withDescription(lack);
                ndis.post(() -> ndis.makeCallComplete(st, vc, party, params));
                return Status.PENDING;
            }
            Call c = new Call(vc, from, true, party != null, params, CallState.SETTING_UP);
            c.upBps = params.transmit().reservedBps();
            c.downBps = params.receive().reservedBps();
            callsByVc.put(vc, c);
            Leg leg = new Leg(c, party, called);
            c.legs.add(leg);
            if (party != null) {
                legsByParty.put(party, leg);
            }
            Status routed = routeLeg(leg);
            if (!routed.isSuccess()) {
                // Completed later, never inside the request (as a network's answer would come).
                ndis.post(() -> legGone(leg, routed));
            }
            return Status.PENDING;
        }

        @Override
        public Status onAddParty(VcHandle vc, PartyHandle party, CallParameters params) {
            Call c = callsByVc.get(vc);
            if (c == null || !c.outgoing || !c.multipoint || c.state != CallState.ACTIVE) {
                return Status.NOT_ACCEPTED.withDescription(vc + " is no connected point-to-multipoint root");
            }
            String called = params.calledAddress();
            if (called == null || called.isEmpty()) {
                return Status.of(Status.Code.INVALID_ADDRESS).withDescription("no called address in CallMgrSpecific");
            }
            Leg leg = new Leg(c, party, called);
            c.legs.add(leg);
            legsByParty.put(party, leg);
            Status routed = routeLeg(leg);
            if (!routed.isSuccess()) {
                ndis.post(() -> legGone(leg, routed));
            }
            return Status.PENDING;
        }

        @Override
        public Status onDropParty(PartyHandle party, byte[] closeData) {
            Status tooLong = refuseCloseData(closeData);
            if (tooLong != null) {
                return tooLong;
            }
            Leg leg = legsByParty.get(party);
            if (leg == null) {
                return Status.INVALID_HANDLE.withDescription(party + " is no party of this call manager");
            }
            switch (leg.state) {
                case GONE -> {
                    // E5 came first: the party already left; the drop completes at once, synchronously (as the
                    // embedded switch's), since nothing is left to do on the wire.
                    removeLeg(leg);
                    return Status.SUCCESS;
                }
                case QUEUED -> {
                    leg.rootDropPending = true;
                    ndis.post(() -> legGone(leg, Status.SUCCESS));
                }
                case SETTING_UP, ACTIVE -> {
                    leg.rootDropPending = true;
                    leg.dropData = UniMapping.closeDataElement(closeData);
                    leg.state = leg.state == LegState.ACTIVE ? LegState.DROPPING : leg.state;
                    if (leg.ep >= 0 && leg.wire.id != null) {
                        dropOnWire(leg, CauseValue.NORMAL_CALL_CLEARING);
                    }
                }
                default -> {
                    return Status.NOT_ACCEPTED.withDescription(party + " is being dropped");
                }
            }
            return Status.PENDING;
        }

        @Override
        public Status onCloseCall(VcHandle vc, PartyHandle party, byte[] closeData) {
            Status tooLong = refuseCloseData(closeData);
            if (tooLong != null) {
                return tooLong;
            }
            Optional<UserUserInformation> data = UniMapping.closeDataElement(closeData);
            Call c = callsByVc.get(vc);
            if (c == null) {
                ndis.post(() -> deactivateThen(vc, () -> ndis.closeCallComplete(Status.SUCCESS, vc, party)));
                return Status.PENDING;
            }
            c.closingParty = party;
            if (c.modifyPending != null) {
                c.modifyPending = null;
                ndis.modifyCallQosComplete(Status.REQUEST_ABORTED, vc, null);
            }
            CallState was = c.state;
            c.state = CallState.CLOSING;
            if (!c.outgoing) {
                if (was == CallState.REMOTE_CLOSED) {
                    ndis.post(() -> completeClose(c));
                } else {
                    closeLeaf(c, CauseValue.NORMAL_CALL_CLEARING, data);
                }
            } else {
                // R22: drops may still be pending (DROPPING legs); the close completes once they did (R14), and
                // every other leg is released with the call (a remotely closed root has only gone or dropping legs).
                for (Leg l : new ArrayList<>(c.legs)) {
                    if (l.state == LegState.GONE) {
                        removeLeg(l);
                    } else if (l.state == LegState.QUEUED) {
                        ndis.post(() -> legGone(l, Status.REQUEST_ABORTED));
                    } else if (l.wire != null) {
                        releaseWire(l.wire, CauseValue.NORMAL_CALL_CLEARING, data);
                    }
                }
                if (c.legs.isEmpty()) {
                    ndis.post(() -> completeClose(c));
                }
            }
            return Status.PENDING;
        }

        @Override
        public void onIncomingCallComplete(Status status, VcHandle vc, CallParameters params) {
            Call c = callsByVc.get(vc);
            if (c != null) {
                onAnswer(c, status);
            }
        }

        @Override
        public Status onModifyCallQos(VcHandle vc, CallParameters params) {
            Call c = callsByVc.get(vc);
            if (c == null || c.state != CallState.ACTIVE) {
                return Status.NOT_SUPPORTED.withDescription("no connected call on " + vc);
            }
            if (!c.outgoing) {
                // GAP decision (docs/uni.md): Q.2963.1 lets only the connection owner (the caller) modify.
                return Status.NOT_SUPPORTED.withDescription("Q.2963.1: only the call's owner (its caller) modifies");
            }
            if (c.multipoint) {
                return Status.NOT_SUPPORTED.withDescription("Q.2963.1 modifies point-to-point calls only");
            }
            if (c.modifyPending != null) {
                return Status.NOT_ACCEPTED.withDescription("a QoS change is pending");
            }
            CallParameters wanted = c.params.withQos(params.transmit(), params.receive());
            // Until the network answers, the call holds the larger of its old and new rates each way: whichever
            // the answer, the call keeps what it then needs (a lowered rate's capacity is not lent meanwhile).
            long moreUp = Math.max(0, wanted.transmit().reservedBps() - c.upBps);
            long moreDown = Math.max(0, wanted.receive().reservedBps() - c.downBps);
            String lack = reserve(c.host, moreUp, moreDown);
            if (lack != null) {
                Status st = Status.CELLRATE_NOT_AVAILABLE.withDescription("the change " + lack);
                ndis.post(() -> ndis.modifyCallQosComplete(st, vc, null));
                return Status.PENDING;
            }
            c.modifyOldUp = c.upBps;
            c.modifyOldDown = c.downBps;
            c.upBps += moreUp;
            c.downBps += moreDown;
            c.modifyPending = wanted;
            AtmTrafficDescriptor td = UniMapping.trafficDescriptor(wanted.transmit(), wanted.receive());
            Optional<UserUserInformation> exact = Optional.of(UniMapping.exactFlowSpecs(wanted.transmit(),
                    wanted.receive()));
            Wire w = c.legs.get(0).wire;
            UniCallId id = w.id;
            wire(() -> {
                Status st = w.link.uni.modify(id, td, exact);
                if (!st.isSuccess()) {
                    ndis.post(() -> onModifyCompleted(c, new UniEvent.ModifyCompleted(id, false, td,
                            java.util.Optional.empty())));
                }
            });
            return Status.PENDING;
        }

        @Override
        public void onDeactivateVcComplete(Status status, VcHandle vc) {
            Runnable then = afterDeactivate.remove(vc);
            if (then != null) {
                then.run();
            }
        }

        @Override
        public Status onOidRequest(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request) {
            McmHost h = hosts.hostOfAf(af);
            if (request.oid() == Oids.OID_CO_GET_ADDRESSES && h != null) {
                return h.answerAddresses(request);
            }
            if ((request.oid() == Oids.OID_CO_ADD_PVC || request.oid() == Oids.OID_CO_DELETE_PVC) && h != null) {
                // C1, C2: kept per host as the embedded switch keeps them; a PVC is not signalled.
                return h.pvcs().apply(request);
            }
            return Status.INVALID_OID.withDescription(Oids.name(request.oid()) + " is not supported");
        }
    }

    /** A host halts: its call is released on the wire (cause 27) and its client told, as a remote close. */
    private void haltCall(Call c, Status out) {
        CauseValue cause = CauseValue.DESTINATION_OUT_OF_ORDER;
        if (!c.outgoing) {
            Wire w = c.wire;
            if (c.state != CallState.DONE && c.state != CallState.REMOTE_CLOSED && !w.cleared) {
                closeLeaf(c, cause, Optional.empty());
                w.leaves.values().remove(c);
                if (w.leaves.isEmpty()) {
                    unbind(w);
                }
            }
            leafCleared(c, out, null);
            return;
        }
        for (Leg l : new ArrayList<>(c.legs)) {
            if (l.wire != null && l.state != LegState.GONE) {
                releaseWire(l.wire, cause);
                if (l.wire.id != null) {
                    unbind(l.wire);
                }
            }
        }
        if (c.state == CallState.ACTIVE || c.state == CallState.CLOSING) {
            completeRootRequests(c, out);
        }
        switch (c.state) {
            case SETTING_UP -> failOutgoing(c, c.legs.isEmpty() ? null : c.legs.get(0).party, out);
            case ACTIVE -> {
                for (Leg l : new ArrayList<>(c.legs)) {
                    l.state = LegState.GONE;
                    l.rootRequestPending = false;
                }
                c.state = CallState.REMOTE_CLOSED;
                unreserve(c);
                closeSender(c);
                ndis.dispatchIncomingCloseCall(out, c.vc, null);
            }
            case CLOSING -> {
                for (Leg l : new ArrayList<>(c.legs)) {
                    removeLeg(l);
                }
                completeClose(c);
            }
            default -> {
            }
        }
    }

    /**
     * R14 on a halt: what the root pended on its call completes before the call is closed or reported closed: a
     * pending add-party fails with the halt's status, a pending drop-party succeeds (the party is gone), a pending
     * QoS change is aborted.
     */
    private void completeRootRequests(Call c, Status out) {
        if (c.modifyPending != null) {
            c.modifyPending = null;
            ndis.modifyCallQosComplete(Status.REQUEST_ABORTED, c.vc, null);
        }
        for (Leg l : new ArrayList<>(c.legs)) {
            if (l.rootRequestPending) {
                l.rootRequestPending = false;
                l.state = LegState.GONE;
                removeLeg(l);
                ndis.addPartyComplete(out, l.party, c.params);
            } else if (l.rootDropPending) {
                l.rootDropPending = false;
                l.state = LegState.GONE;
                removeLeg(l);
                ndis.dropPartyComplete(Status.SUCCESS, l.party);
            }
        }
    }

    /** Local switching: a frame sent on one half of the local pair reaches the VCs of the call on the other. */
    private void deliverLocal(Wire from, Packet packet) {
        Map<UniCallId, Wire> there = wires.get(from.link.partner);
        if (there == null) {
            return;
        }
        for (Wire w : there.values()) {
            if (w.vcId.equals(from.vcId)) {
                deliverAll(w, Packet.wrap(packet.payload()));
            }
        }
    }

    private io.jcondis.uni.signal.CallParameters setupElements(McmHost from, String called, CallParameters p,
                                                               VcId vcId, boolean multipoint) {
        io.jcondis.uni.signal.CallParameters ies = io.jcondis.uni.signal.CallParameters.of(
                        UniMapping.calledParty(called), UniMapping.trafficDescriptor(p.transmit(), p.receive()),
                        UniMapping.bearer(multipoint))
                .withCallingParty(UniMapping.callingParty(from.name()))
                .withAalParameters(UniMapping.aalParameters(p.transmit(), p.receive()))
                .withQosParameter(UniMapping.qos(p.transmit(), p.receive()))
                .withConnectionIdentifier(ConnectionIdentifier.exclusive(vcId.vpi(), vcId.vci()))
                .withUserUser(UniMapping.exactFlowSpecs(p.transmit(), p.receive()));
        return multipoint ? ies.asPointToMultipoint() : ies;
    }
}

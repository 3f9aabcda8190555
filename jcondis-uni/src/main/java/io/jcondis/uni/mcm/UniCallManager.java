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
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.miniport.MiniportHandlers;
import io.jcondis.uni.data.TrafficContract;
import io.jcondis.uni.data.UdpDataEndpoint;
import io.jcondis.uni.data.VcId;
import io.jcondis.uni.data.VcReceiver;
import io.jcondis.uni.data.VcSender;
import io.jcondis.uni.mcm.LinkSocket.Link;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.ConnectionIdentifier;
import io.jcondis.uni.q2931.ModifyRequest;
import io.jcondis.uni.q2931.Setup;
import io.jcondis.uni.signal.Outcome;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniCallId;
import io.jcondis.uni.signal.UniEvent;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.SscopConfig;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
    /** First VCI used for calls (0..31 are reserved by I.361). */
    public static final int FIRST_VCI = 32;

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
            return new Config(signalling, data, SscopConfig.defaults(), UniLinkConfig.defaults(Side.USER));
        }
    }

    /**
     * What the call manager holds, for tests and {@code show}: all zero when quiescent.
     *
     * @param calls              calls (outgoing and incoming) still known
     * @param reservedBps        bytes/s reserved on all host links, both directions
     * @param linkCalls          calls on all Q.2931 links
     * @param foreignDatagrams   signalling datagrams from no configured peer, dropped
     * @param malformedDatagrams signalling datagrams from peers that were no SSCOP PDU, dropped
     */
    public record Snapshot(int calls, long reservedBps, int linkCalls, long foreignDatagrams,
                           long malformedDatagrams) {
    }

    private final McmServices ndis;
    private final String name;
    private final Config config;
    private final LinkSocket socket;
    private final UdpDataEndpoint data;
    private final Map<String, Host> hostsByName = new LinkedHashMap<>();
    private final Map<AdapterHandle, Host> hostsByAdapter = new HashMap<>();
    private final Map<AfHandle, Host> afs = new HashMap<>();
    private final Map<SapHandle, SapReg> saps = new LinkedHashMap<>();
    private final Map<VcHandle, AfHandle> afOfVc = new HashMap<>();
    private final Map<String, PeerRoute> peers = new LinkedHashMap<>();
    private final Map<VcHandle, Call> callsByVc = new HashMap<>();
    private final Map<Link, Map<UniCallId, Call>> callsByUni = new HashMap<>();
    private final Map<VcHandle, Runnable> afterDeactivate = new HashMap<>();
    private final Map<Link, Integer> nextVci = new HashMap<>();
    private Host initializing;

    /** A host: an adapter with addresses and a link of some capacity. */
    private static final class Host {
        final String name;
        final List<String> addresses = new ArrayList<>();
        final long capacityBps;
        long upFreeBps;
        long downFreeBps;
        AdapterHandle adapter;
        long framesIn;
        long framesOut;

        Host(String name, long capacityBps, List<String> addresses) {
            this.name = name;
            this.capacityBps = capacityBps;
            this.upFreeBps = capacityBps;
            this.downFreeBps = capacityBps;
            this.addresses.addAll(addresses);
        }
    }

    private record SapReg(SapHandle handle, AfHandle af, Host host, String address, String selector) {
    }

    private record PeerRoute(String name, Link link, Set<String> hosts) {
    }

    /**
     * A call's life from this node's side.
     * <pre>
     *  outgoing: SETTING_UP --CONNECT--&gt; ACTIVE --closeCall--&gt; CLOSING --cleared--&gt; DONE
     *  incoming: OFFERED --accept--&gt; ACCEPTED --CONNECT ACK--&gt; ACTIVE
     *  ACTIVE/ACCEPTED --peer cleared--&gt; REMOTE_CLOSED --closeCall--&gt; DONE
     *  SETTING_UP/OFFERED --refused or cleared--&gt; DONE
     * </pre>
     */
    enum CallState { SETTING_UP, OFFERED, ACCEPTED, ACTIVE, CLOSING, REMOTE_CLOSED, DONE }

    /** One call: a VC of a local client and its Q.2931 call on one link. */
    private final class Call {
        final VcHandle vc;
        final Host host;
        final boolean outgoing;
        final Link link;
        final VcId vcId;
        /** Parameters from this VC's client's view (transmit = what it sends). */
        CallParameters params;
        CallState state;
        UniCallId uni;
        /** A peer clear that came while the client still held the offer. */
        Status clearedWhileOffered;
        long upBps;
        long downBps;
        CallParameters modifyPending;
        long modifyOldUp;
        long modifyOldDown;
        /** Data path: written here, used by the data loop through the runtime. */
        VcSender sender;
        VcReceiver receiver;
        PartyHandle party;

        Call(VcHandle vc, Host host, boolean outgoing, Link link, VcId vcId, CallParameters params, CallState s) {
            this.vc = vc;
            this.host = host;
            this.outgoing = outgoing;
            this.link = link;
            this.vcId = vcId;
            this.params = params;
            this.state = s;
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
     * @return the call manager, with no hosts and no peers
     * @throws InterruptedException if interrupted while binding
     */
    public static UniCallManager install(Ndis runtime, String name, Config config) throws InterruptedException {
        return new UniCallManager(runtime, name, config);
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
     * @param hosts       host names it announces ({@code *}: every host not local)
     */
    public void addPeer(String peerName, InetSocketAddress signalling, InetSocketAddress dataAddress,
                        Set<String> hosts) {
        if (peers.containsKey(peerName)) {
            throw new IllegalArgumentException("peer " + peerName + " exists");
        }
        Link link = socket.open(peerName, signalling, dataAddress, config.sscop(), config.link(), this::onLinkEvent);
        peers.put(peerName, new PeerRoute(peerName, link, Set.copyOf(hosts)));
        // Odd or even VCIs: the side with the lower signalling address allocates even ones, so the calls each
        // side originates never share a VCI in one direction (frames are told apart by source and VCI only).
        int cmp = compare(socket.localAddress(), signalling);
        nextVci.put(link, FIRST_VCI + (cmp < 0 ? 0 : 1));
    }

    private static int compare(InetSocketAddress a, InetSocketAddress b) {
        int c = java.util.Arrays.compare(a.getAddress().getAddress(), b.getAddress().getAddress());
        return c != 0 ? c : Integer.compare(a.getPort(), b.getPort());
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
        if (capacityBps <= 0) {
            return Result.failed(Status.INVALID_PARAMETER.withDescription("capacity must be positive"));
        }
        if (hostsByName.containsKey(host)) {
            return Result.failed(Status.FAILURE.withDescription("host " + host + " exists"));
        }
        List<String> addrs = new ArrayList<>();
        addrs.add(host);
        Collections.addAll(addrs, aliases);
        Host h = new Host(host, capacityBps, addrs);
        initializing = h;
        Result<AdapterHandle> r = ndis.startAdapter(host);
        initializing = null;
        if (r.status().isSuccess()) {
            hostsByName.put(host, h);
        }
        return r;
    }

    /**
     * Halts a host's adapter: its calls to other hosts are released on the wire with cause 27 (destination out
     * of order), its clients are told of the close and asked to close their AFs.
     *
     * @param host the host
     * @return the halt's status
     */
    public Status haltHost(String host) {
        Host h = hostsByName.get(host);
        if (h == null) {
            return Status.of(Status.Code.ADAPTER_NOT_FOUND).withDescription("no host " + host);
        }
        return ndis.haltAdapter(h.adapter);
    }

    /** @return host names */
    public List<String> hosts() {
        return new ArrayList<>(hostsByName.keySet());
    }

    /** @return capacity still free on the host's uplink, -1 if unknown */
    public long uplinkFreeBps(String host) {
        Host h = hostsByName.get(host);
        return h == null ? -1 : h.upFreeBps;
    }

    /** @return capacity still free on the host's downlink, -1 if unknown */
    public long downlinkFreeBps(String host) {
        Host h = hostsByName.get(host);
        return h == null ? -1 : h.downFreeBps;
    }

    /**
     * A snapshot; call on the control plane. Link figures are read from the signalling loop (bounded wait).
     *
     * @return the snapshot
     */
    public Snapshot snapshot() {
        long reserved = 0;
        for (Host h : hostsByName.values()) {
            reserved += (h.capacityBps - h.upFreeBps) + (h.capacityBps - h.downFreeBps);
        }
        long[] link = {0, 0};
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        if (socket.execute(() -> {
            for (Link l : socket.links()) {
                link[0] += l.uni.callCount();
                link[1] += l.sscop.statistics().malformedDatagrams();
            }
            done.countDown();
        })) {
            try {
                done.await(5, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Snapshot(callsByVc.size(), reserved, (int) link[0], socket.foreignDatagrams(), link[1]);
    }

    /** Closes the sockets and the event loops (after the runtime's teardown). Idempotent. */
    @Override
    public void close() {
        socket.close();
        data.close();
    }

    // ---------------------------------------------------------------------------------------- routing, CAC

    private Host hostForAddress(String address) {
        for (Host h : hostsByName.values()) {
            if (h.addresses.contains(address)) {
                return h;
            }
        }
        return null;
    }

    private PeerRoute route(String host) {
        for (PeerRoute p : peers.values()) {
            if (p.hosts.contains(host)) {
                return p;
            }
        }
        for (PeerRoute p : peers.values()) {
            if (p.hosts.contains("*")) {
                return p;
            }
        }
        return null;
    }

    private SapReg findSap(Host host, String address, String selector) {
        SapReg best = null;
        int bestScore = -1;
        for (SapReg s : saps.values()) {
            if (s.host != host) {
                continue;
            }
            boolean addrOk = s.address.equals("*") || s.address.equals(address);
            boolean selOk = s.selector.equals("*") || s.selector.equals(selector);
            if (!addrOk || !selOk) {
                continue;
            }
            int score = (s.address.equals("*") ? 0 : 2) + (s.selector.equals("*") ? 0 : 1);
            if (score > bestScore) {
                best = s;
                bestScore = score;
            }
        }
        return best;
    }

    /** Reserves exactly {@code up}/{@code down} on the host's link, or says what lacks. */
    private static String reserve(Host h, long up, long down) {
        if (h.upFreeBps < up || h.downFreeBps < down) {
            return String.format("%s needs up %d down %d B/s; has up %d down %d free", h.name, up, down,
                    h.upFreeBps, h.downFreeBps);
        }
        h.upFreeBps -= up;
        h.downFreeBps -= down;
        return null;
    }

    private static void unreserve(Call c) {
        c.host.upFreeBps += c.upBps;
        c.host.downFreeBps += c.downBps;
        c.upBps = 0;
        c.downBps = 0;
    }

    private static CallParameters swap(CallParameters p) {
        return new CallParameters(p.flags(), p.receive(), p.transmit(), p.callMgrSpecific(), p.mediaFlags(),
                p.receiveSizeHint(), p.mediaSpecific());
    }

    private VcId allocateVci(Link link) {
        int v = nextVci.get(link);
        Set<VcId> used = new java.util.HashSet<>();
        for (Call c : callsByVc.values()) {
            if (c.link == link) {
                used.add(c.vcId);
            }
        }
        for (int i = 0; i < VcId.MAX_VCI; i++) {
            VcId id = new VcId(0, v);
            v += 2;
            if (v > VcId.MAX_VCI) {
                v = FIRST_VCI + (v & 1);
            }
            if (!used.contains(id)) {
                nextVci.put(link, v);
                return id;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------------------------------ wire side

    /** On the signalling loop: every link event goes to the control plane, in order. */
    private void onLinkEvent(Link link, UniEvent event) {
        ndis.post(() -> handleLinkEvent(link, event));
    }

    private void wire(Runnable onLoop) {
        socket.execute(onLoop);
    }

    private Call callOf(Link link, UniCallId id) {
        Map<UniCallId, Call> m = callsByUni.get(link);
        return m == null ? null : m.get(id);
    }

    private void bind(Call c, UniCallId id) {
        c.uni = id;
        callsByUni.computeIfAbsent(c.link, k -> new HashMap<>()).put(id, c);
    }

    private void unbind(Call c) {
        Map<UniCallId, Call> m = callsByUni.get(c.link);
        if (m != null && c.uni != null) {
            m.remove(c.uni);
        }
    }

    /** Control plane: one event of a link. */
    private void handleLinkEvent(Link link, UniEvent event) {
        if (event instanceof UniEvent.MessageReceived m) {
            if (m.message() instanceof Setup s) {
                onSetup(link, m.call(), s);
            } else if (m.message() instanceof ModifyRequest r) {
                Call c = callOf(link, m.call());
                if (c != null) {
                    onModifyRequest(c, r);
                }
            }
        } else if (event instanceof UniEvent.CallActive a) {
            Call c = callOf(link, a.call());
            if (c != null) {
                onActive(c);
            }
        } else if (event instanceof UniEvent.CallCleared cl) {
            Call c = callOf(link, cl.call());
            if (c != null) {
                onCleared(c, UniMapping.status(cl.cause()), cl.reason());
            }
        } else if (event instanceof UniEvent.ModifyCompleted mc) {
            Call c = callOf(link, mc.call());
            if (c != null) {
                onModifyCompleted(c, mc);
            }
        }
    }

    /** An incoming SETUP: route to a local host and SAP, admit, offer (E6). */
    private void onSetup(Link link, UniCallId id, Setup s) {
        String called = s.calledPartyNumber().flatMap(UniMapping::address).orElse(null);
        Status refuse = null;
        Host target = null;
        SapReg sap = null;
        if (called == null) {
            refuse = Status.of(Status.Code.INVALID_ADDRESS).withDescription("no usable called party number");
        } else {
            String[] parts = called.split(":", 2);
            target = hostForAddress(parts[0]);
            if (target == null) {
                refuse = Status.of(Status.Code.NO_ROUTE_TO_DESTINATION).withDescription(parts[0] + " is not here");
            } else {
                sap = findSap(target, parts[0], parts.length > 1 ? parts[1] : "");
                if (sap == null) {
                    refuse = Status.of(Status.Code.INVALID_SAP).withDescription("no SAP matches " + called);
                }
            }
        }
        if (refuse == null && (s.trafficDescriptor().isEmpty() || s.connectionIdentifier().isEmpty())) {
            refuse = Status.of(Status.Code.VC_NOT_AVAILABLE).withDescription("SETUP without connection identifier");
        }
        if (refuse != null) {
            CauseValue cause = UniMapping.cause(refuse);
            wire(() -> link.uni.release(id, cause));
            return;
        }
        FlowSpec fwd = UniMapping.flowSpec(s.trafficDescriptor().get(), s.aalParameters(), s.qosParameter(), true);
        FlowSpec bwd = UniMapping.flowSpec(s.trafficDescriptor().get(), s.aalParameters(), s.qosParameter(), false);
        String calling = s.callingPartyNumber().flatMap(UniMapping::address).orElse("");
        // The callee's view: it receives the caller's forward direction and transmits the backward one.
        CallParameters mine = new CallParameters(0, bwd, fwd, CallParameters.addressing(called),
                CallParameters.TRANSMIT_VC | CallParameters.RECEIVE_VC, 0, null);
        ConnectionIdentifier ci = s.connectionIdentifier().get();
        VcId vcId = new VcId(Math.min(ci.vpci(), VcId.MAX_VPI), ci.vci());
        Host h = target;
        String lack = reserve(h, bwd.reservedBps(), fwd.reservedBps());
        if (lack != null) {
            wire(() -> link.uni.release(id, CauseValue.USER_CELL_RATE_NOT_AVAILABLE));
            return;
        }
        Result<VcHandle> vc = ndis.createVc(sap.af());
        if (!vc.status().isSuccess()) {
            h.upFreeBps += bwd.reservedBps();
            h.downFreeBps += fwd.reservedBps();
            wire(() -> link.uni.release(id, CauseValue.RESOURCE_UNAVAILABLE));
            return;
        }
        Call c = new Call(vc.value(), h, false, link, vcId, mine, CallState.OFFERED);
        c.upBps = bwd.reservedBps();
        c.downBps = fwd.reservedBps();
        callsByVc.put(c.vc, c);
        bind(c, id);
        Status open = openData(c);
        Status act = open.isSuccess() ? ndis.activateVc(c.vc, mine) : open;
        if (!act.isSuccess()) {
            refuseIncoming(c, act);
            return;
        }
        if (!calling.isEmpty()) {
            c.params = mine;
        }
        Status offer = ndis.dispatchIncomingCall(sap.handle(), c.vc, mine);
        if (!offer.isPending()) {
            onAnswer(c, offer);
        }
    }

    private Status openData(Call c) {
        Result<VcReceiver> r = data.openReceiver(c.link.data, c.vcId, (vcid, packet) -> {
            Status st = ndis.indicateReceive(c.vc, packet, false);
            if (st.isSuccess()) {
                c.host.framesIn++;
            }
        });
        if (!r.status().isSuccess()) {
            return r.status();
        }
        c.receiver = r.value();
        c.sender = data.openSender(c.vcId, c.link.data, contract(c.params.transmit()), (packet, status) ->
                ndis.sendComplete(c.vc, packet));
        return Status.SUCCESS;
    }

    private static TrafficContract contract(FlowSpec f) {
        return f.peakBandwidthBps() == FlowSpec.NOT_SPECIFIED || f.peakBandwidthBps() == 0 ? TrafficContract.UNSHAPED
                : TrafficContract.fromFlowSpec(f);
    }

    private void closeData(Call c) {
        if (c.sender != null) {
            c.sender.close();
            c.sender = null;
        }
        if (c.receiver != null) {
            c.receiver.close();
            c.receiver = null;
        }
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
                ndis.dispatchIncomingCloseCall(why, c.vc, null);
            } else {
                finishIncoming(c);
            }
            return;
        }
        if (!answer.isSuccess()) {
            refuseIncoming(c, answer);
            return;
        }
        c.state = CallState.ACCEPTED;
        UniCallId id = c.uni;
        wire(() -> c.link.uni.connect(id));
    }

    /** R17: the offer is refused: RELEASE COMPLETE with the cause, leaf VC deactivated and deleted. */
    private void refuseIncoming(Call c, Status why) {
        CauseValue cause = UniMapping.cause(why.isSuccess() ? Status.FAILURE : why);
        UniCallId id = c.uni;
        wire(() -> c.link.uni.release(id, cause));
        finishIncoming(c);
    }

    /** Removes an incoming call the client no longer holds: deactivate, delete the VC (R20). */
    private void finishIncoming(Call c) {
        c.state = CallState.DONE;
        unbind(c);
        unreserve(c);
        closeData(c);
        deactivateThen(c.vc, () -> {
            ndis.deleteVc(c.vc);
            callsByVc.remove(c.vc);
            afOfVc.remove(c.vc);
        });
    }

    private void onActive(Call c) {
        if (c.outgoing && c.state == CallState.SETTING_UP) {
            Status open = openData(c);
            Status act = open.isSuccess() ? ndis.activateVc(c.vc, c.params) : open;
            if (!act.isSuccess()) {
                UniCallId id = c.uni;
                wire(() -> c.link.uni.release(id, CauseValue.RESOURCE_UNAVAILABLE));
                failOutgoing(c, act);
                return;
            }
            c.state = CallState.ACTIVE;
            ndis.makeCallComplete(Status.SUCCESS, c.vc, c.party, c.params);
        } else if (!c.outgoing && c.state == CallState.ACCEPTED) {
            c.state = CallState.ACTIVE;
            ndis.dispatchCallConnected(c.vc);
        }
    }

    private void failOutgoing(Call c, Status why) {
        c.state = CallState.DONE;
        unbind(c);
        unreserve(c);
        closeData(c);
        callsByVc.remove(c.vc);
        Status st = why.isSuccess() ? Status.FAILURE.withDescription(why.description()) : why;
        ndis.makeCallComplete(st, c.vc, c.party, c.params);
    }

    /** The Q.2931 call is gone: finish what the client asked, or tell it (E10). */
    private void onCleared(Call c, Status why, UniEvent.ClearReason reason) {
        unbind(c);
        if (c.modifyPending != null) {
            c.modifyPending = null;
            ndis.modifyCallQosComplete(Status.REQUEST_ABORTED, c.vc, null);
        }
        switch (c.state) {
            case SETTING_UP -> failOutgoing(c, why);
            case OFFERED -> c.clearedWhileOffered = why;
            case ACCEPTED, ACTIVE -> {
                c.state = CallState.REMOTE_CLOSED;
                unreserve(c);
                ndis.dispatchIncomingCloseCall(why, c.vc, null);
            }
            case CLOSING -> completeClose(c);
            case REMOTE_CLOSED, DONE -> {
            }
            default -> throw new IllegalStateException(c.state.toString());
        }
    }

    private void completeClose(Call c) {
        c.state = CallState.DONE;
        unreserve(c);
        closeData(c);
        deactivateThen(c.vc, () -> {
            callsByVc.remove(c.vc);
            ndis.closeCallComplete(Status.SUCCESS, c.vc, c.party);
            if (!c.outgoing) {
                // R20: the call manager created the VC; it deletes it once the client's close completed.
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

    /** E8: the far end (the call's owner) asks for new traffic parameters. */
    private void onModifyRequest(Call c, ModifyRequest r) {
        UniCallId id = c.uni;
        if (c.state != CallState.ACTIVE || r.trafficDescriptor().isEmpty()) {
            wire(() -> c.link.uni.rejectModify(id, CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE));
            return;
        }
        AtmTrafficDescriptor td = r.trafficDescriptor().get();
        FlowSpec fwd = UniMapping.flowSpec(td, java.util.Optional.empty(), java.util.Optional.of(
                UniMapping.qos(c.params.receive(), c.params.transmit())), true);
        FlowSpec bwd = UniMapping.flowSpec(td, java.util.Optional.empty(), java.util.Optional.of(
                UniMapping.qos(c.params.receive(), c.params.transmit())), false);
        FlowSpec tx = keepSdu(bwd, c.params.transmit());
        FlowSpec rx = keepSdu(fwd, c.params.receive());
        long oldUp = c.upBps;
        long oldDown = c.downBps;
        unreserve(c);
        String lack = reserve(c.host, tx.reservedBps(), rx.reservedBps());
        if (lack != null) {
            reserve(c.host, oldUp, oldDown);
            c.upBps = oldUp;
            c.downBps = oldDown;
            wire(() -> c.link.uni.rejectModify(id, CauseValue.USER_CELL_RATE_NOT_AVAILABLE));
            return;
        }
        c.upBps = tx.reservedBps();
        c.downBps = rx.reservedBps();
        c.params = c.params.withQos(tx, rx);
        wire(() -> c.link.uni.acceptModify(id));
        // R28: re-activate before the client is told.
        ndis.activateVc(c.vc, c.params);
        reshape(c);
        ndis.dispatchIncomingCallQosChange(c.vc, c.params);
    }

    private static FlowSpec keepSdu(FlowSpec f, FlowSpec old) {
        return new FlowSpec(f.tokenRateBps(), f.tokenBucketSizeBytes(), f.peakBandwidthBps(), old.latencyUs(),
                old.delayVariationUs(), old.serviceType(), old.maxSduSizeBytes(), old.minimumPolicedSizeBytes());
    }

    /** New contract: a new sender (frames waiting in the old one complete with CLOSING). */
    private void reshape(Call c) {
        if (c.sender != null) {
            c.sender.close();
            c.sender = data.openSender(c.vcId, c.link.data, contract(c.params.transmit()), (packet, status) ->
                    ndis.sendComplete(c.vc, packet));
        }
    }

    private void onModifyCompleted(Call c, UniEvent.ModifyCompleted mc) {
        CallParameters wanted = c.modifyPending;
        if (wanted == null) {
            return;
        }
        c.modifyPending = null;
        if (mc.accepted()) {
            c.params = wanted;
            ndis.activateVc(c.vc, wanted);
            reshape(c);
            ndis.modifyCallQosComplete(Status.SUCCESS, c.vc, wanted);
        } else {
            unreserve(c);
            reserve(c.host, c.modifyOldUp, c.modifyOldDown);
            c.upBps = c.modifyOldUp;
            c.downBps = c.modifyOldDown;
            Status st = mc.cause().map(UniMapping::status).orElse(Status.FAILURE);
            ndis.modifyCallQosComplete(st.isSuccess() ? Status.FAILURE : st, c.vc, null);
        }
    }

    // ------------------------------------------------------------------------------------------- handlers

    /** Runs on the runtime's control plane. */
    private final class Handlers implements MiniportHandlers, CallManagerHandlers {
        @Override
        public Status onInitialize(AdapterHandle adapter) {
            Host h = initializing;
            if (h == null) {
                return Status.FAILURE.withDescription("hosts of the uni call manager are added with addHost");
            }
            h.adapter = adapter;
            hostsByAdapter.put(adapter, h);
            return ndis.registerAddressFamily(adapter, ADDRESS_FAMILY);
        }

        @Override
        public void onHalt(AdapterHandle adapter) {
            Host h = hostsByAdapter.get(adapter);
            if (h == null) {
                return;
            }
            Status out = Status.of(Status.Code.DEST_OUT_OF_ORDER).withDescription("host " + h.name + " halted");
            for (Call c : new ArrayList<>(callsByVc.values())) {
                if (c.host != h || c.uni == null) {
                    continue;
                }
                UniCallId id = c.uni;
                wire(() -> c.link.uni.release(id, CauseValue.DESTINATION_OUT_OF_ORDER));
                unbind(c);
                onCleared(c, out, UniEvent.ClearReason.LOCAL);
            }
            for (Map.Entry<AfHandle, Host> e : new ArrayList<>(afs.entrySet())) {
                if (e.getValue() == h) {
                    AfHandle af = e.getKey();
                    ndis.post(() -> {
                        if (afs.containsKey(af)) {
                            ndis.notifyCloseAddressFamily(af);
                        }
                    });
                }
            }
            ndis.post(() -> {
                hostsByName.remove(h.name);
                hostsByAdapter.remove(adapter);
            });
        }

        @Override
        public void onSend(VcHandle vc, Packet packet) {
            Call c = callsByVc.get(vc);
            VcSender s = c == null || c.state != CallState.ACTIVE ? null : c.sender;
            Status st = s == null ? Status.of(Status.Code.VC_NOT_ACTIVATED) : s.send(packet);
            if (st.isPending()) {
                c.host.framesOut++;
                return;
            }
            packet.status(st);
            ndis.sendComplete(vc, packet);
        }

        @Override
        public Status onOidRequest(AdapterHandle adapter, VcHandle vc, OidRequest request) {
            Host h = hostsByAdapter.get(adapter);
            if (h == null) {
                return Status.FAILURE;
            }
            return switch (request.oid()) {
                case Oids.OID_GEN_CO_LINK_SPEED -> answerLong(request, h.capacityBps * 8 / 100);
                case Oids.OID_GEN_CO_MEDIA_CONNECT_STATUS -> answerLong(request, 0);
                case Oids.OID_GEN_CO_XMIT_PDUS_OK -> answerLong(request, h.framesOut);
                case Oids.OID_GEN_CO_RCV_PDUS_OK -> answerLong(request, h.framesIn);
                case Oids.OID_GEN_CO_VENDOR_DESCRIPTION ->
                        answerBytes(request, "jcondis uni call manager\0".getBytes(StandardCharsets.US_ASCII));
                default -> Status.INVALID_OID.withDescription(Oids.name(request.oid()) + " is not supported");
            };
        }

        @Override
        public Status onOpenAf(AfHandle af, AddressFamily family, BindingHandle cmBinding, AdapterHandle adapter) {
            Host h = hostsByAdapter.get(adapter);
            if (h == null) {
                return Status.FAILURE.withDescription(adapter + " is not a host of this call manager");
            }
            afs.put(af, h);
            // A3: right after an open the call manager tells the client its addresses changed.
            ndis.post(() -> ndis.oidRequest(af, null, null, OidRequest.set(Oids.OID_CO_ADDRESS_CHANGE, null)));
            return Status.SUCCESS;
        }

        @Override
        public Status onCloseAf(AfHandle af) {
            afs.remove(af);
            return Status.SUCCESS;
        }

        @Override
        public Status onRegisterSap(AfHandle af, SapHandle sap, Sap value) {
            Host h = afs.get(af);
            if (value.sapType() != Sap.TEXT_SAP_TYPE) {
                return Status.INVALID_DATA.withDescription("R2: only text SAPs are understood");
            }
            String text = value.asText();
            String[] parts = text.split(":", 2);
            if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
                return Status.INVALID_DATA.withDescription("R2: SAP '" + text + "' is not address:selector");
            }
            if (!parts[0].equals("*") && !h.addresses.contains(parts[0])) {
                return Status.INVALID_DATA.withDescription("R2: " + parts[0] + " is not an address of " + h.name);
            }
            for (SapReg s : saps.values()) {
                if (s.host == h && s.address.equals(parts[0]) && s.selector.equals(parts[1])) {
                    return Status.INVALID_DATA.withDescription("R2: SAP " + text + " is already registered");
                }
            }
            saps.put(sap, new SapReg(sap, af, h, parts[0], parts[1]));
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
            Host from = afs.get(afOfVc.get(vc));
            if (party != null) {
                return Status.NOT_SUPPORTED.withDescription("point-to-multipoint calls: TODO(#4)");
            }
            String called = params.calledAddress();
            if (called == null || called.isEmpty()) {
                return Status.of(Status.Code.INVALID_ADDRESS).withDescription("no called address in CallMgrSpecific");
            }
            String host = called.split(":", 2)[0];
            PeerRoute peer = hostForAddress(host) == null ? route(host) : null;
            if (peer == null) {
                String why = hostForAddress(host) != null ? host + " is local (local switching: TODO(#4))"
                        : "no peer announces " + host;
                Status st = Status.of(Status.Code.NO_ROUTE_TO_DESTINATION).withDescription(why);
                ndis.post(() -> ndis.makeCallComplete(st, vc, null, params));
                return Status.PENDING;
            }
            VcId vcId = allocateVci(peer.link);
            Call c = new Call(vc, from, true, peer.link, vcId, params, CallState.SETTING_UP);
            String lack = vcId == null ? "no VCI free" : reserve(from, params.transmit().reservedBps(),
                    params.receive().reservedBps());
            if (lack != null) {
                Status st = Status.CELLRATE_NOT_AVAILABLE.withDescription(lack);
                ndis.post(() -> ndis.makeCallComplete(st, vc, null, params));
                return Status.PENDING;
            }
            c.upBps = params.transmit().reservedBps();
            c.downBps = params.receive().reservedBps();
            callsByVc.put(vc, c);
            io.jcondis.uni.signal.CallParameters ies;
            try {
                ies = setupElements(from, called, params, vcId);
            } catch (IllegalArgumentException e) {
                unreserve(c);
                callsByVc.remove(vc);
                return Status.of(Status.Code.INVALID_ADDRESS).withDescription(e.getMessage());
            }
            Link link = peer.link;
            wire(() -> {
                Outcome<UniCallId> o = link.uni.setup(ies);
                ndis.post(() -> {
                    if (o.succeeded()) {
                        bind(c, o.value());
                    } else {
                        failOutgoing(c, o.status());
                    }
                });
            });
            return Status.PENDING;
        }

        @Override
        public Status onAddParty(VcHandle vc, PartyHandle party, CallParameters params) {
            return Status.NOT_SUPPORTED.withDescription("point-to-multipoint calls: TODO(#4)");
        }

        @Override
        public Status onDropParty(PartyHandle party, byte[] closeData) {
            return Status.NOT_SUPPORTED.withDescription("point-to-multipoint calls: TODO(#4)");
        }

        @Override
        public Status onCloseCall(VcHandle vc, PartyHandle party, byte[] closeData) {
            Call c = callsByVc.get(vc);
            if (c == null) {
                ndis.post(() -> deactivateThen(vc, () -> ndis.closeCallComplete(Status.SUCCESS, vc, null)));
                return Status.PENDING;
            }
            if (c.modifyPending != null) {
                c.modifyPending = null;
                ndis.modifyCallQosComplete(Status.REQUEST_ABORTED, vc, null);
            }
            if (c.state == CallState.REMOTE_CLOSED || c.uni == null) {
                c.state = CallState.CLOSING;
                ndis.post(() -> completeClose(c));
                return Status.PENDING;
            }
            c.state = CallState.CLOSING;
            UniCallId id = c.uni;
            wire(() -> c.link.uni.release(id, CauseValue.NORMAL_CALL_CLEARING));
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
                return Status.NOT_SUPPORTED.withDescription("Q.2963.1: only the call's owner (its caller) modifies");
            }
            if (c.modifyPending != null) {
                return Status.NOT_ACCEPTED.withDescription("a QoS change is pending");
            }
            CallParameters wanted = c.params.withQos(params.transmit(), params.receive());
            c.modifyOldUp = c.upBps;
            c.modifyOldDown = c.downBps;
            unreserve(c);
            String lack = reserve(c.host, wanted.transmit().reservedBps(), wanted.receive().reservedBps());
            if (lack != null) {
                reserve(c.host, c.modifyOldUp, c.modifyOldDown);
                c.upBps = c.modifyOldUp;
                c.downBps = c.modifyOldDown;
                Status st = Status.CELLRATE_NOT_AVAILABLE.withDescription(lack);
                ndis.post(() -> ndis.modifyCallQosComplete(st, vc, null));
                return Status.PENDING;
            }
            c.upBps = wanted.transmit().reservedBps();
            c.downBps = wanted.receive().reservedBps();
            c.modifyPending = wanted;
            AtmTrafficDescriptor td = UniMapping.trafficDescriptor(wanted.transmit(), wanted.receive());
            UniCallId id = c.uni;
            wire(() -> {
                Status st = c.link.uni.modify(id, td);
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
            Host h = afs.get(af);
            if (request.oid() == Oids.OID_CO_GET_ADDRESSES && h != null) {
                return answerBytes(request, String.join("\0", h.addresses).getBytes(StandardCharsets.UTF_8));
            }
            return Status.INVALID_OID.withDescription(Oids.name(request.oid()) + " is not supported");
        }
    }

    private io.jcondis.uni.signal.CallParameters setupElements(Host from, String called, CallParameters p,
                                                               VcId vcId) {
        return io.jcondis.uni.signal.CallParameters.of(UniMapping.calledParty(called),
                        UniMapping.trafficDescriptor(p.transmit(), p.receive()), UniMapping.bearer(false))
                .withCallingParty(UniMapping.callingParty(from.name))
                .withAalParameters(UniMapping.aalParameters(p.transmit(), p.receive()))
                .withQosParameter(UniMapping.qos(p.transmit(), p.receive()))
                .withConnectionIdentifier(ConnectionIdentifier.exclusive(vcId.vpi(), vcId.vci()));
    }

    private static Status answerLong(OidRequest r, long v) {
        if (r.type() != OidRequest.Type.QUERY) {
            return Status.INVALID_OID.withDescription(Oids.name(r.oid()) + " is query-only");
        }
        if (r.buffer().length < 4) {
            r.bytesNeeded(8);
            return Status.INVALID_LENGTH.withDescription("needs 4 or 8 bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(r.buffer()).order(ByteOrder.LITTLE_ENDIAN);
        if (r.buffer().length >= 8) {
            b.putLong(v);
            r.bytesWritten(8);
        } else {
            b.putInt((int) v);
            r.bytesWritten(4);
        }
        return Status.SUCCESS;
    }

    private static Status answerBytes(OidRequest r, byte[] v) {
        if (r.type() != OidRequest.Type.QUERY) {
            return Status.INVALID_OID.withDescription(Oids.name(r.oid()) + " is query-only");
        }
        if (r.buffer().length < v.length) {
            r.bytesNeeded(v.length);
            return Status.BUFFER_TOO_SHORT.withDescription("needs " + v.length + " bytes");
        }
        System.arraycopy(v, 0, r.buffer(), 0, v.length);
        r.bytesWritten(v.length);
        return Status.SUCCESS;
    }
}

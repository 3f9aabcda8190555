package io.jcondis.embedded;

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
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.api.callmanager.CallManagerHandlers;
import io.jcondis.api.callmanager.McmHost;
import io.jcondis.api.callmanager.McmHosts;
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.callmanager.TextSapTable;
import io.jcondis.api.callmanager.PvcTable;
import io.jcondis.api.miniport.MiniportHandlers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The embedded in-process switch: one MCM driver whose adapters are the hosts of a small network. It is what
 * the demo, the scenario scripts and most tests run against, with no set-up.
 *
 * <ul>
 *   <li>Each host is an adapter with one or more addresses and a link of a given capacity (bytes/s) in each
 *       direction. It registers {@link #ADDRESS_FAMILY} (CO_ADDRESS_FAMILY_Q2931 1.0).</li>
 *   <li>SAPs are {@link Sap#TEXT_SAP_TYPE} text {@code address:selector}; either part may be {@code *}. An
 *       incoming call goes to the exact match first, then {@code addr:*}, {@code *:sel}, {@code *:*}.</li>
 *   <li>A call or QoS change is admitted only while every link on its path still has the peak bandwidth it
 *       asks for; otherwise it fails with {@code CELLRATE_NOT_AVAILABLE}. No route: {@code NO_ROUTE_TO_
 *       DESTINATION}; no SAP listening: {@code INVALID_SAP}.</li>
 *   <li>A packet the root of a point-to-multipoint call sends reaches every connected leaf; a leaf's packet
 *       reaches the root.</li>
 *   <li>Remote-side actions (a leaf drops, the network closes a call, the far end changes QoS, an adapter
 *       reports status or halts) are caused by the peer client or, for tests and scripts, by the methods
 *       {@link #remoteDropParty}, {@link #remoteClose}, {@link #remoteQosChange}, {@link #indicateStatus},
 *       {@link #haltHost}.</li>
 * </ul>
 *
 * <p>Signaling steps are posted to the runtime's deferred work, so every call-manager request pends and
 * completes later, as with a real network; data is delivered synchronously inside the send. Not thread-safe
 * on its own: all its state is touched from runtime handlers or under {@link #install}'s runtime, on the
 * conductor.
 */
public final class EmbeddedSwitch {
    /** The AF every host registers: CO_ADDRESS_FAMILY_Q2931 1.0. */
    public static final AddressFamily ADDRESS_FAMILY = new AddressFamily(AddressFamily.Q2931, 1, 0);
    /** Largest close data the switch carries with a close or drop (R26). */
    public static final int MAX_CLOSE_DATA_BYTES = 128;
    /** Default link capacity: 155 Mbit/s, in bytes per second. */
    public static final long DEFAULT_CAPACITY_BPS = 155_000_000L / 8;

    private final McmServices ndis;
    private final McmHosts hosts = new McmHosts();
    private final TextSapTable<McmHost> saps = new TextSapTable<>();
    private final Map<VcHandle, Call> callsByRootVc = new HashMap<>();
    private final Map<VcHandle, Leg> legsByLeafVc = new HashMap<>();
    private final Map<PartyHandle, Leg> legsByParty = new HashMap<>();
    /** VCs whose client's QoS change (E7) is pending in the switch. */
    private final java.util.Set<VcHandle> modifyPending = new java.util.HashSet<>();
    /** Closes waiting for a deactivation that pended while receives drained (R25, R29). */
    private final Map<VcHandle, Runnable> afterDeactivate = new HashMap<>();
    /** The AF of every client-created VC (from onCreateVc), to find the caller's host. */
    private final Map<VcHandle, AfHandle> afOfVc = new HashMap<>();

    private EmbeddedSwitch(Ndis runtime, String name) {
        Handlers h = new Handlers();
        this.ndis = runtime.registerMcm(name, h, h);
    }

    /**
     * Registers the switch as an MCM named {@code name}.
     *
     * @return the switch, with no hosts yet
     */
    public static EmbeddedSwitch install(Ndis runtime, String name) {
        return new EmbeddedSwitch(runtime, name);
    }

    /** @return the switch's own services (for tests that act as the switch) */
    public McmServices services() {
        return ndis;
    }

    // ----------------------------------------------------------------------------------------------- hosts

    /**
     * Adds a host: starts an adapter named {@code name}, which registers the AF and binds every client.
     *
     * @param name        host (adapter) name; also its first address
     * @param capacityBps link capacity in bytes per second, each direction
     * @param aliases     further addresses
     * @return the adapter, or a failure (duplicate name, capacity not positive)
     */
    public Result<AdapterHandle> addHost(String name, long capacityBps, String... aliases) {
        return hosts.add(ndis, name, capacityBps, aliases);
    }

    /** Halts a host's adapter: every client is asked to close its AF; calls to other hosts are released. */
    public Status haltHost(String name) {
        return hosts.halt(ndis, name);
    }

    /** @return the host names */
    public List<String> hosts() {
        return hosts.names();
    }

    /** @return the capacity still free on {@code host}'s uplink, bytes/s (-1 for an unknown host) */
    public long uplinkFreeBps(String host) {
        return hosts.uplinkFreeBps(host);
    }

    /** @return the capacity still free on {@code host}'s downlink, bytes/s (-1 for an unknown host) */
    public long downlinkFreeBps(String host) {
        return hosts.downlinkFreeBps(host);
    }

    /** @return the PVC names configured on {@code host} by OID_CO_ADD_PVC */
    public List<String> pvcs(String host) {
        McmHost h = hosts.byName(host);
        return h == null ? List.of() : h.pvcs().names();
    }

    /** @return the adapter handle of {@code host}, or null */
    public AdapterHandle adapterOf(String host) {
        McmHost h = hosts.byName(host);
        return h == null ? null : h.adapter();
    }

    /** @return how many calls (root VCs) the switch carries now */
    public int activeCalls() {
        return callsByRootVc.size();
    }

    // ----------------------------------------------------------------------------------------------- calls

    /** A call: the root's VC and its legs (one for point-to-point, one per party for multipoint). */
    final class Call {
        final VcHandle rootVc;
        final McmHost rootHost;
        final boolean multipoint;
        CallParameters params;
        final List<Leg> legs = new ArrayList<>();
        /** The root's client called closeCall (its close is pending in the switch). */
        boolean rootCloseRequested;
        /** The root's client was given an incoming close-call and has yet to close. */
        boolean rootRemoteNotified;
        boolean rootConnected;
        /** Multipoint: the root uplink reserved once for all leaves. */
        long takenRootUpBps;

        Call(VcHandle rootVc, McmHost rootHost, boolean multipoint, CallParameters params) {
            this.rootVc = rootVc;
            this.rootHost = rootHost;
            this.multipoint = multipoint;
            this.params = params;
        }
    }

    /** The state of one leg, from the switch's side. */
    enum LegState { OFFERED, CONNECTED, LEAF_CLOSING, RELEASED }

    /** One leg: a leaf VC on the callee's host and, for multipoint, the root-side party. */
    final class Leg {
        final Call call;
        final PartyHandle party;
        /** The callee's host, set once the leg is routed. */
        McmHost host;
        final String calledAddress;
        VcHandle leafVc;
        LegState state = LegState.OFFERED;
        /** Exactly what this leg took from each link, given back as is by release. */
        boolean reserved;
        long takenRootUpBps;
        long takenRootDownBps;
        long takenLeafUpBps;
        long takenLeafDownBps;
        /** Whether the root's request that created this leg (make-call or add-party) is still pending. */
        boolean rootRequestPending = true;
        /** A drop requested by the root (E4) waits for the leaf to close. */
        boolean rootDropPending;
        /** The leaf's client called closeCall: nothing more may be dispatched to the leaf VC. */
        boolean leafClientClosing;

        Leg(Call call, PartyHandle party, McmHost host, String calledAddress) {
            this.call = call;
            this.party = party;
            this.host = host;
            this.calledAddress = calledAddress;
        }
    }

    /** The root's client still holds an open call (not closing, not told of a remote close). */
    private static boolean rootOpen(Call call) {
        return call.rootConnected && !call.rootCloseRequested && !call.rootRemoteNotified;
    }

    private McmHost hostForAddress(String address) {
        return hosts.forAddress(address);
    }

    private static long tx(CallParameters p) {
        return p.transmit().reservedBps();
    }

    private static long rx(CallParameters p) {
        return p.receive().reservedBps();
    }

    /**
     * Reserves a leg's bandwidth on both hosts' links, or says which link lacks it. Amounts that fall on the
     * same link (a call between two clients of one host) are added before they are checked. A multipoint
     * root's uplink carries one copy for all its leaves: the call holds the largest transmit rate of its
     * reserved legs.
     */
    private String reserve(Leg leg, McmHost to, long txBps, long rxBps) {
        Call call = leg.call;
        McmHost from = call.rootHost;
        long rootUp = call.multipoint ? Math.max(0, txBps - call.takenRootUpBps) : txBps;
        Map<McmHost, long[]> need = new LinkedHashMap<>();
        need.computeIfAbsent(from, h -> new long[2])[0] += rootUp;
        need.computeIfAbsent(from, h -> new long[2])[1] += rxBps;
        need.computeIfAbsent(to, h -> new long[2])[0] += rxBps;
        need.computeIfAbsent(to, h -> new long[2])[1] += txBps;
        for (Map.Entry<McmHost, long[]> e : need.entrySet()) {
            McmHost h = e.getKey();
            if (!h.fits(e.getValue()[0], e.getValue()[1])) {
                return String.format("%s->%s needs tx=%d rx=%d B/s; %s has up %d down %d free", from.name(),
                        to.name(), txBps, rxBps, h.name(), h.upFreeBps(), h.downFreeBps());
            }
        }
        for (Map.Entry<McmHost, long[]> e : need.entrySet()) {
            e.getKey().take(e.getValue()[0], e.getValue()[1]);
        }
        if (call.multipoint) {
            call.takenRootUpBps += rootUp;
        } else {
            leg.takenRootUpBps = rootUp;
        }
        leg.takenLeafDownBps = txBps;
        leg.takenLeafUpBps = rxBps;
        leg.takenRootDownBps = rxBps;
        leg.reserved = true;
        return null;
    }

    /** Gives back exactly what {@link #reserve} took; a multipoint root uplink goes back with the last leg. */
    private void release(Leg leg) {
        if (!leg.reserved) {
            return;
        }
        leg.reserved = false;
        Call call = leg.call;
        McmHost root = call.rootHost;
        if (call.multipoint) {
            boolean othersReserved = call.legs.stream().anyMatch(l -> l != leg && l.reserved);
            if (!othersReserved) {
                root.give(call.takenRootUpBps, 0);
                call.takenRootUpBps = 0;
            }
        } else {
            root.give(leg.takenRootUpBps, 0);
        }
        leg.host.give(leg.takenLeafUpBps, leg.takenLeafDownBps);
        root.give(0, leg.takenRootDownBps);
        leg.takenRootUpBps = 0;
        leg.takenRootDownBps = 0;
        leg.takenLeafUpBps = 0;
        leg.takenLeafDownBps = 0;
    }

    /** Routes a new leg: reserves bandwidth, creates and activates the leaf VC and offers the call. */
    private Status routeLeg(Leg leg, CallParameters params) {
        String called = params.calledAddress();
        if (called == null) {
            return Status.of(Status.Code.INVALID_ADDRESS).withDescription("no called address in CallMgrSpecific");
        }
        String[] parts = called.split(":", 2);
        String address = parts[0];
        String selector = parts.length > 1 ? parts[1] : "";
        McmHost target = hostForAddress(address);
        if (target == null) {
            return Status.of(Status.Code.NO_ROUTE_TO_DESTINATION).withDescription("no host has address " + address);
        }
        TextSapTable.Entry<McmHost> sap = saps.match(target, address, selector);
        if (sap == null) {
            return Status.of(Status.Code.INVALID_SAP).withDescription("no SAP on " + target.name() + " matches "
                    + called);
        }
        leg.host = target;
        String lack = reserve(leg, target, tx(params), rx(params));
        if (lack != null) {
            return Status.CELLRATE_NOT_AVAILABLE.withDescription(lack);
        }
        Result<VcHandle> vc = ndis.createVc(sap.af());
        if (!vc.status().isSuccess()) {
            release(leg);
            return vc.status();
        }
        leg.leafVc = vc.value();
        legsByLeafVc.put(leg.leafVc, leg);
        // The callee sees the call from its side: transmit and receive swap.
        CallParameters calleeView = new CallParameters(params.flags(), params.receive(), params.transmit(),
                params.callMgrSpecific(), params.mediaFlags(), params.receiveSizeHint(), params.mediaSpecific());
        Status act = ndis.activateVc(leg.leafVc, calleeView);
        if (!act.isSuccess()) {
            dropLeafVc(leg);
            return act;
        }
        Status offer = ndis.dispatchIncomingCall(sap.handle(), leg.leafVc, calleeView);
        if (offer.isPending()) {
            return Status.PENDING;
        }
        onLeafAnswer(leg, offer);
        return Status.PENDING;
    }

    /** E6: the callee answered (synchronously or through incomingCallComplete). */
    private void onLeafAnswer(Leg leg, Status answer) {
        if (leg.state != LegState.OFFERED) {
            return;
        }
        if (!answer.isSuccess()) {
            // R17: the call was rejected; deactivate and delete the leaf VC, fail the root's request.
            leg.state = LegState.RELEASED;
            dropLeafVc(leg);
            failRootRequest(leg, answer);
            return;
        }
        leg.state = LegState.CONNECTED;
        Call call = leg.call;
        if (!call.multipoint || !call.rootConnected) {
            Status act = ndis.activateVc(call.rootVc, call.params);
            if (!act.isSuccess()) {
                leg.state = LegState.RELEASED;
                ndis.dispatchIncomingCloseCall(Status.RESOURCES, leg.leafVc, null);
                failRootRequest(leg, act);
                return;
            }
        }
        leg.rootRequestPending = false;
        if (!call.rootConnected) {
            call.rootConnected = true;
            ndis.makeCallComplete(Status.SUCCESS, call.rootVc, leg.party, call.params);
        } else {
            ndis.addPartyComplete(Status.SUCCESS, leg.party, call.params);
        }
        ndis.dispatchCallConnected(leg.leafVc);
    }

    private void failRootRequest(Leg leg, Status why) {
        Call call = leg.call;
        release(leg);
        call.legs.remove(leg);
        if (leg.party != null) {
            legsByParty.remove(leg.party);
        }
        if (!leg.rootRequestPending) {
            return;
        }
        leg.rootRequestPending = false;
        if (!call.rootConnected) {
            callsByRootVc.remove(call.rootVc);
            ndis.makeCallComplete(why, call.rootVc, leg.party, call.params);
        } else {
            ndis.addPartyComplete(why, leg.party, call.params);
        }
    }

    /** Deactivates and deletes a leaf VC the switch created (D6, D8). */
    private void dropLeafVc(Leg leg) {
        if (leg.leafVc == null) {
            return;
        }
        VcHandle vc = leg.leafVc;
        deactivateThen(vc, () -> {
            if (ndis.deleteVc(vc).isSuccess()) {
                legsByLeafVc.remove(vc);
            }
        });
    }

    /** The leaf side of a leg has closed: tell the root (drop-party, close-call) as the rules say. */
    private void leafGone(Leg leg, Status cause, byte[] data) {
        Call call = leg.call;
        leg.state = LegState.RELEASED;
        release(leg);
        if (leg.rootDropPending) {
            leg.rootDropPending = false;
            call.legs.remove(leg);
            legsByParty.remove(leg.party);
            ndis.dropPartyComplete(Status.SUCCESS, leg.party);
            return;
        }
        if (call.rootCloseRequested) {
            finishRootCloseIfDone(call);
            return;
        }
        if (call.rootRemoteNotified) {
            return;
        }
        long live = call.legs.stream().filter(l -> l.state == LegState.CONNECTED).count();
        if (call.multipoint && live > 0) {
            // E5: a leaf that is not the last leaves: incoming drop-party; the root answers with dropParty.
            ndis.dispatchIncomingDropParty(cause, leg.party, data);
        } else {
            // R23: the last leaf leaving is an incoming close-call.
            call.rootRemoteNotified = true;
            ndis.dispatchIncomingCloseCall(cause, call.rootVc, data);
        }
    }

    private void finishRootCloseIfDone(Call call) {
        if (!call.rootCloseRequested || !callsByRootVc.containsKey(call.rootVc)) {
            return;
        }
        for (Leg l : call.legs) {
            if (l.state != LegState.RELEASED) {
                return;
            }
        }
        for (Leg l : new ArrayList<>(call.legs)) {
            release(l);
            if (l.party != null) {
                legsByParty.remove(l.party);
            }
        }
        call.legs.clear();
        callsByRootVc.remove(call.rootVc);
        deactivateThen(call.rootVc, () -> ndis.closeCallComplete(Status.SUCCESS, call.rootVc, null));
    }

    /** R25: deactivate first, complete the close after; waits when the deactivation pends (R29). */
    private void deactivateThen(VcHandle vc, Runnable then) {
        Status st = ndis.deactivateVc(vc);
        if (st.isPending()) {
            afterDeactivate.put(vc, then);
        } else {
            then.run();
        }
    }

    // ------------------------------------------------------------------------------------- remote actions

    /**
     * The network (or the far end) releases the call carried by {@code vc}, root or leaf: every client on the
     * call gets an incoming close-call with {@code cause} (E10) and closes its side.
     */
    public Status remoteClose(VcHandle vc, Status cause) {
        Call call = callsByRootVc.get(vc);
        Leg leafLeg = legsByLeafVc.get(vc);
        if (call == null && leafLeg != null) {
            call = leafLeg.call;
        }
        if (call == null) {
            return Status.INVALID_HANDLE.withDescription(vc + " carries no call of this switch");
        }
        Call c = call;
        Status why = cause == null ? Status.SUCCESS : cause;
        ndis.post(() -> {
            for (Leg l : new ArrayList<>(c.legs)) {
                if (l.state == LegState.CONNECTED) {
                    l.state = LegState.LEAF_CLOSING;
                    ndis.dispatchIncomingCloseCall(why, l.leafVc, null);
                }
            }
            if (c.rootConnected && !c.rootCloseRequested && !c.rootRemoteNotified
                    && callsByRootVc.containsKey(c.rootVc)) {
                c.rootRemoteNotified = true;
                ndis.dispatchIncomingCloseCall(why, c.rootVc, null);
            }
        });
        return Status.PENDING;
    }

    /** A leaf leaves a multipoint call from its side (E5 toward the root, or R23 if it is the last). */
    public Status remoteDropParty(PartyHandle party) {
        Leg leg = legsByParty.get(party);
        if (leg == null || leg.state != LegState.CONNECTED) {
            return Status.INVALID_HANDLE.withDescription(party + " is not a connected party of this switch");
        }
        ndis.post(() -> {
            if (leg.state == LegState.CONNECTED) {
                leg.state = LegState.LEAF_CLOSING;
                ndis.dispatchIncomingCloseCall(Status.SUCCESS, leg.leafVc, null);
            }
        });
        return Status.PENDING;
    }

    /**
     * The far end of {@code vc} changes the call's QoS (E8): admitted against link capacity, every VC of the
     * call is re-activated with the new flowspecs (R28), then the client of {@code vc} is told.
     * CELLRATE_NOT_AVAILABLE (nothing changes) when a link cannot carry it.
     */
    public Status remoteQosChange(VcHandle vc, FlowSpec transmit, FlowSpec receive) {
        Call call = callsByRootVc.get(vc);
        Leg leafLeg = legsByLeafVc.get(vc);
        if (call == null && leafLeg != null) {
            call = leafLeg.call;
        }
        if (call == null || !rootOpen(call) || (leafLeg != null && leafLeg.state != LegState.CONNECTED)) {
            return Status.INVALID_HANDLE.withDescription(vc + " carries no connected call of this switch");
        }
        boolean fromRootSide = leafLeg == null;
        // Flowspecs are given from the point of view of vc's client; the root's view swaps them for a leaf.
        CallParameters rootParams = fromRootSide ? call.params.withQos(transmit, receive)
                : call.params.withQos(receive, transmit);
        String bad = rootParams.invalidField();
        if (bad != null) {
            return Status.INVALID_DATA.withDescription(bad);
        }
        Status st = applyQos(call, rootParams);
        if (!st.isSuccess()) {
            return st;
        }
        CallParameters view = fromRootSide ? rootParams : calleeView(rootParams);
        ndis.dispatchIncomingCallQosChange(vc, view);
        return Status.SUCCESS;
    }

    private static CallParameters calleeView(CallParameters p) {
        return new CallParameters(p.flags(), p.receive(), p.transmit(), p.callMgrSpecific(), p.mediaFlags(),
                p.receiveSizeHint(), p.mediaSpecific());
    }

    /** Re-admits a call at new flowspecs and re-activates all its VCs; nothing changes on failure (R27). */
    private Status applyQos(Call call, CallParameters newParams) {
        long newTx = tx(newParams);
        long newRx = rx(newParams);
        List<Leg> live = new ArrayList<>();
        for (Leg l : call.legs) {
            if (l.state == LegState.CONNECTED) {
                live.add(l);
            }
        }
        // Release, then try to reserve at the new rates; restore the old reservation if anything lacks room.
        Map<Leg, long[]> old = new HashMap<>();
        for (Leg l : live) {
            old.put(l, new long[] {l.takenLeafDownBps, l.takenLeafUpBps});
            release(l);
        }
        String lack = null;
        List<Leg> done = new ArrayList<>();
        for (Leg l : live) {
            lack = reserve(l, l.host, newTx, newRx);
            if (lack != null) {
                break;
            }
            done.add(l);
        }
        if (lack != null) {
            for (Leg l : done) {
                release(l);
            }
            for (Leg l : live) {
                long[] o = old.get(l);
                if (reserve(l, l.host, o[0], o[1]) != null) {
                    throw new IllegalStateException("restoring the reservation of a leg failed");
                }
            }
            return Status.CELLRATE_NOT_AVAILABLE.withDescription(lack);
        }
        call.params = newParams;
        // R28: re-activate every open end before anyone is told; ends already closing keep their parameters.
        if (rootOpen(call)) {
            ndis.activateVc(call.rootVc, newParams);
        }
        for (Leg l : live) {
            ndis.activateVc(l.leafVc, calleeView(newParams));
        }
        return Status.SUCCESS;
    }

    /**
     * A status indication from {@code host}'s adapter, adapter-wide ({@code vc == null}) or for one VC (H1).
     */
    public Status indicateStatus(String host, VcHandle vc, StatusIndication indication) {
        return hosts.indicateStatus(ndis, host, vc, indication);
    }

    // ------------------------------------------------------------------------------------------- handlers

    /** The switch's MCM handlers: both roles. Runs on the conductor. */
    private final class Handlers implements MiniportHandlers, CallManagerHandlers {
        @Override
        public Status onInitialize(AdapterHandle adapter) {
            if (hosts.attach(adapter) == null) {
                return Status.FAILURE.withDescription("adapters of the switch are added with addHost");
            }
            return ndis.registerAddressFamily(adapter, ADDRESS_FAMILY);
        }

        @Override
        public void onHalt(AdapterHandle adapter) {
            McmHost h = hosts.byAdapter(adapter);
            if (h == null) {
                return;
            }
            // Calls that cross to other hosts are released there with DEST_OUT_OF_ORDER.
            for (Call call : new ArrayList<>(callsByRootVc.values())) {
                boolean touches = call.rootHost == h || call.legs.stream().anyMatch(l -> l.host == h);
                if (touches) {
                    remoteClose(call.rootVc, Status.of(Status.Code.DEST_OUT_OF_ORDER));
                }
            }
            hosts.halted(ndis, h);
        }

        @Override
        public void onSend(VcHandle vc, Packet packet) {
            Call call = callsByRootVc.get(vc);
            if (call != null) {
                call.rootHost.countOut();
                for (Leg l : call.legs) {
                    if (l.state == LegState.CONNECTED) {
                        deliver(l.leafVc, l.host, packet);
                    }
                }
            } else {
                Leg leg = legsByLeafVc.get(vc);
                if (leg != null && leg.state == LegState.CONNECTED) {
                    leg.host.countOut();
                    deliver(leg.call.rootVc, leg.call.rootHost, packet);
                }
            }
            packet.status(Status.SUCCESS);
            ndis.sendComplete(vc, packet);
        }

        private void deliver(VcHandle to, McmHost host, Packet packet) {
            // Each receiver gets its own packet over the same read-only payload.
            Status st = ndis.indicateReceive(to, Packet.wrap(packet.payload()), false);
            if (st.isSuccess()) {
                host.countIn();
            }
        }

        @Override
        public Status onOidRequest(AdapterHandle adapter, VcHandle vc, OidRequest request) {
            return hosts.answerAdapterOid(adapter, request, "jcondis embedded switch");
        }

        @Override
        public Status onOpenAf(AfHandle af, AddressFamily family, BindingHandle cmBinding, AdapterHandle adapter) {
            return hosts.openAf(ndis, af, adapter, "switch");
        }

        @Override
        public Status onCloseAf(AfHandle af) {
            hosts.closeAf(af);
            return Status.SUCCESS;
        }

        @Override
        public Status onRegisterSap(AfHandle af, SapHandle sap, Sap value) {
            McmHost h = hostOfAf(af);
            Status st = saps.register(sap, af, value, h, h.name(), h.addresses());
            if (!st.isSuccess()) {
                return st;
            }
            // B1: registration completes later; incoming calls may already arrive (R1).
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
            callsByRootVc.remove(vc);
            afOfVc.remove(vc);
            return Status.SUCCESS;
        }

        @Override
        public Status onMakeCall(VcHandle vc, CallParameters params, PartyHandle party) {
            McmHost from = hostOfVcAf(vc);
            Call call = new Call(vc, from, party != null, params);
            callsByRootVc.put(vc, call);
            Leg leg = new Leg(call, party, null, params.calledAddress());
            call.legs.add(leg);
            if (party != null) {
                legsByParty.put(party, leg);
            }
            // E1: signaling takes a network round trip; the switch answers from deferred work.
            ndis.post(() -> {
                Status st = routeLeg(leg, params);
                if (!st.isPending()) {
                    failRootRequest(leg, st);
                }
            });
            return Status.PENDING;
        }

        @Override
        public Status onAddParty(VcHandle vc, PartyHandle party, CallParameters params) {
            Call call = callsByRootVc.get(vc);
            if (call == null || !call.multipoint) {
                return Status.NOT_SUPPORTED.withDescription(vc + " is not a multipoint call of this switch");
            }
            Leg leg = new Leg(call, party, null, params.calledAddress());
            call.legs.add(leg);
            legsByParty.put(party, leg);
            // Parties share the call's traffic parameters: the call's flowspecs are used, not the party's.
            CallParameters legParams = call.params.withCalledAddress(params.calledAddress());
            ndis.post(() -> {
                Status st = routeLeg(leg, legParams);
                if (!st.isPending()) {
                    failRootRequest(leg, st);
                }
            });
            return Status.PENDING;
        }

        @Override
        public Status onDropParty(PartyHandle party, byte[] closeData) {
            if (closeData.length > MAX_CLOSE_DATA_BYTES) {
                return Status.INVALID_DATA.withDescription("R26: close data over " + MAX_CLOSE_DATA_BYTES + " bytes");
            }
            Leg leg = legsByParty.get(party);
            if (leg == null) {
                return Status.FAILURE.withDescription(party + " is unknown to the switch");
            }
            if (leg.state == LegState.RELEASED) {
                // The leaf already left (E5): the drop completes at once.
                leg.call.legs.remove(leg);
                legsByParty.remove(party);
                return Status.SUCCESS;
            }
            leg.rootDropPending = true;
            if (leg.state == LegState.CONNECTED) {
                leg.state = LegState.LEAF_CLOSING;
                ndis.post(() -> {
                    // Re-checked when it runs: the leaf's client may have closed its side meanwhile.
                    if (!leg.leafClientClosing) {
                        ndis.dispatchIncomingCloseCall(Status.SUCCESS, leg.leafVc, closeData);
                    }
                });
            }
            return Status.PENDING;
        }

        @Override
        public Status onCloseCall(VcHandle vc, PartyHandle party, byte[] closeData) {
            if (closeData.length > MAX_CLOSE_DATA_BYTES) {
                return Status.INVALID_DATA.withDescription("R26: close data over " + MAX_CLOSE_DATA_BYTES + " bytes");
            }
            if (modifyPending.remove(vc)) {
                // R14: a QoS change still pending on a closing call is completed (aborted) before the close.
                ndis.modifyCallQosComplete(Status.REQUEST_ABORTED, vc, null);
            }
            Call call = callsByRootVc.get(vc);
            if (call != null) {
                call.rootCloseRequested = true;
                ndis.post(() -> {
                    for (Leg l : new ArrayList<>(call.legs)) {
                        if (l.state == LegState.CONNECTED && !l.leafClientClosing) {
                            l.state = LegState.LEAF_CLOSING;
                            ndis.dispatchIncomingCloseCall(Status.SUCCESS, l.leafVc, closeData);
                        } else if (l.state == LegState.OFFERED) {
                            // A party still being added: its add-party completes (aborted) before the close.
                            l.state = LegState.RELEASED;
                            if (l.leafVc != null) {
                                ndis.dispatchIncomingCloseCall(Status.SUCCESS, l.leafVc, closeData);
                            }
                            failRootRequest(l, Status.REQUEST_ABORTED);
                        }
                    }
                    finishRootCloseIfDone(call);
                });
                return Status.PENDING;
            }
            Leg leg = legsByLeafVc.get(vc);
            if (leg == null) {
                // Nothing of the switch's is on this VC any more (e.g. the peer already released it).
                ndis.post(() -> deactivateThen(vc, () -> ndis.closeCallComplete(Status.SUCCESS, vc, null)));
                return Status.PENDING;
            }
            boolean leafInitiated = leg.state == LegState.CONNECTED;
            // Glare: mark the leg closing now, so a root close crossing this one does not also close it.
            leg.state = LegState.LEAF_CLOSING;
            leg.leafClientClosing = true;
            ndis.post(() -> deactivateThen(vc, () -> {
                ndis.closeCallComplete(Status.SUCCESS, vc, null);
                // R20: the VC was created by the switch; it deletes it once the client's close completed.
                Status del = ndis.deleteVc(vc);
                if (del.isSuccess()) {
                    legsByLeafVc.remove(vc);
                }
                leafGone(leg, Status.SUCCESS, leafInitiated ? closeData : null);
            }));
            return Status.PENDING;
        }

        @Override
        public void onIncomingCallComplete(Status status, VcHandle vc, CallParameters params) {
            Leg leg = legsByLeafVc.get(vc);
            if (leg != null) {
                onLeafAnswer(leg, status);
            }
        }

        @Override
        public Status onModifyCallQos(VcHandle vc, CallParameters params) {
            Call call = callsByRootVc.get(vc);
            Leg leafLeg = legsByLeafVc.get(vc);
            if (call == null && leafLeg != null) {
                call = leafLeg.call;
            }
            if (call == null || !call.rootConnected) {
                return Status.NOT_SUPPORTED.withDescription("no connected call on " + vc);
            }
            if ((leafLeg == null && !rootOpen(call)) || (leafLeg != null && leafLeg.state != LegState.CONNECTED)) {
                return Status.CLOSING.withDescription("the call on " + vc + " is being released");
            }
            Call c = call;
            boolean fromRoot = leafLeg == null;
            CallParameters rootParams = fromRoot ? params : calleeView(params);
            modifyPending.add(vc);
            ndis.post(() -> {
                if (!modifyPending.remove(vc)) {
                    return;
                }
                Status st = applyQos(c, rootParams);
                if (st.isSuccess()) {
                    // E8 on the far side(s): they see the change as a remote QoS change.
                    if (fromRoot) {
                        for (Leg l : c.legs) {
                            if (l.state == LegState.CONNECTED) {
                                ndis.dispatchIncomingCallQosChange(l.leafVc, calleeView(rootParams));
                            }
                        }
                    } else if (rootOpen(c)) {
                        ndis.dispatchIncomingCallQosChange(c.rootVc, rootParams);
                    }
                    ndis.modifyCallQosComplete(Status.SUCCESS, vc, params);
                } else {
                    ndis.modifyCallQosComplete(st, vc, null);
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
            McmHost h = hostOfAf(af);
            switch (request.oid()) {
                case Oids.OID_CO_ADD_PVC:
                case Oids.OID_CO_DELETE_PVC:
                    return h.pvcs().apply(request);
                case Oids.OID_CO_GET_ADDRESSES:
                    return h.answerAddresses(request);
                case Oids.OID_CO_ADD_ADDRESS:
                    h.addresses().add(new String(request.buffer(), StandardCharsets.UTF_8));
                    request.bytesRead(request.buffer().length);
                    return Status.SUCCESS;
                case Oids.OID_CO_DELETE_ADDRESS:
                    String a = new String(request.buffer(), StandardCharsets.UTF_8);
                    if (a.equals(h.name()) || !h.addresses().remove(a)) {
                        return Status.INVALID_DATA.withDescription(a + " is not an alias of " + h.name());
                    }
                    return Status.SUCCESS;
                default:
                    return Status.INVALID_OID.withDescription(Oids.name(request.oid()) + " is not supported");
            }
        }
    }

    private McmHost hostOfAf(AfHandle af) {
        return hosts.hostOfAf(af);
    }

    private McmHost hostOfVcAf(VcHandle vc) {
        return hosts.hostOfAf(afOfVc.get(vc));
    }

    /** Encodes a CO_PVC for OID_CO_ADD_PVC / OID_CO_DELETE_PVC naming PVC {@code name} ({@link PvcTable}). */
    public static byte[] coPvc(AfHandle af, String name) {
        return PvcTable.encode(af, name);
    }
}

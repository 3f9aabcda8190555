package io.jcondis.tck;

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
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.client.ClientServices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A well-behaved reference client: it binds to one adapter, opens the first AF offered there, answers
 * incoming calls by a policy, and follows the contract's orders on its own: an incoming close-call is answered
 * with closeCall (after dropping all parties but one, R22), an incoming drop-party with dropParty (E5), a
 * notify-close with the full teardown of R6 (drop parties, close calls, delete VCs, deregister SAPs, close the
 * AF, then complete the notify). Every callback is logged as one line to the listener.
 *
 * <p>Used by the demo, the scenario scripts and the model-based tests. Runs on the conductor like every
 * driver; its actions may be called from the test or script thread, which the runtime serializes.
 */
public final class ClientAgent implements ClientHandlers {
    /** What the agent knows of one of its VCs. */
    public static final class VcInfo {
        final VcHandle vc;
        final boolean createdByMe;
        /** Connected, remote-closing, closing, idle... as the agent sees it. */
        String state = "IDLE";
        boolean multipoint;
        final Set<PartyHandle> parties = new LinkedHashSet<>();
        long packetsReceived;
        long bytesReceived;
        long sendsCompleted;
        long sendsFailed;
        /** Sends pended by the runtime and not completed yet: a close-call waits for them (R21). */
        int sendsInFlight;
        Status lastCloseStatus;

        VcInfo(VcHandle vc, boolean createdByMe) {
            this.vc = vc;
            this.createdByMe = createdByMe;
        }

        /** @return the agent's view of the call state */
        public String state() {
            return state;
        }

        /** @return true for a point-to-multipoint VC this agent made */
        public boolean multipoint() {
            return multipoint;
        }

        /** @return parties the agent believes connected */
        public Set<PartyHandle> parties() {
            return parties;
        }

        /** @return packets received */
        public long packetsReceived() {
            return packetsReceived;
        }

        /** @return bytes received */
        public long bytesReceived() {
            return bytesReceived;
        }

        /** @return sends completed with SUCCESS */
        public long sendsCompleted() {
            return sendsCompleted;
        }

        /** @return sends completed with a failure */
        public long sendsFailed() {
            return sendsFailed;
        }
    }

    private final String name;
    private final String adapterName;
    private ClientServices ndis;
    private Consumer<String> log = line -> { };
    private java.util.function.BiConsumer<VcHandle, Packet> dataSink = (vc, p) -> { };
    private BiFunction<SapHandle, CallParameters, Status> incomingPolicy = (sap, p) -> Status.SUCCESS;
    private BindingHandle binding;
    private AfHandle af;
    private boolean afOpen;
    private final Map<String, SapHandle> saps = new LinkedHashMap<>();
    private final Map<VcHandle, VcInfo> vcs = new LinkedHashMap<>();
    private final List<VcHandle> pendingIncoming = new ArrayList<>();
    private final Set<PartyHandle> droppingParties = new LinkedHashSet<>();
    private boolean teardown;
    private boolean notifyPending;
    private boolean afClosing;

    /**
     * @param name        the driver name
     * @param adapterName the only adapter whose AF it opens
     */
    public ClientAgent(String name, String adapterName) {
        this.name = name;
        this.adapterName = adapterName;
    }

    /** Registers with {@code runtime} (binding to existing adapters at once). */
    public ClientAgent attach(Ndis runtime) {
        this.ndis = runtime.registerClient(name, this);
        return this;
    }

    /** Sends one line per event to {@code sink}. */
    public ClientAgent log(Consumer<String> sink) {
        this.log = sink;
        return this;
    }

    /** Sees every received packet (while the receive handler runs). */
    public ClientAgent onData(java.util.function.BiConsumer<VcHandle, Packet> sink) {
        this.dataSink = sink;
        return this;
    }

    /** How to answer incoming calls: SUCCESS accepts, PENDING holds (answer with {@link #answer}). */
    public ClientAgent incomingPolicy(BiFunction<SapHandle, CallParameters, Status> policy) {
        this.incomingPolicy = policy;
        return this;
    }

    private void say(String what) {
        log.accept(name + ": " + what);
    }

    /** @return the driver name */
    public String name() {
        return name;
    }

    /** @return the client services (for tests that go beyond the agent's actions) */
    public ClientServices services() {
        return ndis;
    }

    /** @return the open AF, or null */
    public AfHandle af() {
        return afOpen ? af : null;
    }

    /** @return the binding to the agent's adapter, or null */
    public BindingHandle binding() {
        return binding;
    }

    /** @return the agent's VCs */
    public Map<VcHandle, VcInfo> vcs() {
        return vcs;
    }

    /** @return the VC info for {@code vc}, or null */
    public VcInfo vc(VcHandle vc) {
        return vcs.get(vc);
    }

    /** @return incoming calls held pending */
    public List<VcHandle> pendingIncoming() {
        return pendingIncoming;
    }

    /** @return SAP handles by SAP text */
    public Map<String, SapHandle> saps() {
        return saps;
    }

    // -------------------------------------------------------------------------------------------- actions

    /** B1: registers a text SAP {@code address:selector}. */
    public Status registerSap(String text) {
        Result<SapHandle> r = ndis.registerSap(af, Sap.text(text));
        if (r.value() != null) {
            saps.put(text, r.value());
        }
        return r.status();
    }

    /** B2. */
    public Status deregisterSap(String text) {
        SapHandle h = saps.get(text);
        Status st = ndis.deregisterSap(h);
        if (!st.isPending() && !st.is(Status.Code.FAILURE)) {
            saps.remove(text);
        }
        return st;
    }

    /**
     * D1 + E1/E2: creates a VC and calls {@code called}.
     *
     * @return the call's result with the VC as value (null when the VC could not be created)
     */
    public Result<VcHandle> call(String called, FlowSpec tx, FlowSpec rx, boolean multipoint) {
        Result<VcHandle> vc = ndis.createVc(af);
        if (!vc.status().isSuccess()) {
            return vc;
        }
        VcInfo info = new VcInfo(vc.value(), true);
        vcs.put(vc.value(), info);
        CallParameters p = CallParameters.to(called, tx, rx);
        if (multipoint) {
            p = p.withFlags(CallParameters.MULTIPOINT_VC);
        }
        info.state = "MAKING";
        info.multipoint = multipoint;
        Result<PartyHandle> r = ndis.makeCall(vc.value(), p, multipoint);
        if (r.status().isSuccess()) {
            info.state = "CONNECTED";
            if (r.value() != null) {
                info.parties.add(r.value());
            }
        } else if (!r.status().isPending()) {
            info.state = "IDLE";
        }
        return new Result<>(r.status(), vc.value());
    }

    /** E3. */
    public Result<PartyHandle> addParty(VcHandle vc, String called) {
        VcInfo info = vcs.get(vc);
        CallParameters base = CallParameters.to(called, FlowSpec.BEST_EFFORT, FlowSpec.BEST_EFFORT);
        Result<PartyHandle> r = ndis.addParty(vc, base);
        if (r.status().isSuccess() && info != null) {
            info.parties.add(r.value());
        }
        return r;
    }

    /** E4. */
    public Status dropParty(PartyHandle party) {
        droppingParties.add(party);
        Status st = ndis.dropParty(party, null);
        if (!st.isPending()) {
            // Completed at once (the party had already left, E5): said as a completion would be.
            say("party " + party + " dropped: " + st);
            droppingParties.remove(party);
            if (st.isSuccess()) {
                forgetParty(party);
                closeRemotelyClosedCalls();
            }
        }
        return st;
    }

    /** E10 on a multipoint root: once the extra parties are gone, close the call with the last one. */
    private void closeRemotelyClosedCalls() {
        for (VcInfo info : new ArrayList<>(vcs.values())) {
            if (info.state.equals("REMOTE_CLOSING") && info.parties.size() <= 1) {
                closeCall(info.vc);
            }
        }
    }

    /** E9: closes the call on {@code vc} (multipoint: all parties but one must be gone). */
    public Status closeCall(VcHandle vc) {
        VcInfo info = vcs.get(vc);
        // R22: the last party is one this client is not dropping (a dropped handle is invalid at once, E4).
        PartyHandle last = info == null ? null
                : info.parties.stream().filter(p -> !droppingParties.contains(p)).findFirst().orElse(null);
        String before = info == null ? null : info.state;
        if (info != null) {
            // Set the view first: the completion may arrive before closeCall returns PENDING (R34).
            info.state = "CLOSING";
        }
        Status st = ndis.closeCall(vc, last, null);
        if (info != null) {
            if (st.isSuccess()) {
                closed(info, st);
            } else if (!st.isPending()) {
                info.state = before;
                if (info.sendsInFlight > 0) {
                    say("close of " + vc + " refused (" + st + "): " + info.sendsInFlight
                            + " send(s) in flight (R21)");
                }
            }
        }
        return st;
    }

    /** D7. */
    public Status deleteVc(VcHandle vc) {
        Status st = ndis.deleteVc(vc);
        if (st.isSuccess()) {
            vcs.remove(vc);
        }
        return st;
    }

    /** E7. */
    public Status modifyQos(VcHandle vc, FlowSpec tx, FlowSpec rx) {
        return ndis.modifyCallQos(vc, CallParameters.to("", tx, rx));
    }

    /**
     * F1: sends {@code bytes} as one packet. While sends are in flight the call cannot be closed (R21): a close the
     * agent makes by itself (E10, the R6 teardown) that the runtime refuses for that reason is made again once the
     * last of them completes.
     */
    public Status send(VcHandle vc, byte[] bytes) {
        VcInfo info = vcs.get(vc);
        if (info != null) {
            // Counted first: the completion may come before send returns.
            info.sendsInFlight++;
        }
        Status st = ndis.send(vc, Packet.wrap(bytes));
        if (!st.isPending() && info != null) {
            info.sendsInFlight--;
        }
        return st;
    }

    /** E6: answers a held incoming call. */
    public void answer(VcHandle vc, Status status) {
        pendingIncoming.remove(vc);
        VcInfo info = vcs.get(vc);
        // Set the view first: the call may connect (onCallConnected) before incomingCallComplete returns.
        if (info != null) {
            info.state = status.isSuccess() ? "ACCEPTED" : "REJECTED";
        }
        ndis.incomingCallComplete(status, vc, null);
    }

    /** Closes the AF after the R6 teardown, as on a notify-close (also used by tests at the end). */
    public void shutdown() {
        teardown = true;
        advanceTeardown();
    }

    /** @return true when the agent holds no AF, SAP or VC */
    public boolean isIdle() {
        return !afOpen && saps.isEmpty() && vcs.isEmpty();
    }

    // ------------------------------------------------------------------------------------ teardown (R6)

    private void advanceTeardown() {
        if (!teardown || !afOpen || afClosing) {
            return;
        }
        boolean waiting = false;
        for (VcInfo info : new ArrayList<>(vcs.values())) {
            // (1) drop parties until one remains per multipoint VC
            if (info.multipoint && info.parties.size() > 1) {
                for (PartyHandle p : new ArrayList<>(info.parties)) {
                    if (info.parties.size() - droppingParties.size() <= 1) {
                        break;
                    }
                    if (!droppingParties.contains(p)) {
                        dropParty(p);
                    }
                }
                waiting = true;
                continue;
            }
            // (2) close every call
            switch (info.state) {
                case "CONNECTED":
                case "REMOTE_CLOSING":
                case "ACCEPTED":
                    closeCall(info.vc);
                    waiting = true;
                    break;
                case "IDLE":
                case "REJECTED":
                    if (info.createdByMe) {
                        deleteVc(info.vc);
                    }
                    break;
                default:
                    waiting = true;
            }
        }
        if (waiting || !vcs.isEmpty()) {
            return;
        }
        // (3) deregister every SAP
        for (String text : new ArrayList<>(saps.keySet())) {
            deregisterSap(text);
        }
        if (!saps.isEmpty()) {
            return;
        }
        // (4) close the AF
        afClosing = true;
        Status st = ndis.closeAddressFamily(af);
        if (!st.isPending()) {
            afClosed(st);
        }
    }

    private void afClosed(Status st) {
        afClosing = false;
        if (st.isSuccess()) {
            afOpen = false;
            teardown = false;
            if (notifyPending) {
                notifyPending = false;
                ndis.notifyCloseAddressFamilyComplete(af, Status.SUCCESS);
            }
        }
    }

    private void closed(VcInfo info, Status st) {
        info.parties.clear();
        info.state = "IDLE";
        if (info.createdByMe) {
            // R20: after a failed-status incoming close the client must delete; after SUCCESS it may. It does.
            if (teardown || info.lastCloseStatus != null) {
                deleteVc(info.vc);
            }
        } else {
            vcs.remove(info.vc);
        }
        info.lastCloseStatus = null;
    }

    private void forgetParty(PartyHandle party) {
        for (VcInfo info : vcs.values()) {
            info.parties.remove(party);
        }
    }

    // ------------------------------------------------------------------------------------------- handlers

    @Override
    public Status onBindAdapter(BindingHandle b, String adapter) {
        if (!adapter.equals(adapterName)) {
            return Status.NOT_SUPPORTED;
        }
        binding = b;
        say("bound to " + adapter);
        return Status.SUCCESS;
    }

    @Override
    public void onUnbindAdapter(BindingHandle b) {
        say("unbound from " + adapterName);
        binding = null;
    }

    @Override
    public void onAfRegisterNotify(BindingHandle b, AddressFamily family) {
        say("address family " + family + " registered; opening it");
        Result<AfHandle> r = ndis.openAddressFamily(b, family);
        af = r.value();
        if (r.status().isSuccess()) {
            afOpen = true;
            say("AF open " + af);
        }
    }

    @Override
    public void onOpenAfComplete(Status status, AfHandle h) {
        afOpen = status.isSuccess();
        say("AF open completed " + status);
    }

    @Override
    public void onCloseAfComplete(Status status, AfHandle h) {
        say("AF close completed " + status);
        afClosed(status);
    }

    @Override
    public Status onNotifyCloseAf(AfHandle h) {
        say("call manager asks to close " + h + " (R6 teardown)");
        notifyPending = true;
        teardown = true;
        advanceTeardown();
        if (!afOpen && !notifyPending) {
            return Status.SUCCESS;
        }
        // Completed later through notifyCloseAddressFamilyComplete, once the AF close has finished.
        return Status.PENDING;
    }

    @Override
    public void onRegisterSapComplete(Status status, SapHandle sap, Sap value) {
        say("SAP " + value.asText() + " registered: " + status);
        if (!status.isSuccess()) {
            saps.values().remove(sap);
        }
    }

    @Override
    public void onDeregisterSapComplete(Status status, SapHandle sap) {
        say("SAP deregistered: " + status);
        saps.values().remove(sap);
        advanceTeardown();
    }

    @Override
    public Status onCreateVc(AfHandle h, VcHandle vc) {
        vcs.put(vc, new VcInfo(vc, false));
        return Status.SUCCESS;
    }

    @Override
    public Status onDeleteVc(VcHandle vc) {
        vcs.remove(vc);
        advanceTeardown();
        return Status.SUCCESS;
    }

    @Override
    public void onMakeCallComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        VcInfo info = vcs.get(vc);
        boolean changed = params != null && params.has(CallParameters.CALL_PARAMETERS_CHANGED);
        say("call on " + vc + " " + (status.isSuccess() ? "connected" : "failed: " + status)
                + (changed ? " (parameters changed)" : ""));
        if (info == null) {
            return;
        }
        if (status.isSuccess()) {
            info.state = "CONNECTED";
            if (party != null) {
                info.parties.add(party);
            }
        } else {
            info.state = "IDLE";
            info.parties.clear();
        }
        advanceTeardown();
    }

    @Override
    public void onAddPartyComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        say("party " + party + " on " + vc + " " + (status.isSuccess() ? "joined" : "failed: " + status));
        VcInfo info = vcs.get(vc);
        if (info != null && status.isSuccess()) {
            info.parties.add(party);
        }
        advanceTeardown();
    }

    @Override
    public void onDropPartyComplete(Status status, PartyHandle party) {
        say("party " + party + " dropped: " + status);
        droppingParties.remove(party);
        if (status.isSuccess()) {
            forgetParty(party);
            closeRemotelyClosedCalls();
        }
        advanceTeardown();
    }

    @Override
    public void onIncomingDropParty(Status dropStatus, PartyHandle party, byte[] closeData) {
        say("party " + party + " left (" + dropStatus + "); dropping it (E5)");
        dropParty(party);
    }

    @Override
    public Status onIncomingCall(SapHandle sap, VcHandle vc, CallParameters params) {
        Status answer = incomingPolicy.apply(sap, params);
        say("incoming call on " + vc + " for " + params.calledAddress() + " tx=" + params.transmit().peakBandwidthBps()
                + "B/s: " + (answer.isPending() ? "held" : answer.isSuccess() ? "accepted" : "rejected " + answer));
        VcInfo info = vcs.get(vc);
        if (info != null) {
            info.state = answer.isSuccess() ? "ACCEPTED" : answer.isPending() ? "OFFERED" : "REJECTED";
        }
        if (answer.isPending()) {
            pendingIncoming.add(vc);
        }
        return answer;
    }

    @Override
    public void onCallConnected(VcHandle vc) {
        say("incoming call on " + vc + " connected");
        VcInfo info = vcs.get(vc);
        if (info != null) {
            info.state = "CONNECTED";
        }
        advanceTeardown();
    }

    @Override
    public void onIncomingCallQosChange(VcHandle vc, CallParameters params) {
        say("remote QoS change on " + vc + ": tx=" + params.transmit().peakBandwidthBps() + " rx="
                + params.receive().peakBandwidthBps() + " B/s (accepted)");
    }

    @Override
    public void onModifyCallQosComplete(Status status, VcHandle vc, CallParameters params) {
        say("QoS change on " + vc + ": " + status);
    }

    @Override
    public void onIncomingCloseCall(Status closeStatus, VcHandle vc, byte[] closeData) {
        say("incoming close on " + vc + " (" + closeStatus + "); closing (E10)");
        VcInfo info = vcs.get(vc);
        pendingIncoming.remove(vc);
        if (info == null) {
            return;
        }
        info.state = "REMOTE_CLOSING";
        info.lastCloseStatus = closeStatus;
        if (info.multipoint && info.parties.size() > 1) {
            teardownCall(info);
            return;
        }
        closeCall(vc);
    }

    private void teardownCall(VcInfo info) {
        for (PartyHandle p : new ArrayList<>(info.parties)) {
            if (info.parties.size() - droppingParties.size() <= 1) {
                break;
            }
            dropParty(p);
        }
    }

    @Override
    public void onCloseCallComplete(Status status, VcHandle vc, PartyHandle party) {
        say("call on " + vc + " closed: " + status);
        VcInfo info = vcs.get(vc);
        if (info != null && status.isSuccess()) {
            closed(info, status);
        }
        advanceTeardown();
    }

    @Override
    public boolean onReceive(VcHandle vc, Packet packet, boolean resources) {
        VcInfo info = vcs.get(vc);
        if (info != null) {
            info.packetsReceived++;
            info.bytesReceived += packet.length();
        }
        dataSink.accept(vc, packet);
        return false;
    }

    @Override
    public void onSendComplete(VcHandle vc, Packet packet) {
        VcInfo info = vcs.get(vc);
        if (info != null) {
            if (packet.status().isSuccess()) {
                info.sendsCompleted++;
            } else {
                info.sendsFailed++;
                say("send on " + vc + " failed: " + packet.status());
            }
            if (info.sendsInFlight > 0 && --info.sendsInFlight == 0) {
                // R21 may have refused a close the agent made by itself: make it again now.
                closeRemotelyClosedCalls();
                advanceTeardown();
            }
        }
    }

    @Override
    public Status onOidRequest(AfHandle h, VcHandle vc, PartyHandle party, OidRequest request) {
        if (request.oid() == Oids.OID_CO_ADDRESS_CHANGE) {
            return Status.SUCCESS;
        }
        return Status.INVALID_OID;
    }

    @Override
    public void onOidRequestComplete(AfHandle h, VcHandle vc, PartyHandle party, OidRequest request, Status status) {
        say(request + " completed: " + status);
    }

    @Override
    public void onStatus(BindingHandle b, VcHandle vc, StatusIndication indication) {
        say("status " + indication + (vc == null ? " (adapter)" : " on " + vc));
    }
}

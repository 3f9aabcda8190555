package io.jcondis.tck;

import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.client.ClientServices;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A client that records every callback into an {@link EventRecorder} (actor {@code client <name>}), answers
 * each handler that returns something with a scripted answer, and remembers the handles it saw. It never acts
 * on its own: a test drives it through its {@link ClientServices}, or queues an action with
 * {@link #inside(String, Runnable)} to run inside a given callback (to model re-entrant drivers, R16, R34).
 *
 * <p>Default answers: SUCCESS for bind, create-VC, delete-VC, incoming call, notify-close and OID requests;
 * received packets are not kept. Change them with {@link #answer} (standing) or {@link #answerOnce}.
 *
 * <p>Runs on the conductor like every driver; not thread-safe.
 */
public final class RecordingClient implements ClientHandlers {
    /** A packet this client kept from a receive. */
    public record Kept(VcHandle vc, Packet packet) {
    }

    private final String name;
    private final String actor;
    private final EventRecorder recorder;
    private final HandlerScript script = new HandlerScript(ClientHandlers.class);
    private ClientServices services;
    private boolean keepReceives;

    private final Map<String, BindingHandle> bindings = new LinkedHashMap<>();
    private final List<AddressFamily> notifiedAfs = new ArrayList<>();
    private final List<VcHandle> createdForMe = new ArrayList<>();
    private final List<Kept> kept = new ArrayList<>();
    private final List<Packet> sendsCompleted = new ArrayList<>();
    private AfHandle lastAf;
    private SapHandle lastSap;
    private VcHandle lastVc;
    private PartyHandle lastParty;
    private CallParameters lastParams;
    private OidRequest lastOidRequest;
    private StatusIndication lastIndication;

    /**
     * @param name     the driver name (also used in the actor label {@code client <name>})
     * @param recorder where callbacks are recorded
     */
    public RecordingClient(String name, EventRecorder recorder) {
        this.name = name;
        this.actor = "client " + name;
        this.recorder = recorder;
    }

    /** Gives the client its services (after registration) so that queued actions can use them. */
    public RecordingClient attach(ClientServices s) {
        this.services = s;
        return this;
    }

    /** @return the services given with {@link #attach} */
    public ClientServices services() {
        return services;
    }

    /** @return the driver name */
    public String name() {
        return name;
    }

    /** @return the actor label used in recorded events */
    public String actor() {
        return actor;
    }

    /** Sets the standing answer of a status-returning handler (e.g. {@code onIncomingCall}). */
    public RecordingClient answer(String handler, Status status) {
        script.answer(handler, status);
        return this;
    }

    /** Queues a one-shot answer of a handler; it wins over the standing answer once. */
    public RecordingClient answerOnce(String handler, Status status) {
        script.answerOnce(handler, status);
        return this;
    }

    /** Queues an action run once inside {@code handler}, after recording it and before it returns. */
    public RecordingClient inside(String handler, Runnable action) {
        script.inside(handler, action);
        return this;
    }

    /** Makes the next call of {@code handler} throw {@code error} (to test that the runtime survives it). */
    public RecordingClient throwInside(String handler, RuntimeException error) {
        script.inside(handler, () -> {
            throw error;
        });
        return this;
    }

    /** Whether {@link #onReceive} keeps packets (they must then be returned, F2). */
    public RecordingClient keepReceives(boolean keep) {
        this.keepReceives = keep;
        return this;
    }

    /** @return true when every one-shot answer and action was used */
    public boolean scriptDrained() {
        return script.drained();
    }

    // ----------------------------------------------------------------------------------- what it saw

    /** @return the binding to {@code adapterName}, or null */
    public BindingHandle binding(String adapterName) {
        return bindings.get(adapterName);
    }

    /** @return the most recent binding */
    public BindingHandle binding() {
        BindingHandle last = null;
        for (BindingHandle b : bindings.values()) {
            last = b;
        }
        return last;
    }

    /** @return the AFs announced by onAfRegisterNotify, in order */
    public List<AddressFamily> notifiedAfs() {
        return List.copyOf(notifiedAfs);
    }

    /** @return VCs a call manager created for this client (onCreateVc), in order */
    public List<VcHandle> createdForMe() {
        return List.copyOf(createdForMe);
    }

    /** @return packets kept from receives and not yet given back */
    public List<Kept> kept() {
        return List.copyOf(kept);
    }

    /** @return packets whose send completed, in completion order */
    public List<Packet> sendsCompleted() {
        return List.copyOf(sendsCompleted);
    }

    /** @return the AF of the last open completion, notify-close or CM-created VC */
    public AfHandle lastAf() {
        return lastAf;
    }

    /** @return the SAP of the last registration completion or incoming call */
    public SapHandle lastSap() {
        return lastSap;
    }

    /** @return the VC of the last VC-related callback */
    public VcHandle lastVc() {
        return lastVc;
    }

    /** @return the party of the last successful make-call / add-party completion */
    public PartyHandle lastParty() {
        return lastParty;
    }

    /** @return the call parameters of the last callback that carried some */
    public CallParameters lastParams() {
        return lastParams;
    }

    /** @return the last OID request the call manager sent */
    public OidRequest lastOidRequest() {
        return lastOidRequest;
    }

    /** @return the last status indication */
    public StatusIndication lastIndication() {
        return lastIndication;
    }

    /** Gives every kept packet back through the services. */
    public void returnAllKept() {
        for (Kept k : List.copyOf(kept)) {
            kept.remove(k);
            services.returnPacket(k.vc(), k.packet());
        }
    }

    private void rec(String cb, Object... args) {
        recorder.record(actor, cb, args);
    }

    // ----------------------------------------------------------------------------------- handlers

    @Override
    public Status onBindAdapter(BindingHandle binding, String adapterName) {
        rec("onBindAdapter", binding, adapterName);
        Status s = script.actAndAnswer("onBindAdapter", Status.SUCCESS);
        if (HandlerScript.ok(s)) {
            bindings.put(adapterName, binding);
        }
        return s;
    }

    @Override
    public void onUnbindAdapter(BindingHandle binding) {
        rec("onUnbindAdapter", binding);
        bindings.values().remove(binding);
        script.act("onUnbindAdapter");
    }

    @Override
    public void onAfRegisterNotify(BindingHandle binding, AddressFamily af) {
        rec("onAfRegisterNotify", binding, af);
        notifiedAfs.add(af);
        script.act("onAfRegisterNotify");
    }

    @Override
    public void onOpenAfComplete(Status status, AfHandle af) {
        rec("onOpenAfComplete", status, af);
        if (status.isSuccess()) {
            lastAf = af;
        }
        script.act("onOpenAfComplete");
    }

    @Override
    public void onCloseAfComplete(Status status, AfHandle af) {
        rec("onCloseAfComplete", status, af);
        script.act("onCloseAfComplete");
    }

    @Override
    public Status onNotifyCloseAf(AfHandle af) {
        rec("onNotifyCloseAf", af);
        lastAf = af;
        return script.actAndAnswer("onNotifyCloseAf", Status.SUCCESS);
    }

    @Override
    public void onRegisterSapComplete(Status status, SapHandle sap, Sap value) {
        rec("onRegisterSapComplete", status, sap, value);
        if (status.isSuccess()) {
            lastSap = sap;
        }
        script.act("onRegisterSapComplete");
    }

    @Override
    public void onDeregisterSapComplete(Status status, SapHandle sap) {
        rec("onDeregisterSapComplete", status, sap);
        script.act("onDeregisterSapComplete");
    }

    @Override
    public Status onCreateVc(AfHandle af, VcHandle vc) {
        rec("onCreateVc", af, vc);
        Status s = script.actAndAnswer("onCreateVc", Status.SUCCESS);
        if (HandlerScript.ok(s)) {
            createdForMe.add(vc);
            lastVc = vc;
            lastAf = af;
        }
        return s;
    }

    @Override
    public Status onDeleteVc(VcHandle vc) {
        rec("onDeleteVc", vc);
        Status s = script.actAndAnswer("onDeleteVc", Status.SUCCESS);
        if (HandlerScript.ok(s)) {
            createdForMe.remove(vc);
        }
        return s;
    }

    @Override
    public void onMakeCallComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        rec("onMakeCallComplete", status, vc, party, params);
        lastVc = vc;
        lastParams = params;
        if (status.isSuccess() && party != null) {
            lastParty = party;
        }
        script.act("onMakeCallComplete");
    }

    @Override
    public void onAddPartyComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        rec("onAddPartyComplete", status, vc, party, params);
        lastParams = params;
        if (status.isSuccess()) {
            lastParty = party;
        }
        script.act("onAddPartyComplete");
    }

    @Override
    public void onDropPartyComplete(Status status, PartyHandle party) {
        rec("onDropPartyComplete", status, party);
        script.act("onDropPartyComplete");
    }

    @Override
    public void onIncomingDropParty(Status dropStatus, PartyHandle party, byte[] closeData) {
        rec("onIncomingDropParty", dropStatus, party, closeData);
        script.act("onIncomingDropParty");
    }

    @Override
    public Status onIncomingCall(SapHandle sap, VcHandle vc, CallParameters params) {
        rec("onIncomingCall", sap, vc, params);
        lastSap = sap;
        lastVc = vc;
        lastParams = params;
        return script.actAndAnswer("onIncomingCall", Status.SUCCESS);
    }

    @Override
    public void onCallConnected(VcHandle vc) {
        rec("onCallConnected", vc);
        script.act("onCallConnected");
    }

    @Override
    public void onIncomingCallQosChange(VcHandle vc, CallParameters params) {
        rec("onIncomingCallQosChange", vc, params);
        lastParams = params;
        script.act("onIncomingCallQosChange");
    }

    @Override
    public void onModifyCallQosComplete(Status status, VcHandle vc, CallParameters params) {
        rec("onModifyCallQosComplete", status, vc, params);
        lastParams = params;
        script.act("onModifyCallQosComplete");
    }

    @Override
    public void onIncomingCloseCall(Status closeStatus, VcHandle vc, byte[] closeData) {
        rec("onIncomingCloseCall", closeStatus, vc, closeData);
        script.act("onIncomingCloseCall");
    }

    @Override
    public void onCloseCallComplete(Status status, VcHandle vc, PartyHandle party) {
        rec("onCloseCallComplete", status, vc, party);
        script.act("onCloseCallComplete");
    }

    @Override
    public boolean onReceive(VcHandle vc, Packet packet, boolean resources) {
        rec("onReceive", vc, packet, resources);
        script.act("onReceive");
        if (keepReceives) {
            kept.add(new Kept(vc, packet));
        }
        return keepReceives;
    }

    @Override
    public void onSendComplete(VcHandle vc, Packet packet) {
        rec("onSendComplete", vc, packet);
        sendsCompleted.add(packet);
        script.act("onSendComplete");
    }

    @Override
    public Status onOidRequest(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request) {
        rec("onOidRequest", af, vc, party, request);
        lastOidRequest = request;
        return script.actAndAnswer("onOidRequest", Status.SUCCESS);
    }

    @Override
    public void onOidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request,
                                     Status status) {
        rec("onOidRequestComplete", af, vc, party, request, status);
        script.act("onOidRequestComplete");
    }

    @Override
    public void onStatus(BindingHandle binding, VcHandle vc, StatusIndication indication) {
        rec("onStatus", binding, vc, indication);
        lastIndication = indication;
        script.act("onStatus");
    }
}

package io.jcondis.tck.script;

import io.jcondis.api.AdapterHandle;
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
import io.jcondis.api.callmanager.CallManagerHandlers;
import io.jcondis.api.callmanager.CallManagerServices;
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.client.ClientServices;
import io.jcondis.api.miniport.MiniportHandlers;
import io.jcondis.api.miniport.MiniportServices;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A driver whose every move is a script step: it never acts on its own. Each handler call is recorded as a
 * {@link Callback} and answered with what the script set ({@code NAME answer HANDLER VALUE}) or the default.
 * One class serves every role; an instance is registered in exactly one ({@link Role}).
 *
 * <p>Defaults: requests that only admit (bind, open/close AF, register/deregister SAP, create/delete VC,
 * incoming call, notify-close, OID, initialize, activate/deactivate) answer SUCCESS; a call manager's call
 * requests (make-call, close-call, add-party, drop-party, modify-QoS) answer PENDING, as a signaling call
 * manager does; receives are not kept. A client declared {@code on ADAPTER} declines every other adapter
 * without recording the offer.
 *
 * <p>Runs on the conductor (the script thread in INVOKER mode); not thread-safe.
 */
final class ScriptedDriver implements ClientHandlers, CallManagerHandlers, MiniportHandlers {
    /** The role a scripted driver is registered in. */
    enum Role { CLIENT, MCM, CM, MINIPORT }

    final String name;
    final Role role;
    /** Clients only: the one adapter it binds to, or null for all. */
    final String onlyAdapter;
    private final Consumer<Callback> sink;
    private final Map<String, Object> sticky = new HashMap<>();
    private final Map<String, Deque<Object>> once = new HashMap<>();
    /** Bindings this driver accepted (set by the runtime's onBindAdapter, cleared by onUnbindAdapter). */
    final List<BindingHandle> bindings = new ArrayList<>();
    ClientServices client;
    CallManagerServices cm;
    McmServices mcm;
    MiniportServices miniport;

    ScriptedDriver(String name, Role role, String onlyAdapter, Consumer<Callback> sink) {
        this.name = name;
        this.role = role;
        this.onlyAdapter = onlyAdapter;
        this.sink = sink;
    }

    /** Sets the answer of {@code handler}: a Status or a Boolean (onReceive keep); {@code times} 0 = from now on. */
    void answer(String handler, Object value, boolean justOnce) {
        if (justOnce) {
            once.computeIfAbsent(handler, k -> new ArrayDeque<>()).add(value);
        } else {
            sticky.put(handler, value);
            once.remove(handler);
        }
    }

    private Object answerOf(String handler, Object dflt) {
        Deque<Object> q = once.get(handler);
        if (q != null && !q.isEmpty()) {
            return q.poll();
        }
        return sticky.getOrDefault(handler, dflt);
    }

    private Status answer(String handler, Status dflt) {
        Object o = answerOf(handler, dflt);
        return o instanceof Status ? (Status) o : dflt;
    }

    private void rec(String handler, Object... kv) {
        sink.accept(Callback.of(name, handler, kv));
    }

    // ------------------------------------------------------------------------------------------ shared

    @Override
    public Status onBindAdapter(BindingHandle binding, String adapterName) {
        if (onlyAdapter != null && !onlyAdapter.equals(adapterName)) {
            return Status.FAILURE.withDescription(name + " binds only to " + onlyAdapter);
        }
        rec("onBindAdapter", "binding", binding, "adapter", adapterName);
        Status st = answer("onBindAdapter", Status.SUCCESS);
        if (st.isSuccess()) {
            bindings.add(binding);
        }
        return st;
    }

    @Override
    public void onUnbindAdapter(BindingHandle binding) {
        bindings.remove(binding);
        rec("onUnbindAdapter", "binding", binding);
    }

    @Override
    public Status onCreateVc(AfHandle af, VcHandle vc) {
        rec("onCreateVc", "af", af, "vc", vc);
        return answer("onCreateVc", Status.SUCCESS);
    }

    @Override
    public Status onDeleteVc(VcHandle vc) {
        rec("onDeleteVc", "vc", vc);
        return answer("onDeleteVc", Status.SUCCESS);
    }

    @Override
    public Status onOidRequest(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request) {
        rec("onOidRequest", "af", af, "vc", vc, "party", party, "req", request);
        return answer("onOidRequest", Status.SUCCESS);
    }

    @Override
    public void onOidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request,
                                     Status status) {
        rec("onOidRequestComplete", "status*", status, "af", af, "vc", vc, "party", party, "req", request);
    }

    @Override
    public boolean onReceive(VcHandle vc, Packet packet, boolean resources) {
        rec("onReceive", "vc", vc, "packet", packet, "resources", resources);
        Object keep = answerOf("onReceive", Boolean.FALSE);
        return keep instanceof Boolean && (Boolean) keep;
    }

    @Override
    public void onSendComplete(VcHandle vc, Packet packet) {
        rec("onSendComplete", "status*", packet.status(), "vc", vc, "packet", packet);
    }

    @Override
    public void onStatus(BindingHandle binding, VcHandle vc, StatusIndication indication) {
        rec("onStatus", "code*", indication.statusCode(), "binding", binding, "vc", vc);
    }

    // ------------------------------------------------------------------------------------------ client

    @Override
    public void onAfRegisterNotify(BindingHandle binding, AddressFamily af) {
        rec("onAfRegisterNotify", "binding", binding, "family", af);
    }

    @Override
    public void onOpenAfComplete(Status status, AfHandle af) {
        rec("onOpenAfComplete", "status*", status, "af", af);
    }

    @Override
    public void onCloseAfComplete(Status status, AfHandle af) {
        rec("onCloseAfComplete", "status*", status, "af", af);
    }

    @Override
    public Status onNotifyCloseAf(AfHandle af) {
        rec("onNotifyCloseAf", "af", af);
        return answer("onNotifyCloseAf", Status.SUCCESS);
    }

    @Override
    public void onRegisterSapComplete(Status status, SapHandle sap, Sap value) {
        rec("onRegisterSapComplete", "status*", status, "sap", sap, "text", value);
    }

    @Override
    public void onDeregisterSapComplete(Status status, SapHandle sap) {
        rec("onDeregisterSapComplete", "status*", status, "sap", sap);
    }

    @Override
    public void onMakeCallComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        rec("onMakeCallComplete", "status*", status, "vc", vc, "party", party, "params", params);
    }

    @Override
    public void onAddPartyComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        rec("onAddPartyComplete", "status*", status, "vc", vc, "party", party, "params", params);
    }

    @Override
    public void onDropPartyComplete(Status status, PartyHandle party) {
        rec("onDropPartyComplete", "status*", status, "party", party);
    }

    @Override
    public void onIncomingDropParty(Status dropStatus, PartyHandle party, byte[] closeData) {
        rec("onIncomingDropParty", "status*", dropStatus, "party", party, "data", closeData);
    }

    @Override
    public Status onIncomingCall(SapHandle sap, VcHandle vc, CallParameters params) {
        rec("onIncomingCall", "sap", sap, "vc", vc, "params", params);
        return answer("onIncomingCall", Status.SUCCESS);
    }

    @Override
    public void onCallConnected(VcHandle vc) {
        rec("onCallConnected", "vc", vc);
    }

    @Override
    public void onIncomingCallQosChange(VcHandle vc, CallParameters params) {
        rec("onIncomingCallQosChange", "vc", vc, "params", params);
    }

    @Override
    public void onModifyCallQosComplete(Status status, VcHandle vc, CallParameters params) {
        rec("onModifyCallQosComplete", "status*", status, "vc", vc, "params", params);
    }

    @Override
    public void onIncomingCloseCall(Status closeStatus, VcHandle vc, byte[] closeData) {
        rec("onIncomingCloseCall", "status*", closeStatus, "vc", vc, "data", closeData);
    }

    @Override
    public void onCloseCallComplete(Status status, VcHandle vc, PartyHandle party) {
        rec("onCloseCallComplete", "status*", status, "vc", vc, "party", party);
    }

    // ------------------------------------------------------------------------------------------ call manager

    @Override
    public Status onOpenAf(AfHandle af, AddressFamily family, BindingHandle cmBinding, AdapterHandle adapter) {
        rec("onOpenAf", "af", af, "family", family, "binding", cmBinding, "adapter", adapter);
        return answer("onOpenAf", Status.SUCCESS);
    }

    @Override
    public Status onCloseAf(AfHandle af) {
        rec("onCloseAf", "af", af);
        return answer("onCloseAf", Status.SUCCESS);
    }

    @Override
    public void onNotifyCloseAfComplete(AfHandle af, Status status) {
        rec("onNotifyCloseAfComplete", "status*", status, "af", af);
    }

    @Override
    public Status onRegisterSap(AfHandle af, SapHandle sap, Sap value) {
        rec("onRegisterSap", "af", af, "sap", sap, "text", value);
        return answer("onRegisterSap", Status.SUCCESS);
    }

    @Override
    public Status onDeregisterSap(SapHandle sap) {
        rec("onDeregisterSap", "sap", sap);
        return answer("onDeregisterSap", Status.SUCCESS);
    }

    @Override
    public Status onMakeCall(VcHandle vc, CallParameters params, PartyHandle party) {
        rec("onMakeCall", "vc", vc, "party", party, "params", params);
        return answer("onMakeCall", Status.PENDING);
    }

    @Override
    public Status onCloseCall(VcHandle vc, PartyHandle party, byte[] closeData) {
        rec("onCloseCall", "vc", vc, "party", party, "data", closeData);
        return answer("onCloseCall", Status.PENDING);
    }

    @Override
    public void onIncomingCallComplete(Status status, VcHandle vc, CallParameters params) {
        rec("onIncomingCallComplete", "status*", status, "vc", vc, "params", params);
    }

    @Override
    public Status onAddParty(VcHandle vc, PartyHandle party, CallParameters params) {
        rec("onAddParty", "vc", vc, "party", party, "params", params);
        return answer("onAddParty", Status.PENDING);
    }

    @Override
    public Status onDropParty(PartyHandle party, byte[] closeData) {
        rec("onDropParty", "party", party, "data", closeData);
        return answer("onDropParty", Status.PENDING);
    }

    @Override
    public Status onModifyCallQos(VcHandle vc, CallParameters params) {
        rec("onModifyCallQos", "vc", vc, "params", params);
        return answer("onModifyCallQos", Status.PENDING);
    }

    @Override
    public void onActivateVcComplete(Status status, VcHandle vc, CallParameters params) {
        rec("onActivateVcComplete", "status*", status, "vc", vc, "params", params);
    }

    @Override
    public void onDeactivateVcComplete(Status status, VcHandle vc) {
        rec("onDeactivateVcComplete", "status*", status, "vc", vc);
    }

    // ------------------------------------------------------------------------------------------ miniport

    @Override
    public Status onInitialize(AdapterHandle adapter) {
        rec("onInitialize", "adapter", adapter);
        return answer("onInitialize", Status.SUCCESS);
    }

    @Override
    public void onHalt(AdapterHandle adapter) {
        rec("onHalt", "adapter", adapter);
    }

    @Override
    public Status onCreateVc(AdapterHandle adapter, VcHandle vc) {
        rec("onCreateVc", "adapter", adapter, "vc", vc);
        return answer("onCreateVc", Status.SUCCESS);
    }

    @Override
    public Status onActivateVc(VcHandle vc, CallParameters params) {
        rec("onActivateVc", "vc", vc, "params", params);
        return answer("onActivateVc", Status.SUCCESS);
    }

    @Override
    public Status onDeactivateVc(VcHandle vc) {
        rec("onDeactivateVc", "vc", vc);
        return answer("onDeactivateVc", Status.SUCCESS);
    }

    @Override
    public void onSend(VcHandle vc, Packet packet) {
        rec("onSend", "vc", vc, "packet", packet);
    }

    @Override
    public Status onOidRequest(AdapterHandle adapter, VcHandle vc, OidRequest request) {
        rec("onOidRequest", "adapter", adapter, "vc", vc, "req", request);
        return answer("onOidRequest", Status.SUCCESS);
    }

    @Override
    public void onReturnPacket(VcHandle vc, Packet packet) {
        rec("onReturnPacket", "vc", vc, "packet", packet);
    }
}

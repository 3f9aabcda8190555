package io.jcondis.tck;

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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A call manager whose every handler is recorded (actor {@code cm <name>}) and answered from a script: the
 * default answer of each status-returning handler is SUCCESS (OID requests too); {@link #answer} and
 * {@link #answerOnce} change it, e.g. to PENDING, after which the test calls the matching completion of the
 * {@link CallManagerServices} itself. Usable as the call-manager half of an MCM and as a stand-alone call
 * manager; as the latter it registers {@link #registerAfOnBind configured AFs} from {@code onBindAdapter}.
 *
 * <p>It does nothing on its own except, when {@link #autoActivate(boolean)} is on, activating the VC inside
 * {@code onMakeCall} before answering SUCCESS and deactivating it inside {@code onCloseCall} before answering
 * SUCCESS (only sensible with an MCM or a miniport that answers activation synchronously).
 *
 * <p>Runs on the conductor; not thread-safe.
 */
public final class ScriptableCallManager implements CallManagerHandlers {
    private final String actor;
    private final EventRecorder recorder;
    private final HandlerScript script = new HandlerScript(CallManagerHandlers.class);
    private final List<AddressFamily> registerOnBind = new ArrayList<>();
    private CallManagerServices services;
    private boolean autoActivate;

    private final List<BindingHandle> bindings = new ArrayList<>();
    private final List<Status> afRegistrations = new ArrayList<>();
    private final Map<AfHandle, AdapterHandle> opens = new LinkedHashMap<>();
    private final Map<SapHandle, Sap> saps = new LinkedHashMap<>();
    private final List<VcHandle> clientVcs = new ArrayList<>();
    private AfHandle lastAf;
    private BindingHandle lastOpenBinding;
    private SapHandle lastSap;
    private VcHandle lastVc;
    private PartyHandle lastParty;
    private CallParameters lastParams;
    private byte[] lastCloseData;
    private OidRequest lastOidRequest;
    private StatusIndication lastIndication;

    /**
     * @param name     the driver name (the actor label is {@code cm <name>})
     * @param recorder where callbacks are recorded
     */
    public ScriptableCallManager(String name, EventRecorder recorder) {
        this.actor = "cm " + name;
        this.recorder = recorder;
    }

    /** Gives the call manager its services (after registration). */
    public ScriptableCallManager attach(CallManagerServices s) {
        this.services = s;
        // Registration binds at once, before the driver can have its services: register on those bindings now.
        for (BindingHandle b : bindings) {
            registerConfiguredAfs(b);
        }
        return this;
    }

    private void registerConfiguredAfs(BindingHandle binding) {
        for (AddressFamily af : registerOnBind) {
            afRegistrations.add(services.registerAddressFamily(binding, af));
        }
    }

    /** @return the services given with {@link #attach} */
    public CallManagerServices services() {
        return services;
    }

    /** @return the actor label used in recorded events */
    public String actor() {
        return actor;
    }

    /**
     * Stand-alone call managers: register {@code af} on every binding from onBindAdapter, or at {@link #attach}
     * for the bindings made during registration (A1).
     */
    public ScriptableCallManager registerAfOnBind(AddressFamily af) {
        registerOnBind.add(af);
        return this;
    }

    /** Activate in onMakeCall / deactivate in onCloseCall before answering SUCCESS. */
    public ScriptableCallManager autoActivate(boolean on) {
        this.autoActivate = on;
        return this;
    }

    /** Sets the standing answer of a handler (e.g. {@code onMakeCall}). */
    public ScriptableCallManager answer(String handler, Status status) {
        script.answer(handler, status);
        return this;
    }

    /** Queues a one-shot answer for a handler. */
    public ScriptableCallManager answerOnce(String handler, Status status) {
        script.answerOnce(handler, status);
        return this;
    }

    /** Queues an action run once inside {@code handler}, after recording it and before it returns. */
    public ScriptableCallManager inside(String handler, Runnable action) {
        script.inside(handler, action);
        return this;
    }

    /** Makes the next call of {@code handler} throw {@code error}. */
    public ScriptableCallManager throwInside(String handler, RuntimeException error) {
        script.inside(handler, () -> {
            throw error;
        });
        return this;
    }

    /** @return true when every one-shot answer and action was used */
    public boolean scriptDrained() {
        return script.drained();
    }

    // ----------------------------------------------------------------------------------- what it saw

    /** @return the bindings (stand-alone call managers) */
    public List<BindingHandle> bindings() {
        return List.copyOf(bindings);
    }

    /** @return the answers of the AF registrations done from onBindAdapter */
    public List<Status> afRegistrations() {
        return List.copyOf(afRegistrations);
    }

    /** @return every AF open it was asked for (and not refused synchronously), with its adapter */
    public Map<AfHandle, AdapterHandle> opens() {
        return Map.copyOf(opens);
    }

    /** @return the SAPs it was asked to register */
    public Map<SapHandle, Sap> saps() {
        return Map.copyOf(saps);
    }

    /** @return VCs clients created on its AFs (onCreateVc), not yet deleted */
    public List<VcHandle> clientVcs() {
        return List.copyOf(clientVcs);
    }

    /** @return the AF of the last AF-related callback */
    public AfHandle lastAf() {
        return lastAf;
    }

    /** @return the call manager's binding given with the last onOpenAf (null for an MCM) */
    public BindingHandle lastOpenBinding() {
        return lastOpenBinding;
    }

    /** @return the SAP of the last SAP-related callback */
    public SapHandle lastSap() {
        return lastSap;
    }

    /** @return the VC of the last VC-related callback */
    public VcHandle lastVc() {
        return lastVc;
    }

    /** @return the party of the last party-related callback */
    public PartyHandle lastParty() {
        return lastParty;
    }

    /** @return the call parameters of the last callback that carried some */
    public CallParameters lastParams() {
        return lastParams;
    }

    /** @return the close data of the last onCloseCall / onDropParty */
    public byte[] lastCloseData() {
        return lastCloseData == null ? null : lastCloseData.clone();
    }

    /** @return the last OID request from a client */
    public OidRequest lastOidRequest() {
        return lastOidRequest;
    }

    /** @return the last status indication (stand-alone call managers) */
    public StatusIndication lastIndication() {
        return lastIndication;
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
            bindings.add(binding);
            if (services != null) {
                registerConfiguredAfs(binding);
            }
        }
        return s;
    }

    @Override
    public void onUnbindAdapter(BindingHandle binding) {
        rec("onUnbindAdapter", binding);
        bindings.remove(binding);
        script.act("onUnbindAdapter");
    }

    @Override
    public Status onOpenAf(AfHandle af, AddressFamily family, BindingHandle cmBinding, AdapterHandle adapter) {
        rec("onOpenAf", af, family, cmBinding, adapter);
        lastAf = af;
        lastOpenBinding = cmBinding;
        opens.put(af, adapter);
        Status s = script.actAndAnswer("onOpenAf", Status.SUCCESS);
        if (s == null || s.isFailure()) {
            opens.remove(af);
        }
        return s;
    }

    @Override
    public Status onCloseAf(AfHandle af) {
        rec("onCloseAf", af);
        lastAf = af;
        Status s = script.actAndAnswer("onCloseAf", Status.SUCCESS);
        if (HandlerScript.ok(s)) {
            opens.remove(af);
        }
        return s;
    }

    @Override
    public void onNotifyCloseAfComplete(AfHandle af, Status status) {
        rec("onNotifyCloseAfComplete", af, status);
        script.act("onNotifyCloseAfComplete");
    }

    @Override
    public Status onRegisterSap(AfHandle af, SapHandle sap, Sap value) {
        rec("onRegisterSap", af, sap, value);
        lastSap = sap;
        saps.put(sap, value);
        return script.actAndAnswer("onRegisterSap", Status.SUCCESS);
    }

    @Override
    public Status onDeregisterSap(SapHandle sap) {
        rec("onDeregisterSap", sap);
        lastSap = sap;
        Status s = script.actAndAnswer("onDeregisterSap", Status.SUCCESS);
        saps.remove(sap);
        return s;
    }

    @Override
    public Status onCreateVc(AfHandle af, VcHandle vc) {
        rec("onCreateVc", af, vc);
        lastVc = vc;
        Status s = script.actAndAnswer("onCreateVc", Status.SUCCESS);
        if (HandlerScript.ok(s)) {
            clientVcs.add(vc);
        }
        return s;
    }

    @Override
    public Status onDeleteVc(VcHandle vc) {
        rec("onDeleteVc", vc);
        Status s = script.actAndAnswer("onDeleteVc", Status.SUCCESS);
        if (HandlerScript.ok(s)) {
            clientVcs.remove(vc);
        }
        return s;
    }

    @Override
    public Status onMakeCall(VcHandle vc, CallParameters params, PartyHandle party) {
        rec("onMakeCall", vc, params, party);
        lastVc = vc;
        lastParams = params;
        lastParty = party;
        Status s = script.actAndAnswer("onMakeCall", Status.SUCCESS);
        if (autoActivate && HandlerScript.ok(s)) {
            services.activateVc(vc, params);
        }
        return s;
    }

    @Override
    public Status onCloseCall(VcHandle vc, PartyHandle party, byte[] closeData) {
        rec("onCloseCall", vc, party, closeData);
        lastVc = vc;
        lastCloseData = closeData;
        Status s = script.actAndAnswer("onCloseCall", Status.SUCCESS);
        if (autoActivate && HandlerScript.ok(s)) {
            services.deactivateVc(vc);
        }
        return s;
    }

    @Override
    public void onIncomingCallComplete(Status status, VcHandle vc, CallParameters params) {
        rec("onIncomingCallComplete", status, vc, params);
        lastVc = vc;
        lastParams = params;
        script.act("onIncomingCallComplete");
    }

    @Override
    public Status onAddParty(VcHandle vc, PartyHandle party, CallParameters params) {
        rec("onAddParty", vc, party, params);
        lastVc = vc;
        lastParty = party;
        lastParams = params;
        return script.actAndAnswer("onAddParty", Status.SUCCESS);
    }

    @Override
    public Status onDropParty(PartyHandle party, byte[] closeData) {
        rec("onDropParty", party, closeData);
        lastParty = party;
        lastCloseData = closeData;
        return script.actAndAnswer("onDropParty", Status.SUCCESS);
    }

    @Override
    public Status onModifyCallQos(VcHandle vc, CallParameters params) {
        rec("onModifyCallQos", vc, params);
        lastVc = vc;
        lastParams = params;
        return script.actAndAnswer("onModifyCallQos", Status.SUCCESS);
    }

    @Override
    public void onActivateVcComplete(Status status, VcHandle vc, CallParameters params) {
        rec("onActivateVcComplete", status, vc, params);
        lastParams = params;
        script.act("onActivateVcComplete");
    }

    @Override
    public void onDeactivateVcComplete(Status status, VcHandle vc) {
        rec("onDeactivateVcComplete", status, vc);
        script.act("onDeactivateVcComplete");
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
    public boolean onReceive(VcHandle vc, Packet packet, boolean resources) {
        rec("onReceive", vc, packet, resources);
        script.act("onReceive");
        return false;
    }

    @Override
    public void onSendComplete(VcHandle vc, Packet packet) {
        rec("onSendComplete", vc, packet);
        script.act("onSendComplete");
    }

    @Override
    public void onStatus(BindingHandle binding, VcHandle vc, StatusIndication indication) {
        rec("onStatus", binding, vc, indication);
        lastIndication = indication;
        script.act("onStatus");
    }
}

package io.jcondis.tck;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.AddressFamily;
import io.jcondis.api.CallParameters;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.callmanager.McmServices;
import io.jcondis.api.miniport.MiniportHandlers;
import io.jcondis.api.miniport.MiniportServices;

import java.util.ArrayList;
import java.util.List;

/**
 * A miniport (or the miniport half of an MCM) whose every handler is recorded (actor {@code miniport <name>})
 * and answered from a script: default SUCCESS for initialize, create/delete/activate/deactivate VC and OID
 * requests. It keeps every packet it is given to send (F1) until the test completes it with
 * {@link #completeSend} / {@link #completeAllSends}. As an MCM it registers the {@link #registerAfOnInitialize
 * configured AFs} from {@code onInitialize} (A2).
 *
 * <p>Runs on the conductor; not thread-safe.
 */
public final class ScriptableMiniport implements MiniportHandlers {
    /** A packet the miniport was given to send and has not completed. */
    public record Sent(VcHandle vc, Packet packet) {
    }

    private final String actor;
    private final EventRecorder recorder;
    private final HandlerScript script = new HandlerScript(MiniportHandlers.class);
    private final List<AddressFamily> registerOnInit = new ArrayList<>();
    private final List<Status> afRegistrations = new ArrayList<>();
    private MiniportServices services;

    private final List<AdapterHandle> adapters = new ArrayList<>();
    private final List<Sent> sends = new ArrayList<>();
    private final List<Packet> returned = new ArrayList<>();
    private VcHandle lastVc;
    private CallParameters lastParams;
    private OidRequest lastOidRequest;
    private VcHandle lastOidVc;

    /**
     * @param name     the driver name (the actor label is {@code miniport <name>})
     * @param recorder where callbacks are recorded
     */
    public ScriptableMiniport(String name, EventRecorder recorder) {
        this.actor = "miniport " + name;
        this.recorder = recorder;
    }

    /** Gives the miniport its services (after registration; an MCM's are {@link McmServices}). */
    public ScriptableMiniport attach(MiniportServices s) {
        this.services = s;
        return this;
    }

    /** @return the services given with {@link #attach} */
    public MiniportServices services() {
        return services;
    }

    /** @return the actor label used in recorded events */
    public String actor() {
        return actor;
    }

    /** MCMs: register {@code af} on every adapter from onInitialize (A2). */
    public ScriptableMiniport registerAfOnInitialize(AddressFamily af) {
        registerOnInit.add(af);
        return this;
    }

    /** Sets the standing answer of a handler (e.g. {@code onActivateVc}). */
    public ScriptableMiniport answer(String handler, Status status) {
        script.answer(handler, status);
        return this;
    }

    /** Queues a one-shot answer for a handler. */
    public ScriptableMiniport answerOnce(String handler, Status status) {
        script.answerOnce(handler, status);
        return this;
    }

    /** Queues an action run once inside {@code handler}, after recording it and before it returns. */
    public ScriptableMiniport inside(String handler, Runnable action) {
        script.inside(handler, action);
        return this;
    }

    /** Makes the next call of {@code handler} throw {@code error}. */
    public ScriptableMiniport throwInside(String handler, RuntimeException error) {
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

    /** @return adapters initialized and not halted */
    public List<AdapterHandle> adapters() {
        return List.copyOf(adapters);
    }

    /** @return the answers of the AF registrations done from onInitialize */
    public List<Status> afRegistrations() {
        return List.copyOf(afRegistrations);
    }

    /** @return sends not yet completed, in arrival order */
    public List<Sent> sends() {
        return List.copyOf(sends);
    }

    /** @return packets protocols gave back after keeping them */
    public List<Packet> returned() {
        return List.copyOf(returned);
    }

    /** @return the VC of the last VC-related callback */
    public VcHandle lastVc() {
        return lastVc;
    }

    /** @return the parameters of the last onActivateVc */
    public CallParameters lastParams() {
        return lastParams;
    }

    /** @return the last OID request */
    public OidRequest lastOidRequest() {
        return lastOidRequest;
    }

    /** @return the VC of the last OID request (null: adapter-wide) */
    public VcHandle lastOidVc() {
        return lastOidVc;
    }

    /** Completes one kept send with {@code status}. */
    public void completeSend(Sent sent, Status status) {
        if (!sends.remove(sent)) {
            throw new IllegalArgumentException(sent + " is not an outstanding send");
        }
        sent.packet().status(status);
        services.sendComplete(sent.vc(), sent.packet());
    }

    /** Completes every kept send with {@code status}, oldest first. */
    public void completeAllSends(Status status) {
        for (Sent s : List.copyOf(sends)) {
            completeSend(s, status);
        }
    }

    private void rec(String cb, Object... args) {
        recorder.record(actor, cb, args);
    }

    // ----------------------------------------------------------------------------------- handlers

    @Override
    public Status onInitialize(AdapterHandle adapter) {
        rec("onInitialize", adapter);
        Status s = script.actAndAnswer("onInitialize", Status.SUCCESS);
        if (HandlerScript.ok(s)) {
            adapters.add(adapter);
            if (services instanceof McmServices) {
                for (AddressFamily af : registerOnInit) {
                    afRegistrations.add(((McmServices) services).registerAddressFamily(adapter, af));
                }
            }
        }
        return s;
    }

    @Override
    public void onHalt(AdapterHandle adapter) {
        rec("onHalt", adapter);
        adapters.remove(adapter);
        script.act("onHalt");
    }

    @Override
    public Status onCreateVc(AdapterHandle adapter, VcHandle vc) {
        rec("onCreateVc", adapter, vc);
        lastVc = vc;
        return script.actAndAnswer("onCreateVc", Status.SUCCESS);
    }

    @Override
    public Status onDeleteVc(VcHandle vc) {
        rec("onDeleteVc", vc);
        lastVc = vc;
        return script.actAndAnswer("onDeleteVc", Status.SUCCESS);
    }

    @Override
    public Status onActivateVc(VcHandle vc, CallParameters params) {
        rec("onActivateVc", vc, params);
        lastVc = vc;
        lastParams = params;
        return script.actAndAnswer("onActivateVc", Status.SUCCESS);
    }

    @Override
    public Status onDeactivateVc(VcHandle vc) {
        rec("onDeactivateVc", vc);
        lastVc = vc;
        return script.actAndAnswer("onDeactivateVc", Status.SUCCESS);
    }

    @Override
    public void onSend(VcHandle vc, Packet packet) {
        rec("onSend", vc, packet);
        sends.add(new Sent(vc, packet));
        script.act("onSend");
    }

    @Override
    public Status onOidRequest(AdapterHandle adapter, VcHandle vc, OidRequest request) {
        rec("onOidRequest", adapter, vc, request);
        lastOidRequest = request;
        lastOidVc = vc;
        return script.actAndAnswer("onOidRequest", Status.SUCCESS);
    }

    @Override
    public void onReturnPacket(VcHandle vc, Packet packet) {
        rec("onReturnPacket", vc, packet);
        returned.add(packet);
        script.act("onReturnPacket");
    }
}

package io.jcondis.bench;

import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.Ndis;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;
import io.jcondis.api.client.ClientHandlers;
import io.jcondis.api.client.ClientServices;

/**
 * The smallest client that can take part in the benchmarks: binds to one host, opens its AF, accepts every
 * incoming call, answers an incoming close with closeCall, and counts what it sends and receives. It does no
 * logging and keeps no maps, so that what is measured is the runtime and the switch, not the client.
 * Not thread-safe; runs on the conductor like every driver (INVOKER mode: on the benchmark thread).
 */
final class BenchClient implements ClientHandlers {
    private final String adapterName;
    ClientServices ndis;
    AfHandle af;
    /** Set by onMakeCallComplete(SUCCESS), cleared by onCloseCallComplete. */
    boolean connected;
    long callsClosed;
    long packetsReceived;
    long bytesReceived;
    long sendsCompleted;
    long sendsFailed;

    BenchClient(String adapterName) {
        this.adapterName = adapterName;
    }

    BenchClient attach(Ndis runtime, String name) {
        ndis = runtime.registerClient(name, this);
        return this;
    }

    /** Registers a text SAP and fails loudly when the switch refuses it. */
    SapHandle listen(String sapText) {
        Result<SapHandle> r = ndis.registerSap(af, Sap.text(sapText));
        if (r.status().isFailure()) {
            throw new IllegalStateException("registerSap " + sapText + ": " + r.status());
        }
        return r.value();
    }

    @Override
    public Status onBindAdapter(BindingHandle binding, String adapter) {
        return adapter.equals(adapterName) ? Status.SUCCESS : Status.NOT_SUPPORTED;
    }

    @Override
    public void onAfRegisterNotify(BindingHandle binding, AddressFamily family) {
        Result<AfHandle> r = ndis.openAddressFamily(binding, family);
        af = r.value();
    }

    @Override
    public void onOpenAfComplete(Status status, AfHandle h) {
    }

    @Override
    public void onCloseAfComplete(Status status, AfHandle h) {
    }

    @Override
    public Status onNotifyCloseAf(AfHandle h) {
        return Status.SUCCESS;
    }

    @Override
    public void onRegisterSapComplete(Status status, SapHandle sap, Sap value) {
    }

    @Override
    public void onDeregisterSapComplete(Status status, SapHandle sap) {
    }

    @Override
    public Status onCreateVc(AfHandle h, VcHandle vc) {
        return Status.SUCCESS;
    }

    @Override
    public Status onDeleteVc(VcHandle vc) {
        return Status.SUCCESS;
    }

    @Override
    public void onMakeCallComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        connected = status.isSuccess();
    }

    @Override
    public void onAddPartyComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
    }

    @Override
    public void onDropPartyComplete(Status status, PartyHandle party) {
    }

    @Override
    public void onIncomingDropParty(Status dropStatus, PartyHandle party, byte[] closeData) {
        ndis.dropParty(party, null);
    }

    @Override
    public Status onIncomingCall(SapHandle sap, VcHandle vc, CallParameters params) {
        return Status.SUCCESS;
    }

    @Override
    public void onCallConnected(VcHandle vc) {
    }

    @Override
    public void onIncomingCallQosChange(VcHandle vc, CallParameters params) {
    }

    @Override
    public void onModifyCallQosComplete(Status status, VcHandle vc, CallParameters params) {
    }

    @Override
    public void onIncomingCloseCall(Status closeStatus, VcHandle vc, byte[] closeData) {
        ndis.closeCall(vc, null, null);
    }

    @Override
    public void onCloseCallComplete(Status status, VcHandle vc, PartyHandle party) {
        connected = false;
        callsClosed++;
    }

    @Override
    public boolean onReceive(VcHandle vc, Packet packet, boolean resources) {
        packetsReceived++;
        bytesReceived += packet.length();
        return false;
    }

    @Override
    public void onSendComplete(VcHandle vc, Packet packet) {
        if (packet.status().isSuccess()) {
            sendsCompleted++;
        } else {
            sendsFailed++;
        }
    }

    @Override
    public void onOidRequestComplete(AfHandle h, VcHandle vc, PartyHandle party, OidRequest request, Status status) {
    }
}

package io.jcondis.node;

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

/**
 * The handlers the runtime calls for one host's client: every call goes to the host's {@code ClientAgent}
 * (which owns the client behaviour: accepting calls, the E5/E10 answers, the R6 teardown), and then the node
 * records what the agent does not keep (QoS, completion statuses) in its {@link CallBook} and signals its
 * waiters. Runs on the conductor, like every handler.
 */
final class ObservedClient implements ClientHandlers {
    private final String host;
    private final ClientHandlers agent;
    private final CallBook book;
    private final Runnable changed;

    ObservedClient(String host, ClientHandlers agent, CallBook book, Runnable changed) {
        this.host = host;
        this.agent = agent;
        this.book = book;
        this.changed = changed;
    }

    @Override
    public Status onBindAdapter(BindingHandle binding, String adapterName) {
        Status st = agent.onBindAdapter(binding, adapterName);
        changed.run();
        return st;
    }

    @Override
    public void onUnbindAdapter(BindingHandle binding) {
        agent.onUnbindAdapter(binding);
        changed.run();
    }

    @Override
    public void onAfRegisterNotify(BindingHandle binding, AddressFamily af) {
        agent.onAfRegisterNotify(binding, af);
        changed.run();
    }

    @Override
    public void onOpenAfComplete(Status status, AfHandle af) {
        agent.onOpenAfComplete(status, af);
        changed.run();
    }

    @Override
    public void onCloseAfComplete(Status status, AfHandle af) {
        agent.onCloseAfComplete(status, af);
        changed.run();
    }

    @Override
    public Status onNotifyCloseAf(AfHandle af) {
        Status st = agent.onNotifyCloseAf(af);
        changed.run();
        return st;
    }

    @Override
    public void onRegisterSapComplete(Status status, SapHandle sap, Sap value) {
        book.completed(CallBook.Op.REGISTER_SAP, sap, status);
        agent.onRegisterSapComplete(status, sap, value);
        changed.run();
    }

    @Override
    public void onDeregisterSapComplete(Status status, SapHandle sap) {
        agent.onDeregisterSapComplete(status, sap);
        changed.run();
    }

    @Override
    public Status onCreateVc(AfHandle af, VcHandle vc) {
        return agent.onCreateVc(af, vc);
    }

    @Override
    public Status onDeleteVc(VcHandle vc) {
        Status st = agent.onDeleteVc(vc);
        book.forget(vc.id());
        changed.run();
        return st;
    }

    @Override
    public void onMakeCallComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        book.completed(CallBook.Op.MAKE_CALL, vc, status);
        CallBook.CallRecord r = book.calls.get(vc.id());
        if (r != null && status.isSuccess() && params != null) {
            r.transmit = params.transmit();
            r.receive = params.receive();
            if (party != null) {
                book.parties.put(party.id(), new CallBook.PartyRecord(vc.id(), r.address));
            }
        }
        agent.onMakeCallComplete(status, vc, party, params);
        changed.run();
    }

    @Override
    public void onAddPartyComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params) {
        book.completed(CallBook.Op.ADD_PARTY, party, status);
        agent.onAddPartyComplete(status, vc, party, params);
        changed.run();
    }

    @Override
    public void onDropPartyComplete(Status status, PartyHandle party) {
        book.completed(CallBook.Op.DROP_PARTY, party, status);
        agent.onDropPartyComplete(status, party);
        changed.run();
    }

    @Override
    public void onIncomingDropParty(Status dropStatus, PartyHandle party, byte[] closeData) {
        agent.onIncomingDropParty(dropStatus, party, closeData);
        changed.run();
    }

    @Override
    public Status onIncomingCall(SapHandle sap, VcHandle vc, CallParameters params) {
        // Recorded before the agent answers: an accepted call may connect inside this handler.
        book.calls.put(vc.id(), new CallBook.CallRecord(host, false, params.calledAddress(),
                params.has(CallParameters.MULTIPOINT_VC), params.transmit(), params.receive()));
        Status st = agent.onIncomingCall(sap, vc, params);
        changed.run();
        return st;
    }

    @Override
    public void onCallConnected(VcHandle vc) {
        agent.onCallConnected(vc);
        changed.run();
    }

    @Override
    public void onIncomingCallQosChange(VcHandle vc, CallParameters params) {
        updateQos(vc, params);
        agent.onIncomingCallQosChange(vc, params);
        changed.run();
    }

    @Override
    public void onModifyCallQosComplete(Status status, VcHandle vc, CallParameters params) {
        if (status.isSuccess()) {
            updateQos(vc, params);
        }
        agent.onModifyCallQosComplete(status, vc, params);
        changed.run();
    }

    private void updateQos(VcHandle vc, CallParameters params) {
        CallBook.CallRecord r = book.calls.get(vc.id());
        if (r != null && params != null) {
            r.transmit = params.transmit();
            r.receive = params.receive();
        }
    }

    @Override
    public void onIncomingCloseCall(Status closeStatus, VcHandle vc, byte[] closeData) {
        agent.onIncomingCloseCall(closeStatus, vc, closeData);
        changed.run();
    }

    @Override
    public void onCloseCallComplete(Status status, VcHandle vc, PartyHandle party) {
        book.completed(CallBook.Op.CLOSE_CALL, vc, status);
        agent.onCloseCallComplete(status, vc, party);
        changed.run();
    }

    @Override
    public boolean onReceive(VcHandle vc, Packet packet, boolean resources) {
        return agent.onReceive(vc, packet, resources);
    }

    @Override
    public void onSendComplete(VcHandle vc, Packet packet) {
        book.sendCompleted(vc.id(), packet.status());
        agent.onSendComplete(vc, packet);
        changed.run();
    }

    @Override
    public Status onOidRequest(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request) {
        return agent.onOidRequest(af, vc, party, request);
    }

    @Override
    public void onOidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request,
                                     Status status) {
        agent.onOidRequestComplete(af, vc, party, request, status);
    }

    @Override
    public void onStatus(BindingHandle binding, VcHandle vc, StatusIndication indication) {
        agent.onStatus(binding, vc, indication);
        changed.run();
    }

    /** @return the host this client serves */
    String host() {
        return host;
    }
}

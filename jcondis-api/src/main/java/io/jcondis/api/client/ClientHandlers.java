package io.jcondis.api.client;

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

/**
 * What a connection-oriented client implements: the runtime's calls into it (NDIS_PROTOCOL_CO_CHARACTERISTICS
 * plus NDIS_CO_CLIENT_OPTIONAL_HANDLERS).
 *
 * <p><b>Threading.</b> Every handler runs on the conductor, one at a time per runtime (docs/architecture.md).
 * A handler may call back into {@link ClientServices} (that is how NDIS drivers work: open an AF from the
 * register-notify, close a call from the incoming-close); it must not block waiting for another thread that
 * calls into the runtime. An exception thrown by a handler is caught, reported to the runtime's error handler
 * and treated as {@code NDIS_STATUS_FAILURE} where a status was expected.
 *
 * <p>Each {@code on...Complete} arrives exactly once for each request that returned PENDING, and never for a
 * request that returned anything else.
 */
public interface ClientHandlers {
    /** A new adapter; return SUCCESS to bind, any failure to decline. */
    default Status onBindAdapter(BindingHandle binding, String adapterName) {
        return Status.SUCCESS;
    }

    /** The binding is going away (adapter halted); every AF on it has been closed. */
    default void onUnbindAdapter(BindingHandle binding) {
    }

    /** A call manager registered {@code af} on the adapter behind {@code binding} (A1/A2). */
    void onAfRegisterNotify(BindingHandle binding, AddressFamily af);

    /** Completes a pended {@link ClientServices#openAddressFamily} (A3). */
    void onOpenAfComplete(Status status, AfHandle af);

    /** Completes a pended {@link ClientServices#closeAddressFamily} (A4). */
    void onCloseAfComplete(Status status, AfHandle af);

    /**
     * The call manager asks the client to close {@code af} (A5): drop parties, close calls, deregister SAPs,
     * then close the AF (R6). Return SUCCESS when done now, or PENDING and later
     * {@link ClientServices#notifyCloseAddressFamilyComplete}.
     */
    Status onNotifyCloseAf(AfHandle af);

    /** Completes a pended {@link ClientServices#registerSap} (B1); on failure the handle is already invalid. */
    void onRegisterSapComplete(Status status, SapHandle sap, Sap value);

    /** Completes a pended {@link ClientServices#deregisterSap} (B2). */
    void onDeregisterSapComplete(Status status, SapHandle sap);

    /** The call manager created {@code vc} for an incoming call (D2/D3). Synchronous: PENDING is refused. */
    Status onCreateVc(AfHandle af, VcHandle vc);

    /** The creator (call manager) deletes {@code vc} (D7/D8). Synchronous. */
    Status onDeleteVc(VcHandle vc);

    /** Completes a pended make-call (E1/E2); {@code party} is valid only on SUCCESS. */
    void onMakeCallComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params);

    /** Completes a pended add-party (E3). */
    void onAddPartyComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params);

    /** Completes a pended drop-party (E4). */
    void onDropPartyComplete(Status status, PartyHandle party);

    /** A remote leaf left (E5); the client must answer with {@link ClientServices#dropParty}. */
    void onIncomingDropParty(Status dropStatus, PartyHandle party, byte[] closeData);

    /**
     * An incoming call on {@code sap} (E6). Return SUCCESS to accept, PENDING to answer later with
     * {@link ClientServices#incomingCallComplete}, any other status to reject.
     */
    Status onIncomingCall(SapHandle sap, VcHandle vc, CallParameters params);

    /** An accepted incoming call is now connected; data may flow (E6). */
    void onCallConnected(VcHandle vc);

    /** The remote side changed the call's QoS (E8); return to accept, or close the call. */
    void onIncomingCallQosChange(VcHandle vc, CallParameters params);

    /** Completes a pended {@link ClientServices#modifyCallQos} (E7). */
    void onModifyCallQosComplete(Status status, VcHandle vc, CallParameters params);

    /** The call was closed by the remote side or the network (E10); the client must call closeCall. */
    void onIncomingCloseCall(Status closeStatus, VcHandle vc, byte[] closeData);

    /** Completes a pended {@link ClientServices#closeCall} (E9). */
    void onCloseCallComplete(Status status, VcHandle vc, PartyHandle party);

    /**
     * A packet arrived on {@code vc} (F2). Return {@code true} to keep it (it must later be given back with
     * {@link ClientServices#returnPacket}), {@code false} to give it back at once. With {@code resources} set
     * the packet is lent only for this call and must not be kept (R31).
     */
    boolean onReceive(VcHandle vc, Packet packet, boolean resources);

    /** A send completed; {@link Packet#status()} holds its status (F1). */
    void onSendComplete(VcHandle vc, Packet packet);

    /** An OID request from the call manager (G2/G3); may return PENDING. Unknown OIDs: INVALID_OID. */
    default Status onOidRequest(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request) {
        return Status.INVALID_OID;
    }

    /** Completes a pended {@link ClientServices#oidRequest} (G1/G2/G4). */
    void onOidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request, Status status);

    /** A miniport status indication, adapter-wide ({@code vc == null}) or for one of this client's VCs (H1). */
    default void onStatus(BindingHandle binding, VcHandle vc, StatusIndication indication) {
    }
}

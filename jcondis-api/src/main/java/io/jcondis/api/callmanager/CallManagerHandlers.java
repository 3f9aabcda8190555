package io.jcondis.api.callmanager;

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

/**
 * What a call manager (stand-alone, or the call-manager half of an MCM) implements: NDIS_CO_CALL_MANAGER_
 * OPTIONAL_HANDLERS. Threading and exception handling as for the client (see
 * {@link io.jcondis.api.client.ClientHandlers}). Requests that return PENDING must be completed exactly once
 * with the matching {@link CallManagerServices} completion, also on failure (R14).
 */
public interface CallManagerHandlers {
    /** Stand-alone call managers only: a new adapter; register AFs on it from here (A1). */
    default Status onBindAdapter(BindingHandle binding, String adapterName) {
        return Status.SUCCESS;
    }

    /** Stand-alone call managers only: the binding is going away. */
    default void onUnbindAdapter(BindingHandle binding) {
    }

    /**
     * A3: a client opens {@code af} on {@code adapter} (the call manager's context for it: the binding for a
     * stand-alone call manager, {@code null} for an MCM); SUCCESS, PENDING, or a failure.
     */
    Status onOpenAf(AfHandle af, AddressFamily family, BindingHandle cmBinding, AdapterHandle adapter);

    /** A4: the client closes {@code af}. */
    Status onCloseAf(AfHandle af);

    /** A5: the client finished a notify-close this call manager started. */
    default void onNotifyCloseAfComplete(AfHandle af, Status status) {
    }

    /** B1: INVALID_DATA for an unrecognized SAP or one already registered by another client (R2). */
    Status onRegisterSap(AfHandle af, SapHandle sap, Sap value);

    /** B2. */
    Status onDeregisterSap(SapHandle sap);

    /** D1: a client created {@code vc} on {@code af}; synchronous (R10, R11). */
    Status onCreateVc(AfHandle af, VcHandle vc);

    /** D7: the client deletes a VC it created; synchronous. */
    Status onDeleteVc(VcHandle vc);

    /** E1/E2: {@code party} is non-null for a point-to-multipoint call. */
    Status onMakeCall(VcHandle vc, CallParameters params, PartyHandle party);

    /**
     * E9: {@code party} is the last party of a multipoint call, else null. Drops of other parties may still be
     * pending (R22 counts connected parties only): complete them before completing the close (R14).
     */
    Status onCloseCall(VcHandle vc, PartyHandle party, byte[] closeData);

    /** E6: the client's answer to an incoming call (SUCCESS = accepted). */
    void onIncomingCallComplete(Status status, VcHandle vc, CallParameters params);

    /** E3. */
    Status onAddParty(VcHandle vc, PartyHandle party, CallParameters params);

    /** E4. */
    Status onDropParty(PartyHandle party, byte[] closeData);

    /** E7. */
    Status onModifyCallQos(VcHandle vc, CallParameters params);

    /** D4: the miniport completed a pended activation (stand-alone call managers). */
    default void onActivateVcComplete(Status status, VcHandle vc, CallParameters params) {
    }

    /** D6: the deactivation completed (R25: complete a pended close-call from here). */
    void onDeactivateVcComplete(Status status, VcHandle vc);

    /** G2/G4: an OID request from a client on {@code af}; unknown OIDs: INVALID_OID. */
    default Status onOidRequest(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request) {
        return Status.INVALID_OID;
    }

    /** G3: a request this call manager sent to a client completed. */
    default void onOidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request,
                                      Status status) {
    }

    /** Stand-alone call managers: a packet on a VC they share (signaling). */
    default boolean onReceive(VcHandle vc, Packet packet, boolean resources) {
        return false;
    }

    /** Stand-alone call managers: a send completed. */
    default void onSendComplete(VcHandle vc, Packet packet) {
    }

    /** Stand-alone call managers: a miniport status indication. */
    default void onStatus(BindingHandle binding, VcHandle vc, StatusIndication indication) {
    }
}

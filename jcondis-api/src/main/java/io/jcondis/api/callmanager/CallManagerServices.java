package io.jcondis.api.callmanager;

import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.DriverServices;
import io.jcondis.api.OidRequest;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;

/**
 * What a call manager calls (NdisCm* / NdisMCm*). May be called from any thread, including from inside its
 * handlers. Handles are validated first (INVALID_HANDLE for null, stale or foreign ones). A completion for a
 * request that is not pending in this call manager is a contract violation: it is refused, reported to the
 * error handler, and changes nothing.
 */
public interface CallManagerServices extends DriverServices {
    /** A1: registers {@code af} on the adapter behind {@code binding}; FAILURE if a CM already has it (R9). */
    Status registerAddressFamily(BindingHandle binding, AddressFamily af);

    /** A3: completes a pended open. */
    void openAddressFamilyComplete(Status status, AfHandle af);

    /** A4: completes a pended close. */
    void closeAddressFamilyComplete(Status status, AfHandle af);

    /** A5: asks the client to close {@code af}. */
    Status notifyCloseAddressFamily(AfHandle af);

    /** B1: completes a pended SAP registration. */
    void registerSapComplete(Status status, SapHandle sap);

    /** B2: completes a pended SAP deregistration. */
    void deregisterSapComplete(Status status, SapHandle sap);

    /** D2/D3: creates a VC for an incoming call on {@code af}; the client's onCreateVc runs first. */
    Result<VcHandle> createVc(AfHandle af);

    /** D7/D8: deletes a VC this call manager created (R12). */
    Status deleteVc(VcHandle vc);

    /** D4/D5: activates or re-activates a VC. */
    Status activateVc(VcHandle vc, CallParameters params);

    /** D6: deactivates a VC; NOT_ACCEPTED if already inactive; PENDING while sends/receives drain (R29). */
    Status deactivateVc(VcHandle vc);

    /** E1/E2: completes a make-call; SUCCESS only once the VC is active (R13). */
    void makeCallComplete(Status status, VcHandle vc, PartyHandle party, CallParameters params);

    /** E9: completes a close-call (after deactivating the VC, R25). */
    void closeCallComplete(Status status, VcHandle vc, PartyHandle party);

    /** E6: offers an incoming call on {@code sap} (which may still be registering, R1). */
    Status dispatchIncomingCall(SapHandle sap, VcHandle vc, CallParameters params);

    /** E6: the accepted incoming call is connected end to end. */
    void dispatchCallConnected(VcHandle vc);

    /** E10: the remote side or the network closed the call. */
    void dispatchIncomingCloseCall(Status closeStatus, VcHandle vc, byte[] closeData);

    /** E8: the remote side changed QoS (re-activate first, R28). */
    void dispatchIncomingCallQosChange(VcHandle vc, CallParameters params);

    /** E7: completes a client's QoS change. */
    void modifyCallQosComplete(Status status, VcHandle vc, CallParameters params);

    /** E3: completes an add-party. */
    void addPartyComplete(Status status, PartyHandle party, CallParameters params);

    /** E4: completes a drop-party. */
    void dropPartyComplete(Status status, PartyHandle party);

    /** E5: a remote leaf left (not the last party: R23). */
    void dispatchIncomingDropParty(Status dropStatus, PartyHandle party, byte[] closeData);

    /** G2/G3: an OID request to the client that has {@code af} open. */
    Status oidRequest(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request);

    /** G2/G4: completes a client's request this call manager had pended. */
    void oidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request, Status status);
}

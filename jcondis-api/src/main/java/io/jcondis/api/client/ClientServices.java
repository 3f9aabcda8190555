package io.jcondis.api.client;

import io.jcondis.api.AddressFamily;
import io.jcondis.api.AfHandle;
import io.jcondis.api.BindingHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.DriverServices;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.PartyHandle;
import io.jcondis.api.Result;
import io.jcondis.api.Sap;
import io.jcondis.api.SapHandle;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;

/**
 * What a connection-oriented client calls (the NdisCl* and NdisCo* functions). May be called from any thread,
 * including from inside its own handlers.
 *
 * <p>Every method validates its handles first: a null, closed, stale or foreign handle (one that belongs to
 * another driver) is answered with {@code INVALID_HANDLE} and changes nothing. A request in the wrong state is
 * answered with the status the contract documents (the rule id is named in each method). A pendable request
 * that returns PENDING completes exactly once through the matching {@link ClientHandlers} callback.
 */
public interface ClientServices extends DriverServices {
    /**
     * A3: opens {@code af} on {@code binding}. Allowed when the AF is registered on the binding's adapter.
     * Completes with {@link ClientHandlers#onOpenAfComplete}. FAILURE when the AF is not registered there.
     */
    Result<AfHandle> openAddressFamily(BindingHandle binding, AddressFamily af);

    /**
     * A4: closes the AF. The handle is invalid for every other use at once. FAILURE while SAPs or VCs remain
     * or when already closing (R4).
     */
    Status closeAddressFamily(AfHandle af);

    /** A5: completes a pended {@link ClientHandlers#onNotifyCloseAf}. */
    void notifyCloseAddressFamilyComplete(AfHandle af, Status status);

    /** B1: registers a SAP; incoming calls may arrive before the completion (R1). */
    Result<SapHandle> registerSap(AfHandle af, Sap sap);

    /** B2: deregisters a SAP; FAILURE if already deregistering (R3); existing calls are unaffected. */
    Status deregisterSap(SapHandle sap);

    /** D1: creates a VC for an outgoing call; synchronous. */
    Result<VcHandle> createVc(AfHandle af);

    /** D7: deletes a VC this client created; NOT_ACCEPTED with a call or active VC, CLOSING mid-close (R12). */
    Status deleteVc(VcHandle vc);

    /**
     * E1/E2: makes a call on an idle client-created VC. With {@code multipoint} the call has a first party,
     * whose handle the result carries. Completes with {@link ClientHandlers#onMakeCallComplete}.
     */
    Result<PartyHandle> makeCall(VcHandle vc, CallParameters params, boolean multipoint);

    /** E3: adds a party to a connected point-to-multipoint call. */
    Result<PartyHandle> addParty(VcHandle vc, CallParameters params);

    /** E4: drops a party (not the last: that completes with FAILURE, R22). */
    Status dropParty(PartyHandle party, byte[] closeData);

    /** E6: answers an incoming call the client had pended (accept with SUCCESS, reject with any failure). */
    void incomingCallComplete(Status status, VcHandle vc, CallParameters params);

    /** E7: asks for new QoS on a connected call (or on an incoming call still pending, R19). */
    Status modifyCallQos(VcHandle vc, CallParameters params);

    /**
     * E9: closes a call. Multipoint: all parties but one must have been dropped and {@code lastParty} names
     * it (R22); a drop may still be pending (the dropped handle is invalid from the dropParty call on, E4), and
     * completes before the close does. FAILURE while the make-call is still pending (R37) or with sends
     * outstanding (R21).
     */
    Status closeCall(VcHandle vc, PartyHandle lastParty, byte[] closeData);

    /**
     * F1: sends a packet on an active, connected VC. Returns PENDING and always completes through
     * {@link ClientHandlers#onSendComplete} (with a failure status in the packet when the VC cannot carry it);
     * INVALID_HANDLE (no completion) when the VC handle is not this client's.
     */
    Status send(VcHandle vc, Packet packet);

    /** F2: gives back a received packet the client kept. */
    void returnPacket(VcHandle vc, Packet packet);

    /**
     * G1/G2/G4: an OID request. With {@code af} non-null it goes to the call manager (client side of G2/G4),
     * otherwise to the miniport of {@code binding} (per VC when {@code vc} is given).
     */
    Status oidRequest(BindingHandle binding, AfHandle af, VcHandle vc, PartyHandle party, OidRequest request);

    /** G2/G3: completes a request from the call manager that this client had pended. */
    void oidRequestComplete(AfHandle af, VcHandle vc, PartyHandle party, OidRequest request, Status status);

    /** I1: names a VC for management; returns the instance name. */
    Result<String> assignInstanceName(VcHandle vc, String baseName);

    /**
     * I2: the TAPI call id of a VC, as it would be written to a VAR_STRING of {@code bufferBytes};
     * BUFFER_TOO_SHORT (description says the needed size) when it does not fit, INVALID_DATA for a bad VC.
     */
    Result<String> getTapiCallId(VcHandle vc, int bufferBytes);

    /** I2 reverse: the VC of this client that carries {@code tapiCallId}; FAILURE when none. */
    Result<VcHandle> getVcFromTapiCallId(String tapiCallId);
}

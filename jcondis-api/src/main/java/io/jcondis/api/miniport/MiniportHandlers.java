package io.jcondis.api.miniport;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.jcondis.api.VcHandle;

/**
 * What a connection-oriented miniport (or the miniport half of an MCM) implements: NDIS_MINIPORT_CO_
 * CHARACTERISTICS plus initialize and halt. Threading and exception handling as for the client.
 */
public interface MiniportHandlers {
    /** The adapter starts; an MCM registers its address families from here (A2). */
    Status onInitialize(AdapterHandle adapter);

    /** The adapter halts; an MCM first asks every client to close its AFs (A5). */
    void onHalt(AdapterHandle adapter);

    /** D1/D2: per-VC state; synchronous (R10). Not called for MCMs. */
    default Status onCreateVc(AdapterHandle adapter, VcHandle vc) {
        return Status.SUCCESS;
    }

    /** D7: synchronous (R10). Not called for MCMs. */
    default Status onDeleteVc(VcHandle vc) {
        return Status.SUCCESS;
    }

    /** D4: may pend; complete with {@link MiniportServices#activateVcComplete}. Not called for MCMs. */
    default Status onActivateVc(VcHandle vc, CallParameters params) {
        return Status.SUCCESS;
    }

    /** D6: may pend; complete with {@link MiniportServices#deactivateVcComplete}. Not called for MCMs. */
    default Status onDeactivateVc(VcHandle vc) {
        return Status.SUCCESS;
    }

    /** F1: must accept the packet and complete it later with {@link MiniportServices#sendComplete}. */
    void onSend(VcHandle vc, Packet packet);

    /** G1/G4: an OID for the miniport, adapter-wide ({@code vc == null}) or per VC. */
    default Status onOidRequest(AdapterHandle adapter, VcHandle vc, OidRequest request) {
        return Status.INVALID_OID;
    }

    /** F2: a protocol gave back a packet it had kept. */
    default void onReturnPacket(VcHandle vc, Packet packet) {
    }
}

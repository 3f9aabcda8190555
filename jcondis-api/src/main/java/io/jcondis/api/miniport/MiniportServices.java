package io.jcondis.api.miniport;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.CallParameters;
import io.jcondis.api.DriverServices;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.api.StatusIndication;
import io.jcondis.api.VcHandle;

/** What a connection-oriented miniport calls (NdisMCo*), plus adapter arrival and removal. */
public interface MiniportServices extends DriverServices {
    /** A device arrives: runs onInitialize, then binds every protocol to the new adapter. */
    Result<AdapterHandle> startAdapter(String adapterName);

    /**
     * The device goes away: runs onHalt (an MCM notifies its clients to close their AFs there), waits for every
     * AF on it to close, unbinds the protocols and removes the adapter. PENDING while AFs are still open.
     */
    Status haltAdapter(AdapterHandle adapter);

    /** D4: completes a pended activation. */
    void activateVcComplete(Status status, VcHandle vc, CallParameters params);

    /** D6: completes a pended deactivation (only once every send has completed, R29). */
    void deactivateVcComplete(Status status, VcHandle vc);

    /** F1: completes a send; set {@link Packet#status(Status)} first (SUCCESS if left PENDING). */
    void sendComplete(VcHandle vc, Packet packet);

    /**
     * F2: indicates a received packet on an active VC to the protocol that shares it. Returns SUCCESS when
     * delivered (the packet is back with the miniport unless the protocol kept it: then onReturnPacket follows),
     * VC_NOT_ACTIVATED when the VC cannot carry data, INVALID_HANDLE for a bad VC.
     */
    Status indicateReceive(VcHandle vc, Packet packet, boolean resources);

    /** H1: a status indication; {@code vc == null} reaches every binding of {@code adapter} (R35). */
    Status indicateStatus(AdapterHandle adapter, VcHandle vc, StatusIndication indication);

    /** G1/G4: completes a pended OID request. */
    void oidRequestComplete(AdapterHandle adapter, VcHandle vc, OidRequest request, Status status);
}

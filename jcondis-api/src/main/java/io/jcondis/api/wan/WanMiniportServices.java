package io.jcondis.api.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.DriverServices;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;

/**
 * What a legacy NDIS WAN miniport calls (NdisM* for WAN miniports), plus adapter arrival and removal. May be
 * called from any thread and from inside the miniport's own handlers (re-entrant, docs/architecture.md). A
 * completion for a request that is not pending, or any other contract breach, is refused, reported to the
 * runtime's error handler and counted; it never disturbs other lines, calls or adapters.
 */
public interface WanMiniportServices extends DriverServices {
    /** A device arrives: onInitialize runs, then NDISWAN/NDISTAPI may start a TAPI session on it. */
    Result<AdapterHandle> startAdapter(String adapterName);

    /** The device goes away: onHalt runs, the adapter is deregistered (R46). */
    Status haltAdapter(AdapterHandle adapter);

    /** NdisMQueryInformationComplete. */
    void queryInformationComplete(AdapterHandle adapter, OidRequest request, Status status);

    /** NdisMSetInformationComplete. */
    void setInformationComplete(AdapterHandle adapter, OidRequest request, Status status);

    /**
     * NdisMIndicateStatus(NDIS_STATUS_TAPI_INDICATION, NDIS_TAPI_EVENT) for every message except LINE_NEWCALL
     * (whose param2 is an out parameter: use {@link #indicateNewCall}).
     *
     * @return SUCCESS when delivered; INVALID_HANDLE for an adapter that is not running; INVALID_PARAMETER for
     *         LINE_NEWCALL; FAILURE (and a reported contract violation) for an event naming an htLine or htCall
     *         TAPI never gave this adapter, an illegal call-state change or a malformed parameter
     */
    Status indicateTapiEvent(AdapterHandle adapter, TapiEvent event);

    /**
     * NdisMIndicateStatus(NDIS_STATUS_TAPI_INDICATION, NDIS_TAPI_EVENT{htLine, LINE_NEWCALL, param1 = hdCall})
     * (J6): a call is arriving on an open line. NDISTAPI writes its htCall into param2, returned here; the
     * miniport keeps it for every later event on the call (R48) and follows with LINE_CALLSTATE(OFFERING).
     *
     * @param adapter the adapter
     * @param htLine  TAPI's handle of the open line
     * @param hdCall  the miniport's new call handle
     * @return SUCCESS and the htCall; FAILURE (violation R39) when media detection was not enabled on the line;
     *         FAILURE (violation) for an unknown line or an hdCall already in use; INVALID_HANDLE for a bad adapter
     */
    Result<Long> indicateNewCall(AdapterHandle adapter, long htLine, long hdCall);

    /**
     * NdisMIndicateStatus(NDIS_STATUS_WAN_LINE_UP): returns NDISWAN's NdisLinkContext for the link. R47: for a
     * connected call, before completing OID_TAPI_GET_ID; ConnectionWrapperID must be the call's htCall.
     */
    Result<Long> indicateLineUp(AdapterHandle adapter, LineUp lineUp);

    /** NdisMIndicateStatus(NDIS_STATUS_WAN_LINE_DOWN, NDIS_MAC_LINE_DOWN{NdisLinkContext}). */
    Status indicateLineDown(AdapterHandle adapter, long ndisLinkContext);

    /** NdisMWanIndicateReceive (J9): the packet is lent for the duration of the call. */
    Status indicateReceive(AdapterHandle adapter, long ndisLinkContext, Packet packet);

    /** NdisMWanSendComplete. */
    void wanSendComplete(AdapterHandle adapter, Packet packet, Status status);
}

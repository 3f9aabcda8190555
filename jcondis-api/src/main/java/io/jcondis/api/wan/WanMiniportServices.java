package io.jcondis.api.wan;

import io.jcondis.api.AdapterHandle;
import io.jcondis.api.DriverServices;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;

/** What a legacy NDIS WAN miniport calls (NdisM* for WAN miniports), plus adapter arrival and removal. */
public interface WanMiniportServices extends DriverServices {
    /** A device arrives: onInitialize runs, then NDISWAN/NDISTAPI may start a TAPI session on it. */
    Result<AdapterHandle> startAdapter(String adapterName);

    /** The device goes away: onHalt runs, the adapter is deregistered (R46). */
    Status haltAdapter(AdapterHandle adapter);

    /** NdisMQueryInformationComplete. */
    void queryInformationComplete(AdapterHandle adapter, OidRequest request, Status status);

    /** NdisMSetInformationComplete. */
    void setInformationComplete(AdapterHandle adapter, OidRequest request, Status status);

    /** NdisMIndicateStatus(NDIS_STATUS_TAPI_INDICATION, NDIS_TAPI_EVENT). */
    Status indicateTapiEvent(AdapterHandle adapter, TapiEvent event);

    /** NdisMIndicateStatus(NDIS_STATUS_WAN_LINE_UP): returns NDISWAN's NdisLinkContext for the link. */
    Result<Long> indicateLineUp(AdapterHandle adapter, LineUp lineUp);

    /** NdisMIndicateStatus(NDIS_STATUS_WAN_LINE_DOWN, NDIS_MAC_LINE_DOWN{NdisLinkContext}). */
    Status indicateLineDown(AdapterHandle adapter, long ndisLinkContext);

    /** NdisMWanIndicateReceive (J9): the packet is lent for the duration of the call. */
    Status indicateReceive(AdapterHandle adapter, long ndisLinkContext, Packet packet);

    /** NdisMWanSendComplete. */
    void wanSendComplete(AdapterHandle adapter, Packet packet, Status status);
}

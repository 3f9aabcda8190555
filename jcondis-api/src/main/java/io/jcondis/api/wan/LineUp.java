package io.jcondis.api.wan;

/**
 * NDIS_MAC_LINE_UP: a WAN link comes up for a connected call (NDIS_STATUS_WAN_LINE_UP). R47: indicated before
 * the miniport completes OID_TAPI_GET_ID for the call.
 *
 * @param linkSpeed100Bps     link speed in units of 100 bit/s (0 = unchanged)
 * @param quality             NDIS_WAN_QUALITY: 0 raw, 1 error control, 2 reliable
 * @param sendWindow          outstanding sends allowed (0 = NDIS_WAN_INFO.MaxTransmit)
 * @param connectionWrapperId TAPI's htCall for the call
 * @param ndisLinkHandle      the miniport's handle for the link
 */
public record LineUp(long linkSpeed100Bps, int quality, int sendWindow, long connectionWrapperId,
                     long ndisLinkHandle) {
}

package io.jcondis.api.wan;

/** The legacy NDIS WAN OIDs the WAN stack uses (contract 4.5, values from ntddndis.h). */
public final class WanOids {
    /** OID_WAN_PERMANENT_ADDRESS (query). */
    public static final int OID_WAN_PERMANENT_ADDRESS = 0x04010101;
    /** OID_WAN_CURRENT_ADDRESS (query). */
    public static final int OID_WAN_CURRENT_ADDRESS = 0x04010102;
    /** OID_WAN_MEDIUM_SUBTYPE (query). */
    public static final int OID_WAN_MEDIUM_SUBTYPE = 0x04010105;
    /**
     * OID_WAN_GET_INFO (query, mandatory): NDIS_WAN_INFO. NDISWAN asks it once when an adapter starts; its
     * MaxTransmit is the send window of a link whose line-up gave SendWindow 0.
     */
    public static final int OID_WAN_GET_INFO = 0x04010107;
    /** OID_WAN_SET_LINK_INFO (set). */
    public static final int OID_WAN_SET_LINK_INFO = 0x04010108;
    /** OID_WAN_GET_LINK_INFO (query). */
    public static final int OID_WAN_GET_LINK_INFO = 0x04010109;
    /** OID_WAN_LINE_COUNT (query). */
    public static final int OID_WAN_LINE_COUNT = 0x0401010A;
    /** OID_WAN_GET_STATS_INFO (query). */
    public static final int OID_WAN_GET_STATS_INFO = 0x0401020E;

    private WanOids() {
    }

    /** @return true when {@code oid} is in the legacy WAN range 0x0401xxxx */
    public static boolean isWanOid(int oid) {
        return (oid & 0xFFFF0000) == 0x04010000;
    }
}

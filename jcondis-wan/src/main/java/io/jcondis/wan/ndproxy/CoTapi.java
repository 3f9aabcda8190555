package io.jcondis.wan.ndproxy;

import io.jcondis.api.Sap;
import io.jcondis.api.SpecificParameters;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * TAPI over CoNDIS (contract 2.6, 4.2, section 6): the OID_CO_TAPI_* values, the CO_TAPI_* capability structures
 * NDPROXY queries in K2, the CO_AF_TAPI_SAP overlay of a TAPI-AF SAP, and the mapping between CoNDIS call
 * statuses and LINEDISCONNECTMODE_* (R50). All structures are little-endian ULONGs, as in ndistapi.h.
 * <pre>
 *   CO_TAPI_CM_CAPS        0: ulCoTapiVersion  4: ulNumLines  8: ulFlags (CO_TAPI_FLAG_PER_LINE_CAPS)
 *   CO_TAPI_LINE_CAPS      0: ulLineID (in)    4: ulFlags (CO_TAPI_FLAG_PER_ADDRESS_CAPS)  8: LINE_DEV_CAPS
 *   CO_TAPI_ADDRESS_CAPS   0: ulLineID (in)    4: ulAddressID (in)  8: ulFlags  12: LINE_ADDRESS_CAPS
 *   CO_AF_TAPI_SAP         0: ulLineID         4: ulAddressID       8: ulMediaModes
 * </pre>
 */
public final class CoTapi {
    /** OID_CO_TAPI_CM_CAPS (query). */
    public static final int OID_CO_TAPI_CM_CAPS = 0xFE001001;
    /** OID_CO_TAPI_LINE_CAPS (query). */
    public static final int OID_CO_TAPI_LINE_CAPS = 0xFE001002;
    /** OID_CO_TAPI_ADDRESS_CAPS (query). */
    public static final int OID_CO_TAPI_ADDRESS_CAPS = 0xFE001003;
    /** CO_TAPI_VERSION (= NDIS_TAPI_CURRENT_VERSION). */
    public static final int CO_TAPI_VERSION = Tapi.NDIS_TAPI_CURRENT_VERSION;
    /** CO_TAPI_FLAG_PER_LINE_CAPS (CO_TAPI_CM_CAPS.ulFlags). */
    public static final int CO_TAPI_FLAG_PER_LINE_CAPS = 0x1;
    /** CO_TAPI_FLAG_PER_ADDRESS_CAPS (CO_TAPI_LINE_CAPS.ulFlags). */
    public static final int CO_TAPI_FLAG_PER_ADDRESS_CAPS = 0x1;
    /** Offset of LINE_DEV_CAPS inside CO_TAPI_LINE_CAPS. */
    public static final int LINE_CAPS_HEADER_BYTES = 8;
    /** Offset of LINE_ADDRESS_CAPS inside CO_TAPI_ADDRESS_CAPS. */
    public static final int ADDRESS_CAPS_HEADER_BYTES = 12;
    /** CO_TAPI_FLAG_OUTGOING_CALL. */
    public static final int CO_TAPI_FLAG_OUTGOING_CALL = 0x1;
    /** CO_TAPI_FLAG_USE_DEFAULT_CALLPARAMS. */
    public static final int CO_TAPI_FLAG_USE_DEFAULT_CALLPARAMS = 0x4;
    /** The MediaSpecific ParamType jcondis uses for the CO_AF_TAPI_*_CALL_PARAMETERS overlays. */
    public static final int MAKE_CALL_PARAM_TYPE = Sap.AF_TAPI_SAP_TYPE;
    /** Size of CO_TAPI_CM_CAPS. */
    public static final int CM_CAPS_BYTES = 12;

    /**
     * CO_TAPI_CM_CAPS.
     *
     * @param version  ulCoTapiVersion
     * @param numLines ulNumLines
     * @param flags    ulFlags
     */
    public record CmCaps(int version, int numLines, int flags) {
        /** @return the 12-byte structure */
        public byte[] encode() {
            return le(CM_CAPS_BYTES).putInt(version).putInt(numLines).putInt(flags).array();
        }

        /** @return the structure in {@code buf}, or null when it is shorter than 12 bytes */
        public static CmCaps decode(byte[] buf) {
            if (buf == null || buf.length < CM_CAPS_BYTES) {
                return null;
            }
            ByteBuffer b = ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN);
            return new CmCaps(b.getInt(), b.getInt(), b.getInt());
        }

        /** @return true when the call manager answers OID_CO_TAPI_LINE_CAPS once per line */
        public boolean perLineCaps() {
            return (flags & CO_TAPI_FLAG_PER_LINE_CAPS) != 0;
        }
    }

    private CoTapi() {
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * @return a CO_TAPI_LINE_CAPS query buffer of {@code total} bytes asking for line {@code lineId}: ulLineID,
     *         ulFlags 0, then LINE_DEV_CAPS whose ulTotalSize offers the rest of the buffer (GAP-3: without it the
     *         call manager can only answer TAPI_STRUCTURETOOSMALL)
     */
    public static byte[] lineCapsQuery(int lineId, int total) {
        return le(total).putInt(lineId).putInt(0).putInt(total - LINE_CAPS_HEADER_BYTES).array();
    }

    /**
     * @return a CO_TAPI_ADDRESS_CAPS query buffer of {@code total} bytes for line {@code lineId}, address
     *         {@code addressId}: ulLineID, ulAddressID, ulFlags 0, then LINE_ADDRESS_CAPS whose ulTotalSize offers
     *         the rest of the buffer
     */
    public static byte[] addressCapsQuery(int lineId, int addressId, int total) {
        return le(total).putInt(lineId).putInt(addressId).putInt(0).putInt(total - ADDRESS_CAPS_HEADER_BYTES)
                .array();
    }

    /** @return ULONG {@code index} of {@code buf} (little-endian), or -1 when outside */
    public static int u32(byte[] buf, int index) {
        if (buf == null || buf.length < (index + 1) * 4) {
            return -1;
        }
        return ByteBuffer.wrap(buf).order(ByteOrder.LITTLE_ENDIAN).getInt(index * 4);
    }

    /** @return the SAP of the TAPI AF: AF_TAPI_SAP_TYPE with CO_AF_TAPI_SAP {line, address, media modes} */
    public static Sap tapiSap(int lineId, int addressId, int mediaModes) {
        return new Sap(Sap.AF_TAPI_SAP_TYPE, le(12).putInt(lineId).putInt(addressId).putInt(mediaModes).array());
    }

    /**
     * K3: CO_AF_TAPI_MAKE_CALL_PARAMETERS in MediaSpecific (type {@link #MAKE_CALL_PARAM_TYPE}), 32-bit layout:
     * ulLineID, ulAddressID, ulFlags (CO_TAPI_FLAG_OUTGOING_CALL | USE_DEFAULT_CALLPARAMS), DestAddress
     * {USHORT Length, USHORT MaximumLength, ULONG Offset}, LineCallParams {0, 0, 0}, then the address bytes.
     */
    public static SpecificParameters makeCallParameters(int lineId, int addressId, String dest) {
        byte[] d = dest.getBytes(StandardCharsets.US_ASCII);
        int fixed = 28;
        ByteBuffer b = le(fixed + d.length).putInt(lineId).putInt(addressId)
                .putInt(CO_TAPI_FLAG_OUTGOING_CALL | CO_TAPI_FLAG_USE_DEFAULT_CALLPARAMS)
                .putShort((short) d.length).putShort((short) d.length).putInt(fixed).putInt(0).putInt(0);
        b.put(d);
        return new SpecificParameters(MAKE_CALL_PARAM_TYPE, b.array());
    }

    /** @return the destination address of a CO_AF_TAPI_MAKE_CALL_PARAMETERS overlay, or null when malformed */
    public static String destAddress(SpecificParameters p) {
        byte[] b = p.parameters();
        if (p.paramType() != MAKE_CALL_PARAM_TYPE || b.length < 28) {
            return null;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int len = Short.toUnsignedInt(bb.getShort(12));
        int off = bb.getInt(16);
        if (off < 0 || off > b.length || len > b.length - off) {
            return null;
        }
        return new String(b, off, len, StandardCharsets.US_ASCII);
    }

    /**
     * R50: the LINEDISCONNECTMODE_* a CoNDIS make-call failure or incoming close status stands for. TAPI-AF call
     * managers send NDIS_STATUS_TAPI_DISCONNECTMODE_*; other AFs (the switch's Q.2931) send their own codes,
     * mapped here to the nearest mode.
     */
    public static int disconnectMode(Status st) {
        switch (st.code()) {
            case SUCCESS:
            case TAPI_DISCONNECTMODE_NORMAL:
                return Tapi.LINEDISCONNECTMODE_NORMAL;
            case TAPI_DISCONNECTMODE_REJECT:
                return Tapi.LINEDISCONNECTMODE_REJECT;
            case TAPI_DISCONNECTMODE_PICKUP:
                return Tapi.LINEDISCONNECTMODE_PICKUP;
            case TAPI_DISCONNECTMODE_FORWARDED:
                return Tapi.LINEDISCONNECTMODE_FORWARDED;
            case TAPI_DISCONNECTMODE_BUSY:
                return Tapi.LINEDISCONNECTMODE_BUSY;
            case TAPI_DISCONNECTMODE_NOANSWER:
                return Tapi.LINEDISCONNECTMODE_NOANSWER;
            case TAPI_DISCONNECTMODE_BADADDRESS:
            case INVALID_ADDRESS:
            case NO_ROUTE_TO_DESTINATION:
                return Tapi.LINEDISCONNECTMODE_BADADDRESS;
            case TAPI_DISCONNECTMODE_UNREACHABLE:
            case INVALID_SAP:
                return Tapi.LINEDISCONNECTMODE_UNREACHABLE;
            case TAPI_DISCONNECTMODE_CONGESTION:
            case CELLRATE_NOT_AVAILABLE:
            case RESOURCES:
                return Tapi.LINEDISCONNECTMODE_CONGESTION;
            case TAPI_DISCONNECTMODE_INCOMPATIBLE:
            case INCOMPATABLE_QOS:
                return Tapi.LINEDISCONNECTMODE_INCOMPATIBLE;
            case TAPI_DISCONNECTMODE_UNAVAIL:
            case DEST_OUT_OF_ORDER:
                return Tapi.LINEDISCONNECTMODE_UNAVAIL;
            default:
                return Tapi.LINEDISCONNECTMODE_UNKNOWN;
        }
    }
}

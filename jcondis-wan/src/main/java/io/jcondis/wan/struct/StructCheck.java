package io.jcondis.wan.struct;

import io.jcondis.api.OidRequest;
import io.jcondis.api.Status;
import io.jcondis.api.wan.TapiOids;

/**
 * Validates NDIS_TAPI_* information buffers without ever throwing: a request before it reaches a miniport, and a
 * miniport's successful answer before NDISTAPI decodes it. The statuses (docs/wan.md, "Bad input"):
 * <ul>
 *   <li>not an OID_TAPI_* value, or a query OID sent as a set (or the reverse): {@code NDIS_STATUS_INVALID_OID};
 *   </li>
 *   <li>a buffer shorter than the structure's fixed part (for an embedded variable-size output structure: than
 *       its offset plus the 12 header bytes): {@code NDIS_STATUS_INVALID_LENGTH}, bytes needed set;</li>
 *   <li>an output structure whose ulTotalSize is under 12: {@code NDIS_STATUS_TAPI_STRUCTURETOOSMALL};</li>
 *   <li>a ulTotalSize larger than the buffer, a Size/Offset pair or tail size reaching outside the buffer or into
 *       the fixed part: {@code NDIS_STATUS_TAPI_INVALPARAM}; inside LINE_CALL_PARAMS:
 *       {@code NDIS_STATUS_TAPI_INVALCALLPARAMS};</li>
 *   <li>OID_TAPI_DIAL without digits: {@code TAPI_INVALADDRESS}; OID_TAPI_GET_ID without a device class:
 *       {@code TAPI_INVALDEVICECLASS}.</li>
 * </ul>
 * Thread-safe (stateless).
 */
public final class StructCheck {
    /**
     * Why a buffer was refused.
     *
     * @param status      the status to answer with
     * @param bytesNeeded for INVALID_LENGTH: the smallest acceptable buffer; otherwise 0
     * @param reason      diagnostic text
     */
    public record Problem(Status status, int bytesNeeded, String reason) {
        /** @return the status with the reason as its description */
        public Status asStatus() {
            return status.withDescription(reason);
        }
    }

    private StructCheck() {
    }

    /**
     * @param oid  the OID
     * @param type query or set
     * @param buf  the information buffer
     * @return null when the request is well-formed, else the problem
     */
    public static Problem checkRequest(int oid, OidRequest.Type type, byte[] buf) {
        NdisTapiStructs.OidLayout ol = NdisTapiStructs.forOid(oid);
        TapiOids.Info info = TapiOids.info(oid);
        if (ol == null || info == null) {
            return problem(Status.Code.INVALID_OID, String.format("0x%08X is not an OID_TAPI_* value", oid));
        }
        if (info.query() != (type == OidRequest.Type.QUERY)) {
            return problem(Status.Code.INVALID_OID, info.name() + " is a " + (info.query() ? "query" : "set"));
        }
        if (buf == null || buf.length < ol.minimumLength()) {
            return new Problem(Status.of(Status.Code.INVALID_LENGTH), ol.minimumLength(), info.name() + " needs "
                    + ol.minimumLength() + " bytes, got " + (buf == null ? 0 : buf.length));
        }
        StructLayout l = ol.layout();
        TapiMessage m = TapiMessage.wrap(l, buf);
        long outputEnd = 0;
        if (ol.varStruct() != null) {
            int at = l.offset(ol.varStruct());
            long total = Integer.toUnsignedLong(TapiMessage.getU32(buf, at));
            if (total < VarStructWriter.HEADER_BYTES) {
                return new Problem(Status.of(Status.Code.TAPI_STRUCTURETOOSMALL), 0,
                        ol.varStruct() + ".ulTotalSize " + total + " cannot even hold its header");
            }
            if (at + total > buf.length) {
                return problem(Status.Code.TAPI_INVALPARAM, ol.varStruct() + ".ulTotalSize " + total
                        + " reaches past the " + buf.length + "-byte buffer");
            }
            outputEnd = at + total;
        }
        if (l.tailOffset() >= 0) {
            String sizeField = tailSizeField(oid);
            long size = Integer.toUnsignedLong(m.u32(sizeField));
            if (!TapiMessage.inside(buf, l.tailOffset(), size)) {
                return problem(Status.Code.TAPI_INVALPARAM, sizeField + " " + size + " reaches past the buffer");
            }
            if (oid == TapiOids.OID_TAPI_DIAL && size == 0) {
                return problem(Status.Code.TAPI_INVALADDRESS, "no digits to dial");
            }
        }
        if (l.has("ulDeviceClassSize")) {
            long fixedEnd = Math.max(l.endOfFixed(), outputEnd);
            Problem p = pair(m, "ulDeviceClass", fixedEnd, buf.length, Status.Code.TAPI_INVALPARAM);
            if (p != null) {
                return p;
            }
            if (oid == TapiOids.OID_TAPI_GET_ID && m.u32("ulDeviceClassSize") == 0) {
                return problem(Status.Code.TAPI_INVALDEVICECLASS, "no device class");
            }
        }
        if (oid == TapiOids.OID_TAPI_MAKE_CALL) {
            Problem p = pair(m, "ulDestAddress", l.endOfFixed(), buf.length, Status.Code.TAPI_INVALPARAM);
            if (p != null) {
                return p;
            }
            if (!m.bool("bUseDefaultLineCallParams")) {
                return checkCallParams(buf, l.offset("LineCallParams"));
            }
        }
        if (oid == TapiOids.OID_TAPI_CONDITIONAL_MEDIA_DETECTION && m.u32("LineCallParams.ulTotalSize") != 0) {
            return checkCallParams(buf, l.offset("LineCallParams"));
        }
        return null;
    }

    /**
     * Checks a miniport's SUCCESS answer to a query with a variable-size output structure: its header must be
     * consistent (ulUsedSize within ulTotalSize, at least the fixed part, not above ulNeededSize) and every
     * Size/Offset pair must lie after the fixed part and within ulUsedSize.
     *
     * @return null when consistent (or the OID has no such structure), else the problem (FAILURE)
     */
    public static Problem checkAnswer(int oid, byte[] buf) {
        NdisTapiStructs.OidLayout ol = NdisTapiStructs.forOid(oid);
        if (ol == null || ol.varStruct() == null || buf == null) {
            return null;
        }
        int at = ol.layout().offset(ol.varStruct());
        VarStructWriter.Header h = VarStructWriter.Header.read(buf, at);
        StructLayout v = ol.varLayout();
        if (h == null || h.usedSize() > h.totalSize() || h.usedSize() < v.size() || h.neededSize() < h.usedSize()
                || !TapiMessage.inside(buf, at, h.usedSize())) {
            return problem(Status.Code.FAILURE, ol.varStruct() + " header inconsistent: " + h);
        }
        TapiMessage m = TapiMessage.wrap(v, buf, at);
        for (StructLayout.Field f : v.fields()) {
            String n = f.name();
            if (n.endsWith("Size") && !n.endsWith("TotalSize") && !n.endsWith("NeededSize")
                    && !n.endsWith("UsedSize") && !n.endsWith("EntrySize")) {
                String prefix = n.substring(0, n.length() - "Size".length());
                if (v.has(prefix + "Offset")) {
                    Problem p = pair(m, prefix, v.size(), h.usedSize(), Status.Code.FAILURE);
                    if (p != null) {
                        return p;
                    }
                }
            }
        }
        return null;
    }

    private static Problem checkCallParams(byte[] buf, int at) {
        StructLayout cp = NdisTapiStructs.LINE_CALL_PARAMS;
        long total = Integer.toUnsignedLong(TapiMessage.getU32(buf, at));
        if (total < cp.size() || at + total > buf.length) {
            return problem(Status.Code.TAPI_INVALCALLPARAMS, "LINE_CALL_PARAMS.ulTotalSize " + total
                    + " is not between " + cp.size() + " and the room left in the buffer");
        }
        TapiMessage m = TapiMessage.wrap(cp, buf, at);
        for (StructLayout.Field f : cp.fields()) {
            String n = f.name();
            if (n.endsWith("Size") && !n.equals("ulTotalSize")) {
                Problem p = pair(m, n.substring(0, n.length() - 4), cp.size(), total,
                        Status.Code.TAPI_INVALCALLPARAMS);
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    /** A Size/Offset pair must be empty, or lie within [{@code from}, {@code to}) of the structure. */
    private static Problem pair(TapiMessage m, String prefix, long from, long to, Status.Code code) {
        long size = Integer.toUnsignedLong(m.u32(prefix + "Size"));
        long off = Integer.toUnsignedLong(m.u32(prefix + "Offset"));
        if (size == 0) {
            return null;
        }
        if (off < from || off + size > to) {
            return problem(code, m.layout().name() + "." + prefix + " [" + off + ", " + (off + size)
                    + ") is outside [" + from + ", " + to + ")");
        }
        return null;
    }

    private static String tailSizeField(int oid) {
        switch (oid) {
            case TapiOids.OID_TAPI_DIAL:
                return "ulDestAddressSize";
            case TapiOids.OID_TAPI_GET_ADDRESS_ID:
                return "ulAddressSize";
            case TapiOids.OID_TAPI_DEV_SPECIFIC:
                return "ulParamsSize";
            case TapiOids.OID_TAPI_SET_DEV_CONFIG:
                return "ulDeviceConfigSize";
            case TapiOids.OID_TAPI_CONFIG_DIALOG:
                return "ulLibraryNameTotalSize";
            default:
                return "ulUserUserInfoSize";
        }
    }

    private static Problem problem(Status.Code code, String reason) {
        return new Problem(Status.of(code), 0, reason);
    }
}

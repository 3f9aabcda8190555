package io.jcondis.wan;

import io.jcondis.api.OidRequest;
import io.jcondis.api.Status;
import io.jcondis.api.wan.Tapi;
import io.jcondis.api.wan.TapiOids;
import io.jcondis.api.wan.WanOids;
import io.jcondis.wan.struct.LineAddressStatus;
import io.jcondis.wan.struct.LineDevStatus;
import io.jcondis.wan.struct.NdisTapiStructs;
import io.jcondis.wan.struct.StructLayout;
import io.jcondis.wan.struct.TapiMessage;
import io.jcondis.wan.struct.VarString;

import java.util.List;
import java.util.function.Function;

/**
 * The request-side half every WAN miniport written on {@code jcondis-wan} repeats (the simulated PSTN, NDPROXY):
 * decoding an OID_TAPI_* request into its NDIS_TAPI_* structure with the length checks, answering
 * OID_WAN_GET_INFO, finding the line a request names (by hdLine or by ulDeviceID), and the answers that depend on
 * nothing but a line's few facts (address id, address and line-device status, the "ndis" device id of R47).
 * <p>
 * Thread-safety: stateless; each method reads and writes only the request (and list) it is given, so it may be
 * called from any thread that owns them (a miniport calls it from its OID handlers, on the control plane).
 * Every method answers bad input with the documented status and never throws for it.
 */
public final class TapiRequestDecoder {
    /** NDIS_WAN_INFO.MaxFrameSize answered by {@link #wanInfo}. */
    public static final int MAX_FRAME_BYTES = 1500;

    private TapiRequestDecoder() {
    }

    /** What a miniport's line must tell the decoder to be found by its hdLine. */
    public interface LineSlot {
        /**
         * @param hdLine an hdLine from a request
         * @return true when the line is open (OID_TAPI_OPEN succeeded, no OID_TAPI_CLOSE since) as {@code hdLine}
         */
        boolean isOpenAs(long hdLine);
    }

    /**
     * A decoded request: either its structure, or the answer already given.
     *
     * @param message the NDIS_TAPI_* structure over the request's buffer, or null when {@code answer} is set
     * @param answer  null, or the final answer: OID_WAN_GET_INFO answered, INVALID_OID, INVALID_LENGTH
     *                ({@code bytesNeeded} set)
     */
    public record Decoded(TapiMessage message, Status answer) {
    }

    /**
     * Decodes {@code r}: OID_WAN_GET_INFO is answered at once (with {@code maxTransmit}); an OID that is not an
     * OID_TAPI_* with a known structure is INVALID_OID; a buffer shorter than the structure's fixed part (and its
     * embedded variable-size header) is INVALID_LENGTH with {@code bytesNeeded} set.
     *
     * @param r           the request
     * @param maxTransmit NDIS_WAN_INFO.MaxTransmit to answer
     * @return the structure to dispatch on, or the answer
     */
    public static Decoded decode(OidRequest r, int maxTransmit) {
        int oid = r.oid();
        if (oid == WanOids.OID_WAN_GET_INFO) {
            return new Decoded(null, wanInfo(r, maxTransmit));
        }
        NdisTapiStructs.OidLayout ol = NdisTapiStructs.forOid(oid);
        if (TapiOids.info(oid) == null || ol == null) {
            return new Decoded(null, Status.INVALID_OID);
        }
        if (r.buffer().length < ol.minimumLength()) {
            r.bytesNeeded(ol.minimumLength());
            return new Decoded(null, Status.INVALID_LENGTH);
        }
        return new Decoded(TapiMessage.wrap(ol.layout(), r.buffer()), null);
    }

    /**
     * OID_WAN_GET_INFO: NDIS_WAN_INFO with one endpoint, PPP framing, {@link #MAX_FRAME_BYTES}.
     *
     * @param r           the request
     * @param maxTransmit MaxTransmit (outstanding sends per link when the line-up gives no SendWindow)
     * @return SUCCESS, or INVALID_LENGTH with {@code bytesNeeded} set
     */
    public static Status wanInfo(OidRequest r, int maxTransmit) {
        StructLayout l = NdisTapiStructs.WAN_INFO;
        if (r.buffer().length < l.size()) {
            r.bytesNeeded(l.size());
            return Status.INVALID_LENGTH;
        }
        TapiMessage.wrap(l, r.buffer()).putU32("MaxFrameSize", MAX_FRAME_BYTES).putU32("MaxTransmit", maxTransmit)
                .putU32("Endpoints", 1).putU32("FramingBits", 0x100 | 0x80000000);
        r.bytesWritten(l.size());
        return Status.SUCCESS;
    }

    /**
     * Runs {@code op} on the open line whose hdLine the request carries.
     *
     * @param lines the miniport's lines
     * @param m     the request's structure (with an hdLine field)
     * @param op    what to do with the line
     * @param <L>   the miniport's line type
     * @return {@code op}'s answer, or TAPI_INVALLINEHANDLE when no open line has that hdLine
     */
    public static <L extends LineSlot> Status withLine(List<L> lines, TapiMessage m, Function<? super L, Status> op) {
        long hd = m.ptr("hdLine");
        for (L l : lines) {
            if (l.isOpenAs(hd)) {
                return op.apply(l);
            }
        }
        return Status.of(Status.Code.TAPI_INVALLINEHANDLE);
    }

    /**
     * Runs {@code op} on the line device the request's ulDeviceID names ({@code base + index}).
     *
     * @param lines the miniport's lines, in device order
     * @param base  the session's ulDeviceIDBase
     * @param m     the request's structure (with a ulDeviceID field)
     * @param op    what to do with the line
     * @param <L>   the miniport's line type
     * @return {@code op}'s answer, or TAPI_NODEVICE when the id is not one of these lines
     */
    public static <L> Status withDevice(List<L> lines, int base, TapiMessage m, Function<? super L, Status> op) {
        long index = Integer.toUnsignedLong(m.u32("ulDeviceID")) - Integer.toUnsignedLong(base);
        if (index < 0 || index >= lines.size()) {
            return Status.of(Status.Code.TAPI_NODEVICE);
        }
        return op.apply(lines.get((int) index));
    }

    /**
     * OID_TAPI_GET_ADDRESS_ID for a line with one address: the dialable address must be the line's.
     *
     * @param m       the NDIS_TAPI_GET_ADDRESS_ID structure
     * @param address the line's dialable address
     * @return SUCCESS (ulAddressID 0 written), or TAPI_INVALADDRESS
     */
    public static Status addressId(TapiMessage m, String address) {
        String asked = m.ascii(m.layout().tailOffset(), Integer.toUnsignedLong(m.u32("ulAddressSize")));
        if (m.u32("ulAddressMode") != Tapi.LINEADDRESSMODE_DIALABLEADDR || !asked.equals(address)) {
            return Status.of(Status.Code.TAPI_INVALADDRESS);
        }
        m.putU32("ulAddressID", 0);
        return Status.SUCCESS;
    }

    /**
     * OID_TAPI_GET_ADDRESS_STATUS for a line with one address and at most one call.
     *
     * @param m    the NDIS_TAPI_GET_ADDRESS_STATUS structure
     * @param busy whether the line has a call
     * @return the LINE_ADDRESS_STATUS answer, or TAPI_INVALADDRESSID for an address other than 0
     */
    public static Status addressStatus(TapiMessage m, boolean busy) {
        if (m.u32("ulAddressID") != 0) {
            return Status.of(Status.Code.TAPI_INVALADDRESSID);
        }
        return new LineAddressStatus(busy ? 1 : 0, busy ? 1 : 0, busy ? 0 : Tapi.LINEADDRFEATURE_MAKECALL)
                .writeTo(m.buffer(), m.layout().offset("LineAddressStatus"));
    }

    /**
     * OID_TAPI_GET_LINE_DEV_STATUS for a line opened once, with at most one call, in service.
     *
     * @param m         the NDIS_TAPI_GET_LINE_DEV_STATUS structure
     * @param detection the media modes detected (OID_TAPI_SET_DEFAULT_MEDIA_DETECTION)
     * @param busy      whether the line has a call
     * @return the LINE_DEV_STATUS answer
     */
    public static Status lineDevStatus(TapiMessage m, int detection, boolean busy) {
        return new LineDevStatus(1, detection, busy ? 1 : 0, busy ? 0 : Tapi.LINEFEATURE_MAKECALL, 0x4)
                .writeTo(m.buffer(), m.layout().offset("LineDevStatus"));
    }

    /**
     * OID_TAPI_CONDITIONAL_MEDIA_DETECTION (and any check of a media-mode set).
     *
     * @param modes     the media modes asked for
     * @param supported the media modes the miniport supports
     * @return SUCCESS, or TAPI_INVALMEDIAMODE when {@code modes} has a bit outside {@code supported}
     */
    public static Status mediaModes(int modes, int supported) {
        return (modes & ~supported) == 0 ? Status.SUCCESS : Status.of(Status.Code.TAPI_INVALMEDIAMODE);
    }

    /**
     * OID_TAPI_GET_ID, device class "ndis", for a call: the id is the call's NdisLinkContext, known only after its
     * line-up (R47), as an 8-byte binary VAR_STRING.
     *
     * @param m           the NDIS_TAPI_GET_ID structure
     * @param linkContext the call's NdisLinkContext, 0 before its line-up
     * @return SUCCESS; TAPI_INVALDEVICECLASS (not "ndis" or not for a call); TAPI_INVALCALLSTATE (no line-up yet);
     *         or the VAR_STRING's answer when it does not fit
     */
    public static Status linkId(TapiMessage m, long linkContext) {
        String cls = m.ascii(Integer.toUnsignedLong(m.u32("ulDeviceClassOffset")),
                Integer.toUnsignedLong(m.u32("ulDeviceClassSize")));
        if (!"ndis".equalsIgnoreCase(cls) || m.u32("ulSelect") != Tapi.LINECALLSELECT_CALL) {
            return Status.of(Status.Code.TAPI_INVALDEVICECLASS);
        }
        if (linkContext == 0) {
            return Status.of(Status.Code.TAPI_INVALCALLSTATE);
        }
        byte[] id = new byte[8];
        TapiMessage.putU64(id, 0, linkContext);
        return new VarString(Tapi.STRINGFORMAT_BINARY, id).writeTo(m.buffer(), m.layout().offset("DeviceID"));
    }
}

package io.jcondis.wan.struct;

import io.jcondis.api.wan.Tapi;

/**
 * LINE_CALL_PARAMS as an application fills it for a make-call (the fields jcondis models; no variable parts).
 *
 * @param bearerMode  LINEBEARERMODE_*
 * @param minRateBps  lowest acceptable rate, bit/s
 * @param maxRateBps  highest wanted rate, bit/s
 * @param mediaMode   LINEMEDIAMODE_*
 * @param addressMode LINEADDRESSMODE_*
 * @param addressId   the originating address
 */
public record LineCallParams(int bearerMode, int minRateBps, int maxRateBps, int mediaMode, int addressMode,
                             int addressId) {
    /** Digital data on address 0 at any rate: what a WAN (PPP) connection asks for. */
    public static final LineCallParams DATA = new LineCallParams(Tapi.LINEBEARERMODE_DATA, 0, 0,
            Tapi.LINEMEDIAMODE_DIGITALDATA, Tapi.LINEADDRESSMODE_ADDRESSID, 0);

    /** Writes the fixed part (ulTotalSize = 112, every Size/Offset pair 0) at {@code base}. */
    public void writeTo(byte[] buf, int base) {
        TapiMessage.wrap(NdisTapiStructs.LINE_CALL_PARAMS, buf, base)
                .putU32("ulTotalSize", NdisTapiStructs.LINE_CALL_PARAMS.size()).putU32("ulBearerMode", bearerMode)
                .putU32("ulMinRate", minRateBps).putU32("ulMaxRate", maxRateBps).putU32("ulMediaMode", mediaMode)
                .putU32("ulAddressMode", addressMode).putU32("ulAddressID", addressId);
    }

    /** @return the parameters at {@code base}, or null when the fixed part is not inside {@code buf} */
    public static LineCallParams decode(byte[] buf, int base) {
        if (!TapiMessage.inside(buf, base, NdisTapiStructs.LINE_CALL_PARAMS.size())) {
            return null;
        }
        TapiMessage m = TapiMessage.wrap(NdisTapiStructs.LINE_CALL_PARAMS, buf, base);
        return new LineCallParams(m.u32("ulBearerMode"), m.u32("ulMinRate"), m.u32("ulMaxRate"),
                m.u32("ulMediaMode"), m.u32("ulAddressMode"), m.u32("ulAddressID"));
    }
}

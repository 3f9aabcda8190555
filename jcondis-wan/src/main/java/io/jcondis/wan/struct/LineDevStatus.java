package io.jcondis.wan.struct;

import io.jcondis.api.Status;

/**
 * The answer to OID_TAPI_GET_LINE_DEV_STATUS (LINE_DEV_STATUS), the fields jcondis models.
 *
 * @param numOpens        opens of the line
 * @param openMediaModes  LINEMEDIAMODE_* the line monitors for incoming calls
 * @param numActiveCalls  active calls
 * @param lineFeatures    LINEFEATURE_* available now
 * @param devStatusFlags  LINEDEVSTATUSFLAGS_* (0x1 CONNECTED, 0x2 MSGWAIT, 0x4 INSERVICE, 0x8 LOCKED)
 */
public record LineDevStatus(int numOpens, int openMediaModes, int numActiveCalls, int lineFeatures,
                            int devStatusFlags) {
    private static final StructLayout L = NdisTapiStructs.LINE_DEV_STATUS;

    /** Writes this answer at {@code base} (GAP-3 rule of {@link VarStructWriter}). */
    public Status writeTo(byte[] buf, int base) {
        return new VarStructWriter(buf, base, L).u32("ulNumOpens", numOpens).u32("ulOpenMediaModes", openMediaModes)
                .u32("ulNumActiveCalls", numActiveCalls).u32("ulLineFeatures", lineFeatures)
                .u32("ulDevStatusFlags", devStatusFlags).finish();
    }

    /** @return the structure at {@code base}, or null when its fixed part is not inside {@code buf} */
    public static LineDevStatus decode(byte[] buf, int base) {
        if (!TapiMessage.inside(buf, base, L.size())) {
            return null;
        }
        TapiMessage m = TapiMessage.wrap(L, buf, base);
        return new LineDevStatus(m.u32("ulNumOpens"), m.u32("ulOpenMediaModes"), m.u32("ulNumActiveCalls"),
                m.u32("ulLineFeatures"), m.u32("ulDevStatusFlags"));
    }
}

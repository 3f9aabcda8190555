package io.jcondis.wan.struct;

import io.jcondis.api.Status;

/**
 * The answer to OID_TAPI_GET_CALL_STATUS (LINE_CALL_STATUS).
 *
 * @param callState     one LINECALLSTATE_* bit
 * @param callStateMode the state's mode (e.g. LINEDISCONNECTMODE_* when DISCONNECTED)
 * @param callPrivilege LINECALLPRIVILEGE_*
 * @param callFeatures  LINECALLFEATURE_* available now
 */
public record LineCallStatus(int callState, int callStateMode, int callPrivilege, int callFeatures) {
    private static final StructLayout L = NdisTapiStructs.LINE_CALL_STATUS;

    /** Writes this answer at {@code base} (GAP-3 rule of {@link VarStructWriter}). */
    public Status writeTo(byte[] buf, int base) {
        return new VarStructWriter(buf, base, L).u32("ulCallState", callState).u32("ulCallStateMode", callStateMode)
                .u32("ulCallPrivilege", callPrivilege).u32("ulCallFeatures", callFeatures).finish();
    }

    /** @return the structure at {@code base}, or null when its fixed part is not inside {@code buf} */
    public static LineCallStatus decode(byte[] buf, int base) {
        if (!TapiMessage.inside(buf, base, L.size())) {
            return null;
        }
        TapiMessage m = TapiMessage.wrap(L, buf, base);
        return new LineCallStatus(m.u32("ulCallState"), m.u32("ulCallStateMode"), m.u32("ulCallPrivilege"),
                m.u32("ulCallFeatures"));
    }
}

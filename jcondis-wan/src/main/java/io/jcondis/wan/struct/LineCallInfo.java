package io.jcondis.wan.struct;

import io.jcondis.api.Status;

/**
 * The answer to OID_TAPI_GET_CALL_INFO (LINE_CALL_INFO), the fields jcondis models.
 *
 * @param lineDeviceId the line's device id
 * @param addressId    the address of the call
 * @param bearerMode   LINEBEARERMODE_*
 * @param rateBps      data rate, bit/s
 * @param mediaMode    LINEMEDIAMODE_*
 * @param appSpecific  the value set with OID_TAPI_SET_APP_SPECIFIC
 * @param callId       the switch's call id
 * @param callStates   LINECALLSTATE_* the call can take
 * @param origin       LINECALLORIGIN_*
 * @param reason       LINECALLREASON_*
 * @param callerId     caller's number
 * @param calledId     called number
 */
public record LineCallInfo(int lineDeviceId, int addressId, int bearerMode, int rateBps, int mediaMode,
                           int appSpecific, int callId, int callStates, int origin, int reason, String callerId,
                           String calledId) {
    private static final StructLayout L = NdisTapiStructs.LINE_CALL_INFO;

    /** Writes this answer at {@code base} (GAP-3 rule of {@link VarStructWriter}). */
    public Status writeTo(byte[] buf, int base) {
        VarStructWriter w = new VarStructWriter(buf, base, L);
        w.u32("ulLineDeviceID", lineDeviceId).u32("ulAddressID", addressId).u32("ulBearerMode", bearerMode)
                .u32("ulRate", rateBps).u32("ulMediaMode", mediaMode).u32("ulAppSpecific", appSpecific)
                .u32("ulCallID", callId).u32("ulCallStates", callStates).u32("ulOrigin", origin)
                .u32("ulReason", reason);
        w.string("ulCallerIDSize", "ulCallerIDOffset", callerId).string("ulCalledIDSize", "ulCalledIDOffset",
                calledId);
        return w.finish();
    }

    /** @return the structure at {@code base}, or null when its fixed part is not inside {@code buf} */
    public static LineCallInfo decode(byte[] buf, int base) {
        if (!TapiMessage.inside(buf, base, L.size())) {
            return null;
        }
        TapiMessage m = TapiMessage.wrap(L, buf, base);
        return new LineCallInfo(m.u32("ulLineDeviceID"), m.u32("ulAddressID"), m.u32("ulBearerMode"),
                m.u32("ulRate"), m.u32("ulMediaMode"), m.u32("ulAppSpecific"), m.u32("ulCallID"),
                m.u32("ulCallStates"), m.u32("ulOrigin"), m.u32("ulReason"), LineDevCaps.str(m, "ulCallerID"),
                LineDevCaps.str(m, "ulCalledID"));
    }
}

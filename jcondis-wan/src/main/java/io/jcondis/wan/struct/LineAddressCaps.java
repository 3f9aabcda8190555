package io.jcondis.wan.struct;

import io.jcondis.api.Status;

/**
 * The answer to OID_TAPI_GET_ADDRESS_CAPS (LINE_ADDRESS_CAPS), the fields jcondis models.
 *
 * @param lineDeviceId      the line's device id
 * @param address           the address (directory number)
 * @param addressSharing    LINEADDRESSSHARING_*
 * @param addressStates     LINEADDRESSSTATE_* reported
 * @param callStates        LINECALLSTATE_* calls on it can take
 * @param disconnectModes   LINEDISCONNECTMODE_* reported
 * @param maxNumActiveCalls active calls at once
 * @param callFeatures      LINECALLFEATURE_*
 */
public record LineAddressCaps(int lineDeviceId, String address, int addressSharing, int addressStates,
                              int callStates, int disconnectModes, int maxNumActiveCalls, int callFeatures) {
    private static final StructLayout L = NdisTapiStructs.LINE_ADDRESS_CAPS;

    /** Writes this answer at {@code base} (GAP-3 rule of {@link VarStructWriter}). */
    public Status writeTo(byte[] buf, int base) {
        VarStructWriter w = new VarStructWriter(buf, base, L);
        w.u32("ulLineDeviceID", lineDeviceId).u32("ulAddressSharing", addressSharing)
                .u32("ulAddressStates", addressStates).u32("ulCallStates", callStates)
                .u32("ulDisconnectModes", disconnectModes).u32("ulMaxNumActiveCalls", maxNumActiveCalls)
                .u32("ulCallFeatures", callFeatures);
        w.string("ulAddressSize", "ulAddressOffset", address);
        return w.finish();
    }

    /** @return the structure at {@code base}, or null when its fixed part is not inside {@code buf} */
    public static LineAddressCaps decode(byte[] buf, int base) {
        if (!TapiMessage.inside(buf, base, L.size())) {
            return null;
        }
        TapiMessage m = TapiMessage.wrap(L, buf, base);
        return new LineAddressCaps(m.u32("ulLineDeviceID"), LineDevCaps.str(m, "ulAddress"),
                m.u32("ulAddressSharing"), m.u32("ulAddressStates"), m.u32("ulCallStates"),
                m.u32("ulDisconnectModes"), m.u32("ulMaxNumActiveCalls"), m.u32("ulCallFeatures"));
    }
}

package io.jcondis.wan.struct;

import io.jcondis.api.Status;

/**
 * The answer to OID_TAPI_GET_DEV_CAPS (LINE_DEV_CAPS), the fields jcondis models.
 *
 * @param providerInfo      provider description
 * @param switchInfo        switch description
 * @param permanentLineId   permanent id of the line
 * @param lineName          line name (the PSTN puts the directory number here)
 * @param addressModes      LINEADDRESSMODE_* supported
 * @param numAddresses      addresses on the line
 * @param bearerModes       LINEBEARERMODE_* supported
 * @param maxRateBps        highest data rate, bit/s
 * @param mediaModes        LINEMEDIAMODE_* supported
 * @param devCapFlags       LINEDEVCAPFLAGS_*
 * @param maxNumActiveCalls calls that may be active at once
 * @param answerMode        LINEANSWERMODE_*
 * @param lineStates        LINEDEVSTATE_* the line can report
 */
public record LineDevCaps(String providerInfo, String switchInfo, int permanentLineId, String lineName,
                          int addressModes, int numAddresses, int bearerModes, int maxRateBps, int mediaModes,
                          int devCapFlags, int maxNumActiveCalls, int answerMode, int lineStates) {
    private static final StructLayout L = NdisTapiStructs.LINE_DEV_CAPS;

    /** Writes this answer at {@code base} (GAP-3 rule of {@link VarStructWriter}). */
    public Status writeTo(byte[] buf, int base) {
        VarStructWriter w = new VarStructWriter(buf, base, L);
        w.u32("ulPermanentLineID", permanentLineId).u32("ulStringFormat", io.jcondis.api.wan.Tapi.STRINGFORMAT_ASCII)
                .u32("ulAddressModes", addressModes).u32("ulNumAddresses", numAddresses)
                .u32("ulBearerModes", bearerModes).u32("ulMaxRate", maxRateBps).u32("ulMediaModes", mediaModes)
                .u32("ulDevCapFlags", devCapFlags).u32("ulMaxNumActiveCalls", maxNumActiveCalls)
                .u32("ulAnswerMode", answerMode).u32("ulLineStates", lineStates);
        w.string("ulProviderInfoSize", "ulProviderInfoOffset", providerInfo)
                .string("ulSwitchInfoSize", "ulSwitchInfoOffset", switchInfo)
                .string("ulLineNameSize", "ulLineNameOffset", lineName);
        return w.finish();
    }

    /** @return the structure at {@code base}, or null when its fixed part is not inside {@code buf} */
    public static LineDevCaps decode(byte[] buf, int base) {
        if (!TapiMessage.inside(buf, base, L.size())) {
            return null;
        }
        TapiMessage m = TapiMessage.wrap(L, buf, base);
        return new LineDevCaps(str(m, "ulProviderInfo"), str(m, "ulSwitchInfo"), m.u32("ulPermanentLineID"),
                str(m, "ulLineName"), m.u32("ulAddressModes"), m.u32("ulNumAddresses"), m.u32("ulBearerModes"),
                m.u32("ulMaxRate"), m.u32("ulMediaModes"), m.u32("ulDevCapFlags"), m.u32("ulMaxNumActiveCalls"),
                m.u32("ulAnswerMode"), m.u32("ulLineStates"));
    }

    static String str(TapiMessage m, String prefix) {
        return m.ascii(Integer.toUnsignedLong(m.u32(prefix + "Offset")),
                Integer.toUnsignedLong(m.u32(prefix + "Size")));
    }
}

package io.jcondis.wan.struct;

import io.jcondis.api.Status;

/**
 * The answer to OID_TAPI_GET_ADDRESS_STATUS (LINE_ADDRESS_STATUS), the fields jcondis models.
 *
 * @param numInUse         stations using the address
 * @param numActiveCalls   active calls on it
 * @param addressFeatures  LINEADDRFEATURE_* available now
 */
public record LineAddressStatus(int numInUse, int numActiveCalls, int addressFeatures) {
    private static final StructLayout L = NdisTapiStructs.LINE_ADDRESS_STATUS;

    /** Writes this answer at {@code base} (GAP-3 rule of {@link VarStructWriter}). */
    public Status writeTo(byte[] buf, int base) {
        return new VarStructWriter(buf, base, L).u32("ulNumInUse", numInUse).u32("ulNumActiveCalls", numActiveCalls)
                .u32("ulAddressFeatures", addressFeatures).finish();
    }

    /** @return the structure at {@code base}, or null when its fixed part is not inside {@code buf} */
    public static LineAddressStatus decode(byte[] buf, int base) {
        if (!TapiMessage.inside(buf, base, L.size())) {
            return null;
        }
        TapiMessage m = TapiMessage.wrap(L, buf, base);
        return new LineAddressStatus(m.u32("ulNumInUse"), m.u32("ulNumActiveCalls"), m.u32("ulAddressFeatures"));
    }
}

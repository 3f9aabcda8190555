package io.jcondis.wan.struct;

import io.jcondis.api.Status;

/**
 * VAR_STRING: the answer of OID_TAPI_GET_ID and OID_TAPI_GET_DEV_CONFIG.
 *
 * @param stringFormat STRINGFORMAT_*
 * @param data         the string's bytes
 */
public record VarString(int stringFormat, byte[] data) {
    private static final StructLayout L = NdisTapiStructs.VAR_STRING;

    /** Writes this answer at {@code base} (GAP-3 rule of {@link VarStructWriter}). */
    public Status writeTo(byte[] buf, int base) {
        return new VarStructWriter(buf, base, L).u32("ulStringFormat", stringFormat)
                .var("ulStringSize", "ulStringOffset", data).finish();
    }

    /** @return the structure at {@code base}, or null when its fixed part is not inside {@code buf} */
    public static VarString decode(byte[] buf, int base) {
        if (!TapiMessage.inside(buf, base, L.size())) {
            return null;
        }
        TapiMessage m = TapiMessage.wrap(L, buf, base);
        return new VarString(m.u32("ulStringFormat"), m.bytes(Integer.toUnsignedLong(m.u32("ulStringOffset")),
                Integer.toUnsignedLong(m.u32("ulStringSize"))));
    }

    /** @return the first 8 bytes as a little-endian value (the binary "ndis" device id), or -1 if shorter */
    public long asLong() {
        return data.length >= 8 ? TapiMessage.getU64(data, 0) : -1;
    }
}

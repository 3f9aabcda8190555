package io.jcondis.api;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * CO_SAP: a service access point whose format belongs to the address family.
 *
 * @param sapType the SAP type (AF specific; {@link #AF_TAPI_SAP_TYPE} for the TAPI AF)
 * @param sap     the SAP bytes (copied; never null)
 */
public record Sap(int sapType, byte[] sap) {
    /** AF_TAPI_SAP_TYPE. */
    public static final int AF_TAPI_SAP_TYPE = 0x8000;
    /** The embedded switch's SAP type: UTF-8 {@code address:selector}, either part may be {@code *}. */
    public static final int TEXT_SAP_TYPE = 0x4A43;

    /** Copies the bytes. */
    public Sap {
        sap = sap == null ? new byte[0] : sap.clone();
    }

    /**
     * @param text the SAP text (for {@link #TEXT_SAP_TYPE})
     * @return a text SAP
     */
    public static Sap text(String text) {
        return new Sap(TEXT_SAP_TYPE, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] sap() {
        return sap.clone();
    }

    /** @return the SAP bytes as UTF-8 text */
    public String asText() {
        return new String(sap, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sap && ((Sap) o).sapType == sapType && Arrays.equals(((Sap) o).sap, sap);
    }

    @Override
    public int hashCode() {
        return 31 * sapType + Arrays.hashCode(sap);
    }

    @Override
    public String toString() {
        return sapType == TEXT_SAP_TYPE ? "SAP(" + asText() + ")" : "SAP(type=0x" + Integer.toHexString(sapType)
                + ", " + sap.length + " bytes)";
    }
}

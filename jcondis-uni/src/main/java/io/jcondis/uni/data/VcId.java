package io.jcondis.uni.data;

/**
 * A virtual connection identifier on one link: VPI and VCI as in the ATM NNI cell header (ITU-T I.361), 12 and
 * 16 bits. Identifiers are link-local: the same value towards two peers names two different VCs.
 *
 * <p>Immutable value; {@link #toString()} prints {@code vpi/vci}.
 *
 * @param vpi virtual path identifier, 0..4095
 * @param vci virtual channel identifier, 0..65535
 */
public record VcId(int vpi, int vci) {
    /** Largest VPI (12 bits, NNI format). */
    public static final int MAX_VPI = 0xFFF;
    /** Largest VCI (16 bits). */
    public static final int MAX_VCI = 0xFFFF;

    /** @throws IllegalArgumentException if a field is out of range */
    public VcId {
        if (vpi < 0 || vpi > MAX_VPI) {
            throw new IllegalArgumentException("VPI out of range 0.." + MAX_VPI + ": " + vpi);
        }
        if (vci < 0 || vci > MAX_VCI) {
            throw new IllegalArgumentException("VCI out of range 0.." + MAX_VCI + ": " + vci);
        }
    }

    @Override
    public String toString() {
        return vpi + "/" + vci;
    }
}

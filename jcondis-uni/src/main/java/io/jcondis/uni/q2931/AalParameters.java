package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * ATM adaptation layer parameters (Q.2931 4.5.5, identifier {@code 0x58}).
 *
 * <p>For AAL type 5 the subfields are decoded; for any other AAL type the octets after the AAL type are kept
 * verbatim in {@link #otherParameters()}. AAL5 subfields, each an identifier octet followed by its value, in this
 * order:
 *
 * <pre>
 * +----------+                              octet 5: AAL type (0000 0101 = AAL type 5)
 * | AAL type |
 * +----------+------------------------+
 * |   0x8C   | fwd max CPCS-SDU size  |     octets 6-8:   forward maximum CPCS-SDU size (16 bits)
 * +----------+------------------------+
 * |   0x81   | bwd max CPCS-SDU size  |     octets 9-11:  backward maximum CPCS-SDU size (16 bits)
 * +----------+-----------+------------+
 * |   0x83   |   mode    |                  octets 12-13: mode (UNI 3.x only; 1 message, 2 streaming)
 * +----------+-----------+
 * |   0x84   | SSCS type |                  octets 14-15: SSCS type (0 null, 1 SSCOP assured, ...)
 * +----------+-----------+
 * </pre>
 *
 * @param aalType                   the AAL type octet ({@link #AAL_TYPE_5}, 1 for AAL1, 3 for AAL3/4, ...)
 * @param forwardMaxCpcsSduBytes    AAL5: forward maximum CPCS-SDU size, 0..65535
 * @param backwardMaxCpcsSduBytes   AAL5: backward maximum CPCS-SDU size, 0..65535
 * @param mode                      AAL5: the mode subfield, 0..255
 * @param sscsType                  AAL5: the SSCS type subfield, 0..255
 * @param otherParameters           other AAL types: the raw octets after the AAL type; empty for AAL5
 * @param instruction               the compatibility instruction
 */
public record AalParameters(int aalType, OptionalInt forwardMaxCpcsSduBytes, OptionalInt backwardMaxCpcsSduBytes,
                            OptionalInt mode, OptionalInt sscsType, Octets otherParameters,
                            IeInstruction instruction) implements InformationElement {
    /** AAL type octet for AAL type 5. */
    public static final int AAL_TYPE_5 = 0x05;
    /** AAL5 subfield identifier: forward maximum CPCS-SDU size. */
    public static final int ID_FORWARD_MAX_CPCS_SDU = 0x8C;
    /** AAL5 subfield identifier: backward maximum CPCS-SDU size. */
    public static final int ID_BACKWARD_MAX_CPCS_SDU = 0x81;
    /** AAL5 subfield identifier: mode. */
    public static final int ID_MODE = 0x83;
    /** AAL5 subfield identifier: SSCS type. */
    public static final int ID_SSCS_TYPE = 0x84;

    /** @throws IllegalArgumentException if a value is out of range or AAL5 and raw octets are mixed */
    public AalParameters {
        Objects.requireNonNull(forwardMaxCpcsSduBytes, "forwardMaxCpcsSduBytes");
        Objects.requireNonNull(backwardMaxCpcsSduBytes, "backwardMaxCpcsSduBytes");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(sscsType, "sscsType");
        Objects.requireNonNull(otherParameters, "otherParameters");
        Objects.requireNonNull(instruction, "instruction");
        if (aalType < 0 || aalType > 0xFF) {
            throw new IllegalArgumentException("AAL type out of range: " + aalType);
        }
        if (aalType == AAL_TYPE_5) {
            if (!otherParameters.isEmpty()) {
                throw new IllegalArgumentException("AAL5 parameters are typed; otherParameters must be empty");
            }
            check(forwardMaxCpcsSduBytes, 0xFFFF, "forward max CPCS-SDU size");
            check(backwardMaxCpcsSduBytes, 0xFFFF, "backward max CPCS-SDU size");
            check(mode, 0xFF, "mode");
            check(sscsType, 0xFF, "SSCS type");
        } else if (forwardMaxCpcsSduBytes.isPresent() || backwardMaxCpcsSduBytes.isPresent() || mode.isPresent()
                || sscsType.isPresent()) {
            throw new IllegalArgumentException("typed subfields are only decoded for AAL5; use otherParameters");
        }
    }

    private static void check(OptionalInt v, int max, String what) {
        if (v.isPresent() && (v.getAsInt() < 0 || v.getAsInt() > max)) {
            throw new IllegalArgumentException(what + " out of range: " + v.getAsInt());
        }
    }

    /**
     * @param forwardMaxCpcsSduBytes  forward maximum CPCS-SDU size
     * @param backwardMaxCpcsSduBytes backward maximum CPCS-SDU size
     * @return AAL5 parameters with both SDU sizes and nothing else
     */
    public static AalParameters aal5(int forwardMaxCpcsSduBytes, int backwardMaxCpcsSduBytes) {
        return new AalParameters(AAL_TYPE_5, OptionalInt.of(forwardMaxCpcsSduBytes),
                OptionalInt.of(backwardMaxCpcsSduBytes), OptionalInt.empty(), OptionalInt.empty(), Octets.EMPTY,
                IeInstruction.DEFAULT);
    }

    @Override
    public int identifier() {
        return IeIdentifier.AAL_PARAMETERS;
    }
}

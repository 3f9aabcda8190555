package io.jcondis.uni.q2931;

import java.util.Objects;

/**
 * Endpoint reference (Q.2971 clause 8, identifier {@code 0x54}): identifies one party (leaf) of a
 * point-to-multipoint call.
 *
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +-------------------------------+
 * |  endpoint reference type = 0  |  octet 5  (locally defined integer)
 * +---+---------------------------+
 * |flg| identifier value (MSB)    |  octet 6
 * +---+---------------------------+
 * |  identifier value (LSB)       |  octet 7
 * +-------------------------------+
 * </pre>
 *
 * @param toOriginatingSide the flag: {@code false} if sent from the side that allocated the endpoint reference
 * @param value             the 15-bit endpoint reference identifier value (0 is the first party)
 * @param instruction       the compatibility instruction
 */
public record EndpointReference(boolean toOriginatingSide, int value, IeInstruction instruction)
        implements InformationElement {
    /** The largest endpoint reference identifier value (15 bits). */
    public static final int MAX_VALUE = 0x7FFF;

    /** @throws IllegalArgumentException if the value is outside 0..0x7FFF */
    public EndpointReference {
        Objects.requireNonNull(instruction, "instruction");
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("endpoint reference out of range: " + value);
        }
    }

    /**
     * @param toOriginatingSide the flag
     * @param value             the identifier value
     */
    public EndpointReference(boolean toOriginatingSide, int value) {
        this(toOriginatingSide, value, IeInstruction.DEFAULT);
    }

    /** @return the same value with the flag inverted: the reference the peer uses in its answers */
    public EndpointReference reply() {
        return new EndpointReference(!toOriginatingSide, value, instruction);
    }

    @Override
    public int identifier() {
        return IeIdentifier.ENDPOINT_REFERENCE;
    }
}

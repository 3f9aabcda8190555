package io.jcondis.uni.q2931;

/**
 * The Q.2931 call reference (clause 4.3): a 23-bit value chosen by the side that originates the call, and a flag
 * telling which side sent the message. Always three octets long in Q.2931.
 *
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +---+---+---+---+---------------+
 * | 0   0   0   0 | length = 0011 |  octet 1
 * +---+-----------+---------------+
 * |flg| call reference value (MSB)|  octet 2
 * +---+---------------------------+
 * |  call reference value         |  octet 3
 * +-------------------------------+
 * |  call reference value (LSB)   |  octet 4
 * +-------------------------------+
 * </pre>
 *
 * @param toOriginatingSide the flag: {@code false} if the message is sent from the side that allocated the call
 *                          reference, {@code true} if it is sent to that side
 * @param value             the call reference value, 0..0x7FFFFF ({@link #GLOBAL_VALUE} and {@link #DUMMY_VALUE}
 *                          are reserved)
 */
public record CallReference(boolean toOriginatingSide, int value) {
    /** The largest call reference value (23 bits). */
    public static final int MAX_VALUE = 0x7F_FFFF;
    /** The global call reference value (refers to all calls on the signalling channel, e.g. RESTART). */
    public static final int GLOBAL_VALUE = 0;
    /** The dummy call reference value, used by messages not related to a call. */
    public static final int DUMMY_VALUE = 0x7F_FFFF;

    /** @throws IllegalArgumentException if {@code value} is outside 0..0x7FFFFF */
    public CallReference {
        if (value < 0 || value > MAX_VALUE) {
            throw new IllegalArgumentException("call reference value out of range: " + value);
        }
    }

    /**
     * @param value the call reference value
     * @return the call reference as sent by the side that allocated it (flag 0)
     */
    public static CallReference fromOriginator(int value) {
        return new CallReference(false, value);
    }

    /**
     * @param value the call reference value
     * @return the call reference as sent towards the side that allocated it (flag 1)
     */
    public static CallReference toOriginator(int value) {
        return new CallReference(true, value);
    }

    /** @return the same value with the flag inverted: the reference the peer uses in its answers */
    public CallReference reply() {
        return new CallReference(!toOriginatingSide, value);
    }
}

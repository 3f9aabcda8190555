package io.jcondis.uni.q2931;

/**
 * The message compatibility instruction indicator: octet 2 of the Q.2931 message type (clause 4.4.2), kept as the
 * raw octet so that a decoded message re-encodes to the same bytes.
 *
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +---+-------+---+---+---+-------+
 * |ext| spare |flg|spr|spr|action |   ext = 1
 * +---+-------+---+---+---+-------+
 * </pre>
 *
 * <p>{@code flag} 0: regular error handling procedures apply; 1: follow the explicit action indicator
 * ({@link #ACTION_CLEAR_CALL}, {@link #ACTION_DISCARD_AND_IGNORE}, {@link #ACTION_DISCARD_AND_REPORT_STATUS}).
 *
 * @param octet the raw octet, 0..255
 */
public record MessageInstruction(int octet) {
    /** Regular error handling, extension bit set: {@code 0x80}. */
    public static final MessageInstruction DEFAULT = new MessageInstruction(0x80);
    /** Message action indicator: clear call. */
    public static final int ACTION_CLEAR_CALL = 0;
    /** Message action indicator: discard and ignore. */
    public static final int ACTION_DISCARD_AND_IGNORE = 1;
    /** Message action indicator: discard and report status. */
    public static final int ACTION_DISCARD_AND_REPORT_STATUS = 2;

    /** @throws IllegalArgumentException if {@code octet} is outside 0..255 */
    public MessageInstruction {
        if (octet < 0 || octet > 0xFF) {
            throw new IllegalArgumentException("octet out of range: " + octet);
        }
    }

    /**
     * @param action the message action indicator, 0..3
     * @return an instruction with the flag set ("follow explicit instructions") and the given action
     */
    public static MessageInstruction explicit(int action) {
        if (action < 0 || action > 3) {
            throw new IllegalArgumentException("action out of range: " + action);
        }
        return new MessageInstruction(0x90 | action);
    }

    /** @return {@code true} if the flag says to follow the explicit action indicator */
    public boolean followExplicitInstructions() {
        return (octet & 0x10) != 0;
    }

    /** @return the message action indicator, 0..3 */
    public int actionIndicator() {
        return octet & 0x03;
    }
}

package io.jcondis.uni.q2931;

/**
 * The information element compatibility instruction indicator: octet 2 of every Q.2931 information element
 * (clause 4.5.1), kept as the raw octet so that a decoded element re-encodes to the same bytes.
 *
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +---+-------+---+---+-----------+
 * |ext|coding |flg|res|  action   |   ext = 1
 * |   |standard   |   | indicator |
 * +---+-------+---+---+-----------+
 * </pre>
 *
 * <p>Coding standard 00 is ITU-T; 11 is "standard defined for the network" (used by the ATM Forum). The codec only
 * interprets the contents of known elements coded to the ITU-T standard; anything else is kept as
 * {@link UnrecognizedIe}.
 *
 * @param octet the raw octet, 0..255
 */
public record IeInstruction(int octet) {
    /** ITU-T coding, regular error handling, extension bit set: {@code 0x80}. */
    public static final IeInstruction DEFAULT = new IeInstruction(0x80);
    /** Coding standard: ITU-T standardized coding. */
    public static final int CODING_ITU_T = 0;
    /** Coding standard: ISO/IEC standard. */
    public static final int CODING_ISO_IEC = 1;
    /** Coding standard: national standard. */
    public static final int CODING_NATIONAL = 2;
    /** Coding standard: standard defined for the network (ATM Forum). */
    public static final int CODING_NETWORK = 3;
    /** IE action indicator: clear call. */
    public static final int ACTION_CLEAR_CALL = 0;
    /** IE action indicator: discard information element and proceed. */
    public static final int ACTION_DISCARD_IE_AND_PROCEED = 1;
    /** IE action indicator: discard information element, proceed and report status. */
    public static final int ACTION_DISCARD_IE_PROCEED_AND_REPORT = 2;
    /** IE action indicator: discard message and ignore. */
    public static final int ACTION_DISCARD_MESSAGE_AND_IGNORE = 5;
    /** IE action indicator: discard message and report status. */
    public static final int ACTION_DISCARD_MESSAGE_AND_REPORT = 6;

    /** @throws IllegalArgumentException if {@code octet} is outside 0..255 */
    public IeInstruction {
        if (octet < 0 || octet > 0xFF) {
            throw new IllegalArgumentException("octet out of range: " + octet);
        }
    }

    /**
     * @param action the IE action indicator, 0..7
     * @return an ITU-T-coded instruction with the flag set ("follow explicit instructions") and the given action
     */
    public static IeInstruction explicit(int action) {
        if (action < 0 || action > 7) {
            throw new IllegalArgumentException("action out of range: " + action);
        }
        return new IeInstruction(0x90 | action);
    }

    /** @return the coding standard, 0..3 */
    public int codingStandard() {
        return (octet >> 5) & 0x03;
    }

    /** @return {@code true} if the flag says to follow the explicit action indicator */
    public boolean followExplicitInstructions() {
        return (octet & 0x10) != 0;
    }

    /** @return the IE action indicator, 0..7 */
    public int actionIndicator() {
        return octet & 0x07;
    }

    /**
     * @return {@code true} if the sender asked an entity that does not recognise the element to drop it silently
     *     and carry on (flag set, action "discard information element and proceed")
     */
    public boolean discardSilentlyIfUnrecognized() {
        return followExplicitInstructions() && actionIndicator() == ACTION_DISCARD_IE_AND_PROCEED;
    }
}

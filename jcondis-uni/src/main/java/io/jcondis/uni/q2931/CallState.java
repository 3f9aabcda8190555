package io.jcondis.uni.q2931;

import java.util.Objects;

/**
 * Call state (Q.2931 4.5.10, identifier {@code 0x14}): octet 5 holds a 6-bit call state value in bits 6-1, bits
 * 8-7 are the coding standard (00).
 *
 * @param value       the 6-bit call state value (see the constants, user-side names; network states use the same
 *                    codes)
 * @param instruction the compatibility instruction
 */
public record CallState(int value, IeInstruction instruction) implements InformationElement {
    /** U0/N0 Null. */
    public static final int NULL = 0;
    /** U1/N1 Call initiated. */
    public static final int CALL_INITIATED = 1;
    /** U3/N3 Outgoing call proceeding. */
    public static final int OUTGOING_CALL_PROCEEDING = 3;
    /** U4/N4 Call delivered. */
    public static final int CALL_DELIVERED = 4;
    /** U6/N6 Call present. */
    public static final int CALL_PRESENT = 6;
    /** U7/N7 Call received. */
    public static final int CALL_RECEIVED = 7;
    /** U8/N8 Connect request. */
    public static final int CONNECT_REQUEST = 8;
    /** U9/N9 Incoming call proceeding. */
    public static final int INCOMING_CALL_PROCEEDING = 9;
    /** U10/N10 Active. */
    public static final int ACTIVE = 10;
    /** U11/N11 Release request. */
    public static final int RELEASE_REQUEST = 11;
    /** U12/N12 Release indication. */
    public static final int RELEASE_INDICATION = 12;
    /** REST1 Restart request (global call reference). */
    public static final int RESTART_REQUEST = 0x3D;
    /** REST2 Restart (global call reference). */
    public static final int RESTART = 0x3E;

    /** @throws IllegalArgumentException if the value is outside 0..63 */
    public CallState {
        Objects.requireNonNull(instruction, "instruction");
        if (value < 0 || value > 0x3F) {
            throw new IllegalArgumentException("call state out of range: " + value);
        }
    }

    /** @param value the call state value */
    public CallState(int value) {
        this(value, IeInstruction.DEFAULT);
    }

    @Override
    public int identifier() {
        return IeIdentifier.CALL_STATE;
    }
}

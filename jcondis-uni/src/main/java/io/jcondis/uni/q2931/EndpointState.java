package io.jcondis.uni.q2931;

import java.util.Objects;

/**
 * Endpoint state (Q.2971 clause 8, identifier {@code 0x55}): octet 5 bits 6-1 hold the party state.
 *
 * @param partyState  the 6-bit party state (see the constants)
 * @param instruction the compatibility instruction
 */
public record EndpointState(int partyState, IeInstruction instruction) implements InformationElement {
    /** Null. */
    public static final int NULL = 0;
    /** Add party initiated. */
    public static final int ADD_PARTY_INITIATED = 1;
    /** Party alerting delivered (UNI 4.0 / Q.2971 Amd). */
    public static final int PARTY_ALERTING_DELIVERED = 4;
    /** Add party received. */
    public static final int ADD_PARTY_RECEIVED = 6;
    /** Party alerting received (UNI 4.0 / Q.2971 Amd). */
    public static final int PARTY_ALERTING_RECEIVED = 7;
    /** Active. */
    public static final int ACTIVE = 0x0A;
    /** Drop party initiated. */
    public static final int DROP_PARTY_INITIATED = 0x0B;
    /** Drop party received. */
    public static final int DROP_PARTY_RECEIVED = 0x0C;

    /** @throws IllegalArgumentException if the state is outside 0..63 */
    public EndpointState {
        Objects.requireNonNull(instruction, "instruction");
        if (partyState < 0 || partyState > 0x3F) {
            throw new IllegalArgumentException("party state out of range: " + partyState);
        }
    }

    /** @param partyState the party state */
    public EndpointState(int partyState) {
        this(partyState, IeInstruction.DEFAULT);
    }

    @Override
    public int identifier() {
        return IeIdentifier.ENDPOINT_STATE;
    }
}

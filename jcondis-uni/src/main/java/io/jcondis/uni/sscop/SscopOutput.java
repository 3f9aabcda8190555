package io.jcondis.uni.sscop;

/**
 * Where an {@link Sscop} entity's outputs go: PDUs toward the lower layer (CPCS-UNITDATA.invoke; one PDU, one
 * UDP datagram under Q.2111), AA-signals toward its user and MAA-ERROR reports toward layer management.
 *
 * <p>Called on the entity's thread, never concurrently. {@link #transmit} must not call back into the entity
 * (queue the datagram; a link that delivers synchronously would re-enter the peer inside the sender). A user
 * may call requests of the entity from {@link #signal}: they take effect at once; see {@link Sscop} for the
 * ordering this gives.
 */
public interface SscopOutput {

    /**
     * Sends one encoded PDU to the peer.
     *
     * @param pdu the PDU's octets; owned by the callee from now on
     */
    void transmit(byte[] pdu);

    /**
     * Gives an AA-signal to the SSCOP user.
     *
     * @param signal the indication or confirmation
     */
    void signal(AaSignal signal);

    /**
     * Reports an MAA-ERROR to layer management. Already counted by the entity; the default ignores it.
     *
     * @param error the code
     */
    default void maaError(MaaError error) {
    }
}

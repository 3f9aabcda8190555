package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;

/**
 * RELEASE COMPLETE (Q.2931 clause 3.1, message type {@code 0x5A}): sent to indicate that the sender has released
 * the call reference and the connection.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record ReleaseComplete(CallReference callReference, MessageInstruction instruction,
                              List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public ReleaseComplete {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static ReleaseComplete of(CallReference callReference, InformationElement... informationElements) {
        return new ReleaseComplete(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.RELEASE_COMPLETE;
    }

    /** @return every {@link Cause} element, in wire order */
    public List<Cause> causes() {
        return all(Cause.class);
    }
}

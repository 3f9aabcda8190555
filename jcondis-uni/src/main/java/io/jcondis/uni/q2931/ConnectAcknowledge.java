package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;

/**
 * CONNECT ACKNOWLEDGE (Q.2931 clause 3.1, message type {@code 0x0F}): sent by the network to the called user to
 * indicate that the user has been awarded the call, and by the calling user to the network.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record ConnectAcknowledge(CallReference callReference, MessageInstruction instruction,
                                 List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public ConnectAcknowledge {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static ConnectAcknowledge of(CallReference callReference, InformationElement... informationElements) {
        return new ConnectAcknowledge(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.CONNECT_ACKNOWLEDGE;
    }
}

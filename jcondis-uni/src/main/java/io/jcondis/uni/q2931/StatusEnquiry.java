package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * STATUS ENQUIRY (Q.2931 clause 3.1 (endpoint reference from Q.2971), message type {@code 0x75}): sent to solicit
 * a STATUS message from the peer.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record StatusEnquiry(CallReference callReference, MessageInstruction instruction,
                            List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public StatusEnquiry {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static StatusEnquiry of(CallReference callReference, InformationElement... informationElements) {
        return new StatusEnquiry(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.STATUS_ENQUIRY;
    }

    /** @return the first {@link EndpointReference} element, if present */
    public Optional<EndpointReference> endpointReference() {
        return first(EndpointReference.class);
    }
}

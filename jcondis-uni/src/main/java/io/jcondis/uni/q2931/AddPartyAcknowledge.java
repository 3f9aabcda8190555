package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ADD PARTY ACKNOWLEDGE (Q.2971 clause 8.1, message type {@code 0x81}): sent to acknowledge that an ADD PARTY
 * request was successful.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record AddPartyAcknowledge(CallReference callReference, MessageInstruction instruction,
                                  List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public AddPartyAcknowledge {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static AddPartyAcknowledge of(CallReference callReference, InformationElement... informationElements) {
        return new AddPartyAcknowledge(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.ADD_PARTY_ACKNOWLEDGE;
    }

    /** @return the first {@link AalParameters} element, if present */
    public Optional<AalParameters> aalParameters() {
        return first(AalParameters.class);
    }

    /** @return the first {@link EndpointReference} element, if present */
    public Optional<EndpointReference> endpointReference() {
        return first(EndpointReference.class);
    }
}

package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ADD PARTY REJECT (Q.2971 clause 8.1, message type {@code 0x82}): sent to indicate that an ADD PARTY request was
 * not successful; cause and endpoint reference are mandatory.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record AddPartyReject(CallReference callReference, MessageInstruction instruction,
                             List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public AddPartyReject {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static AddPartyReject of(CallReference callReference, InformationElement... informationElements) {
        return new AddPartyReject(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.ADD_PARTY_REJECT;
    }

    /** @return the first {@link Cause} element, if present */
    public Optional<Cause> cause() {
        return first(Cause.class);
    }

    /** @return the first {@link EndpointReference} element, if present */
    public Optional<EndpointReference> endpointReference() {
        return first(EndpointReference.class);
    }
}

package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * ADD PARTY (Q.2971 clause 8.1, message type {@code 0x80}): sent by the root to add a party (leaf) to an existing
 * point-to-multipoint call; called party number and endpoint reference are mandatory.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record AddParty(CallReference callReference, MessageInstruction instruction,
                       List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public AddParty {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static AddParty of(CallReference callReference, InformationElement... informationElements) {
        return new AddParty(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.ADD_PARTY;
    }

    /** @return the first {@link AalParameters} element, if present */
    public Optional<AalParameters> aalParameters() {
        return first(AalParameters.class);
    }

    /** @return the first {@link CalledPartyNumber} element, if present */
    public Optional<CalledPartyNumber> calledPartyNumber() {
        return first(CalledPartyNumber.class);
    }

    /** @return the first {@link CallingPartyNumber} element, if present */
    public Optional<CallingPartyNumber> callingPartyNumber() {
        return first(CallingPartyNumber.class);
    }

    /** @return the first {@link EndpointReference} element, if present */
    public Optional<EndpointReference> endpointReference() {
        return first(EndpointReference.class);
    }
}

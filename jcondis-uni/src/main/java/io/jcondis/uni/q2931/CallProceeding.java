package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * CALL PROCEEDING (Q.2931 clause 3.1, message type {@code 0x02}): sent by the called user (or the network) to
 * indicate that call establishment has been initiated and no more call establishment information will be accepted.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record CallProceeding(CallReference callReference, MessageInstruction instruction,
                             List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public CallProceeding {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static CallProceeding of(CallReference callReference, InformationElement... informationElements) {
        return new CallProceeding(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.CALL_PROCEEDING;
    }

    /** @return the first {@link ConnectionIdentifier} element, if present */
    public Optional<ConnectionIdentifier> connectionIdentifier() {
        return first(ConnectionIdentifier.class);
    }

    /** @return the first {@link EndpointReference} element, if present */
    public Optional<EndpointReference> endpointReference() {
        return first(EndpointReference.class);
    }
}

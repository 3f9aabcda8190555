package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * DROP PARTY (Q.2971 clause 8.1, message type {@code 0x83}): sent to drop (clear) a party from a point-to-
 * multipoint call; cause and endpoint reference are mandatory.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record DropParty(CallReference callReference, MessageInstruction instruction,
                        List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public DropParty {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static DropParty of(CallReference callReference, InformationElement... informationElements) {
        return new DropParty(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.DROP_PARTY;
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

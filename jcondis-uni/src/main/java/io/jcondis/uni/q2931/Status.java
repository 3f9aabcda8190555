package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * STATUS (Q.2931 clause 3.1 (endpoint elements from Q.2971), message type {@code 0x7D}): sent in response to
 * STATUS ENQUIRY or at any time to report error conditions; call state and cause are mandatory.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record Status(CallReference callReference, MessageInstruction instruction,
                     List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public Status {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static Status of(CallReference callReference, InformationElement... informationElements) {
        return new Status(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.STATUS;
    }

    /** @return the first {@link CallState} element, if present */
    public Optional<CallState> callState() {
        return first(CallState.class);
    }

    /** @return the first {@link Cause} element, if present */
    public Optional<Cause> cause() {
        return first(Cause.class);
    }

    /** @return the first {@link EndpointReference} element, if present */
    public Optional<EndpointReference> endpointReference() {
        return first(EndpointReference.class);
    }

    /** @return the first {@link EndpointState} element, if present */
    public Optional<EndpointState> endpointState() {
        return first(EndpointState.class);
    }
}

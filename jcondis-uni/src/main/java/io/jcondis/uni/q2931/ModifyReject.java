package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * MODIFY REJECT (Q.2963.1 clause 8, message type {@code 0x8A}): sent to refuse a MODIFY REQUEST; the cause is
 * mandatory.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record ModifyReject(CallReference callReference, MessageInstruction instruction,
                           List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public ModifyReject {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static ModifyReject of(CallReference callReference, InformationElement... informationElements) {
        return new ModifyReject(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.MODIFY_REJECT;
    }

    /** @return the first {@link Cause} element, if present */
    public Optional<Cause> cause() {
        return first(Cause.class);
    }

    /** @return the first {@link AtmTrafficDescriptor} element, if present */
    public Optional<AtmTrafficDescriptor> trafficDescriptor() {
        return first(AtmTrafficDescriptor.class);
    }
}

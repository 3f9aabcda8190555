package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;

/**
 * A message with a type this codec does not know (RESTART, NOTIFY, vendor messages, ...). It is kept whole, so
 * call control can apply the Q.2931 clause 5.6 procedure for unknown message types, and it re-encodes
 * unchanged.
 *
 * @param callReference       the call reference
 * @param messageTypeCode     the message type octet, 0..255, not one of the {@link MessageType} codes
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record UnknownMessage(CallReference callReference, int messageTypeCode, MessageInstruction instruction,
                             List<InformationElement> informationElements) implements Q2931Message {

    /** @throws IllegalArgumentException if the code is out of range or names a known message type */
    public UnknownMessage {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
        if (messageTypeCode < 0 || messageTypeCode > 0xFF) {
            throw new IllegalArgumentException("message type out of range: " + messageTypeCode);
        }
        if (MessageType.fromCode(messageTypeCode) != MessageType.UNKNOWN) {
            throw new IllegalArgumentException("message type 0x" + Integer.toHexString(messageTypeCode)
                    + " is known; use its record");
        }
    }

    @Override
    public MessageType type() {
        return MessageType.UNKNOWN;
    }
}

package io.jcondis.uni.q2931;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Q.2931 message: call reference, message type, message compatibility instruction and information elements
 * (layout in {@link Q2931Codec}).
 *
 * <p>Every message is an immutable record holding its elements in wire order, so decoding and re-encoding is
 * lossless, repeated elements (two causes in RELEASE) are natural, and elements the codec does not understand
 * travel along as {@link UnrecognizedIe}. Each record adds typed accessors for the elements its recommendation
 * lists. The codec does not check which elements are mandatory: that is a procedure (Q.2931 clause 5.6) for call
 * control.
 *
 * <p>Dispatch on the concrete type with {@code instanceof}, or switch over {@link #type()}.
 */
public sealed interface Q2931Message
        permits Alerting, CallProceeding, Setup, Connect, ConnectAcknowledge, Release, ReleaseComplete,
        StatusEnquiry, Status, AddParty, AddPartyAcknowledge, AddPartyReject, DropParty, DropPartyAcknowledge,
        ModifyRequest, ModifyAcknowledge, ModifyReject, UnknownMessage {

    /**
     * Creates the record for a message type code: the typed record for a {@link MessageType}, an
     * {@link UnknownMessage} for any other code.
     *
     * @param messageTypeCode     the message type octet, 0..255
     * @param callReference       the call reference
     * @param instruction         the message compatibility instruction
     * @param informationElements the information elements in wire order
     * @return the message
     */
    static Q2931Message of(int messageTypeCode, CallReference callReference, MessageInstruction instruction,
                           List<InformationElement> informationElements) {
        CallReference cr = callReference;
        MessageInstruction ins = instruction;
        List<InformationElement> ies = informationElements; // short aliases keep the table below one line per row
        return switch (MessageType.fromCode(messageTypeCode)) {
            case ALERTING -> new Alerting(cr, ins, ies);
            case CALL_PROCEEDING -> new CallProceeding(cr, ins, ies);
            case SETUP -> new Setup(cr, ins, ies);
            case CONNECT -> new Connect(cr, ins, ies);
            case CONNECT_ACKNOWLEDGE -> new ConnectAcknowledge(cr, ins, ies);
            case RELEASE -> new Release(cr, ins, ies);
            case RELEASE_COMPLETE -> new ReleaseComplete(cr, ins, ies);
            case STATUS_ENQUIRY -> new StatusEnquiry(cr, ins, ies);
            case STATUS -> new Status(cr, ins, ies);
            case ADD_PARTY -> new AddParty(cr, ins, ies);
            case ADD_PARTY_ACKNOWLEDGE -> new AddPartyAcknowledge(cr, ins, ies);
            case ADD_PARTY_REJECT -> new AddPartyReject(cr, ins, ies);
            case DROP_PARTY -> new DropParty(cr, ins, ies);
            case DROP_PARTY_ACKNOWLEDGE -> new DropPartyAcknowledge(cr, ins, ies);
            case MODIFY_REQUEST -> new ModifyRequest(cr, ins, ies);
            case MODIFY_ACKNOWLEDGE -> new ModifyAcknowledge(cr, ins, ies);
            case MODIFY_REJECT -> new ModifyReject(cr, ins, ies);
            case UNKNOWN -> new UnknownMessage(cr, messageTypeCode, ins, ies);
        };
    }

    /** @return the call reference */
    CallReference callReference();

    /** @return the message compatibility instruction */
    MessageInstruction instruction();

    /** @return the information elements in wire order (unmodifiable) */
    List<InformationElement> informationElements();

    /** @return the message type, {@link MessageType#UNKNOWN} for an {@link UnknownMessage} */
    MessageType type();

    /** @return the message type octet */
    default int messageTypeCode() {
        return type().code();
    }

    /**
     * @param type an information element record type
     * @param <T>  that type
     * @return the first element of that type, if any
     */
    default <T extends InformationElement> Optional<T> first(Class<T> type) {
        for (InformationElement ie : informationElements()) {
            if (type.isInstance(ie)) {
                return Optional.of(type.cast(ie));
            }
        }
        return Optional.empty();
    }

    /**
     * @param type an information element record type
     * @param <T>  that type
     * @return every element of that type, in wire order
     */
    default <T extends InformationElement> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (InformationElement ie : informationElements()) {
            if (type.isInstance(ie)) {
                out.add(type.cast(ie));
            }
        }
        return out;
    }
}

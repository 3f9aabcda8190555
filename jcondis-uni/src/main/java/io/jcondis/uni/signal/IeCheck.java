package io.jcondis.uni.signal;

import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.IeIdentifier;
import io.jcondis.uni.q2931.IeInstruction;
import io.jcondis.uni.q2931.InformationElement;
import io.jcondis.uni.q2931.InvalidIe;
import io.jcondis.uni.q2931.MessageType;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.UnrecognizedIe;
import java.util.EnumMap;
import java.util.Map;

/**
 * The information-element checks of Q.2931 clauses 5.6.7 and 5.6.8 (with the compatibility instructions of 5.7):
 * which elements each message must carry, and what to do with an element that is missing, has invalid contents
 * or is not recognised. Stateless.
 */
final class IeCheck {

    /** What the receiver must do, least severe first. */
    enum Kind {
        /** Process the message. */
        OK,
        /** Process the message, then send STATUS with the cause (5.6.7.2, 5.6.8.1, action "report"). */
        REPORT,
        /** Discard the message silently (explicit action 5). */
        DISCARD,
        /** Discard the message and send STATUS with the cause (explicit action 6). */
        DISCARD_REPORT,
        /** Clear the call with the cause (explicit action 0). */
        CLEAR,
        /** A mandatory element has invalid contents (cause 100). */
        CONTENT,
        /** A mandatory element is missing (cause 96). */
        MISSING
    }

    /**
     * @param kind       the action
     * @param cause      the cause to send, {@code null} for {@link Kind#OK}
     * @param identifier the offending element's identifier, -1 for {@link Kind#OK}
     */
    record Verdict(Kind kind, CauseValue cause, int identifier) {
        static final Verdict PASS = new Verdict(Kind.OK, null, -1);
    }

    private static final int[] NONE = {};
    private static final Map<MessageType, int[]> MANDATORY = new EnumMap<>(MessageType.class);

    static {
        int cause = IeIdentifier.CAUSE;
        int ep = IeIdentifier.ENDPOINT_REFERENCE;
        MANDATORY.put(MessageType.SETUP, new int[] {IeIdentifier.ATM_TRAFFIC_DESCRIPTOR,
            IeIdentifier.BROADBAND_BEARER_CAPABILITY, IeIdentifier.CALLED_PARTY_NUMBER});
        MANDATORY.put(MessageType.RELEASE, new int[] {cause});
        MANDATORY.put(MessageType.STATUS, new int[] {IeIdentifier.CALL_STATE, cause});
        MANDATORY.put(MessageType.ADD_PARTY, new int[] {IeIdentifier.CALLED_PARTY_NUMBER, ep});
        MANDATORY.put(MessageType.ADD_PARTY_ACKNOWLEDGE, new int[] {ep});
        MANDATORY.put(MessageType.ADD_PARTY_REJECT, new int[] {cause, ep});
        MANDATORY.put(MessageType.DROP_PARTY, new int[] {cause, ep});
        MANDATORY.put(MessageType.DROP_PARTY_ACKNOWLEDGE, new int[] {ep});
        MANDATORY.put(MessageType.MODIFY_REQUEST, new int[] {IeIdentifier.ATM_TRAFFIC_DESCRIPTOR});
        MANDATORY.put(MessageType.MODIFY_REJECT, new int[] {cause});
    }

    private IeCheck() {
    }

    /**
     * @param m a decoded message
     * @return what to do with it
     */
    static Verdict check(Q2931Message m) {
        int[] mandatory = MANDATORY.getOrDefault(m.type(), NONE);
        for (int id : mandatory) {
            InformationElement ie = find(m, id);
            if (ie == null) {
                return new Verdict(Kind.MISSING, CauseValue.MANDATORY_IE_MISSING, id);
            }
            if (ie instanceof InvalidIe || ie instanceof UnrecognizedIe) {
                return new Verdict(Kind.CONTENT, CauseValue.INVALID_IE_CONTENTS, id);
            }
        }
        Verdict worst = Verdict.PASS;
        for (InformationElement ie : m.informationElements()) {
            boolean invalid = ie instanceof InvalidIe;
            // Broadband report type (Q.2963.1) travels undecoded; call control does not need its contents.
            if (!invalid && !(ie instanceof UnrecognizedIe) || ie.identifier() == IeIdentifier.BROADBAND_REPORT_TYPE
                    || isFirstMandatory(m, mandatory, ie)) {
                continue;
            }
            Kind kind = action(ie.instruction());
            if (kind.ordinal() > worst.kind().ordinal()) {
                worst = new Verdict(kind, invalid ? CauseValue.INVALID_IE_CONTENTS : CauseValue.IE_NOT_IMPLEMENTED,
                        ie.identifier());
            }
        }
        return worst;
    }

    private static Kind action(IeInstruction ins) {
        if (!ins.followExplicitInstructions()) {
            return Kind.REPORT;
        }
        return switch (ins.actionIndicator()) {
            case IeInstruction.ACTION_CLEAR_CALL -> Kind.CLEAR;
            case IeInstruction.ACTION_DISCARD_IE_AND_PROCEED -> Kind.OK;
            case IeInstruction.ACTION_DISCARD_MESSAGE_AND_IGNORE -> Kind.DISCARD;
            case IeInstruction.ACTION_DISCARD_MESSAGE_AND_REPORT -> Kind.DISCARD_REPORT;
            default -> Kind.REPORT;
        };
    }

    private static boolean isFirstMandatory(Q2931Message m, int[] mandatory, InformationElement ie) {
        for (int id : mandatory) {
            if (id == ie.identifier() && find(m, id) == ie) {
                return true;
            }
        }
        return false;
    }

    private static InformationElement find(Q2931Message m, int identifier) {
        for (InformationElement ie : m.informationElements()) {
            if (ie.identifier() == identifier) {
                return ie;
            }
        }
        return null;
    }
}

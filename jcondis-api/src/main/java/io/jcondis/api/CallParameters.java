package io.jcondis.api;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * CO_CALL_PARAMETERS with its CO_CALL_MANAGER_PARAMETERS and CO_MEDIA_PARAMETERS flattened into one immutable
 * value. A call manager that changes what the client asked for returns a new value with
 * {@link #CALL_PARAMETERS_CHANGED} set (R15).
 *
 * <p>The called and calling addresses travel in {@link #callMgrSpecific()} as the switch's text form
 * ({@link #ADDRESSING_PARAM_TYPE}); {@link #calledAddress()} reads them back.
 *
 * @param flags            CO_CALL_PARAMETERS.Flags
 * @param transmit         transmit flowspec
 * @param receive          receive flowspec
 * @param callMgrSpecific  CallMgrSpecific
 * @param mediaFlags       CO_MEDIA_PARAMETERS.Flags
 * @param receiveSizeHint  ReceiveSizeHint
 * @param mediaSpecific    MediaSpecific
 */
public record CallParameters(int flags, FlowSpec transmit, FlowSpec receive, SpecificParameters callMgrSpecific,
                             int mediaFlags, int receiveSizeHint, SpecificParameters mediaSpecific) {
    /** PERMANENT_VC. */
    public static final int PERMANENT_VC = 0x1;
    /** CALL_PARAMETERS_CHANGED. */
    public static final int CALL_PARAMETERS_CHANGED = 0x2;
    /** QUERY_CALL_PARAMETERS. */
    public static final int QUERY_CALL_PARAMETERS = 0x4;
    /** BROADCAST_VC. */
    public static final int BROADCAST_VC = 0x8;
    /** MULTIPOINT_VC. */
    public static final int MULTIPOINT_VC = 0x10;

    /** Media flag TRANSMIT_VC. */
    public static final int TRANSMIT_VC = 0x4;
    /** Media flag RECEIVE_VC. */
    public static final int RECEIVE_VC = 0x8;
    /** Media flag ROUND_DOWN_FLOW. */
    public static final int ROUND_DOWN_FLOW = 0x80;
    /** Media flag ROUND_UP_FLOW. */
    public static final int ROUND_UP_FLOW = 0x100;

    /** CallMgrSpecific type carrying UTF-8 {@code called=ADDR[;calling=ADDR]}. */
    public static final int ADDRESSING_PARAM_TYPE = 0x4A43;

    /** Null checks; absent specific parameters become {@link SpecificParameters#NONE}. */
    public CallParameters {
        Objects.requireNonNull(transmit, "transmit");
        Objects.requireNonNull(receive, "receive");
        callMgrSpecific = callMgrSpecific == null ? SpecificParameters.NONE : callMgrSpecific;
        mediaSpecific = mediaSpecific == null ? SpecificParameters.NONE : mediaSpecific;
    }

    /**
     * @param calledAddress the called party, e.g. {@code hostb:video}
     * @param transmit      transmit flowspec
     * @param receive       receive flowspec
     * @return call parameters for a point-to-point call to {@code calledAddress}
     */
    public static CallParameters to(String calledAddress, FlowSpec transmit, FlowSpec receive) {
        return new CallParameters(0, transmit, receive, addressing(calledAddress), TRANSMIT_VC | RECEIVE_VC, 0,
                SpecificParameters.NONE);
    }

    /**
     * @param calledAddress the called party
     * @return CallMgrSpecific parameters naming it
     */
    public static SpecificParameters addressing(String calledAddress) {
        return new SpecificParameters(ADDRESSING_PARAM_TYPE,
                ("called=" + calledAddress).getBytes(StandardCharsets.UTF_8));
    }

    /** @return the called address carried in CallMgrSpecific, or {@code null} */
    public String calledAddress() {
        if (callMgrSpecific.paramType() != ADDRESSING_PARAM_TYPE) {
            return null;
        }
        for (String part : new String(callMgrSpecific.parameters(), StandardCharsets.UTF_8).split(";")) {
            if (part.startsWith("called=")) {
                return part.substring("called=".length());
            }
        }
        return null;
    }

    /** @return true if {@code flag} is set in {@link #flags()} */
    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    /** @return a copy with {@code newFlags} */
    public CallParameters withFlags(int newFlags) {
        return new CallParameters(newFlags, transmit, receive, callMgrSpecific, mediaFlags, receiveSizeHint,
                mediaSpecific);
    }

    /** @return a copy with these flowspecs */
    public CallParameters withQos(FlowSpec newTransmit, FlowSpec newReceive) {
        return new CallParameters(flags, newTransmit, newReceive, callMgrSpecific, mediaFlags, receiveSizeHint,
                mediaSpecific);
    }

    /** @return a copy with these called-address parameters */
    public CallParameters withCalledAddress(String calledAddress) {
        return new CallParameters(flags, transmit, receive, addressing(calledAddress), mediaFlags, receiveSizeHint,
                mediaSpecific);
    }

    /** @return the first malformed field (flowspec range, service type), or {@code null} if well-formed */
    public String invalidField() {
        String t = transmit.invalidField();
        if (t != null) {
            return "transmit." + t;
        }
        String r = receive.invalidField();
        return r == null ? null : "receive." + r;
    }
}

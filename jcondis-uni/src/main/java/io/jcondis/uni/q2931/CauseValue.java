package io.jcondis.uni.q2931;

import java.util.Optional;

/**
 * Standard cause values for Q.2931 (Q.2931 Table 4-15 and Annex, which follow Q.850), with the Q.2971 additions
 * for point-to-multipoint calls. The 7-bit code is what goes on the wire.
 */
public enum CauseValue {
    /** 1: unallocated (unassigned) number. */
    UNALLOCATED_NUMBER(1, "Unallocated (unassigned) number"),
    /** 2: no route to specified transit network. */
    NO_ROUTE_TO_TRANSIT_NETWORK(2, "No route to specified transit network"),
    /** 3: no route to destination. */
    NO_ROUTE_TO_DESTINATION(3, "No route to destination"),
    /** 10: VPCI/VCI unacceptable. */
    VPCI_VCI_UNACCEPTABLE(10, "VPCI/VCI unacceptable"),
    /** 16: normal call clearing. */
    NORMAL_CALL_CLEARING(16, "Normal call clearing"),
    /** 17: user busy. */
    USER_BUSY(17, "User busy"),
    /** 18: no user responding. */
    NO_USER_RESPONDING(18, "No user responding"),
    /** 21: call rejected. */
    CALL_REJECTED(21, "Call rejected"),
    /** 22: number changed. */
    NUMBER_CHANGED(22, "Number changed"),
    /** 23: user rejects all calls with calling line identification restriction. */
    USER_REJECTS_CLIR(23, "User rejects all calls with calling line identification restriction"),
    /** 27: destination out of order. */
    DESTINATION_OUT_OF_ORDER(27, "Destination out of order"),
    /** 28: invalid number format (address incomplete). */
    INVALID_NUMBER_FORMAT(28, "Invalid number format (address incomplete)"),
    /** 30: response to STATUS ENQUIRY. */
    RESPONSE_TO_STATUS_ENQUIRY(30, "Response to STATUS ENQUIRY"),
    /** 31: normal, unspecified. */
    NORMAL_UNSPECIFIED(31, "Normal, unspecified"),
    /** 35: requested VPCI/VCI not available. */
    REQUESTED_VPCI_VCI_NOT_AVAILABLE(35, "Requested VPCI/VCI not available"),
    /** 36: VPCI/VCI assignment failure. */
    VPCI_VCI_ASSIGNMENT_FAILURE(36, "VPCI/VCI assignment failure"),
    /** 37: user cell rate not available. */
    USER_CELL_RATE_NOT_AVAILABLE(37, "User cell rate not available"),
    /** 38: network out of order. */
    NETWORK_OUT_OF_ORDER(38, "Network out of order"),
    /** 41: temporary failure. */
    TEMPORARY_FAILURE(41, "Temporary failure"),
    /** 43: access information discarded. */
    ACCESS_INFORMATION_DISCARDED(43, "Access information discarded"),
    /** 45: no VPCI/VCI available. */
    NO_VPCI_VCI_AVAILABLE(45, "No VPCI/VCI available"),
    /** 47: resource unavailable, unspecified. */
    RESOURCE_UNAVAILABLE(47, "Resource unavailable, unspecified"),
    /** 49: quality of service not available. */
    QOS_NOT_AVAILABLE(49, "Quality of service not available"),
    /** 57: bearer capability not authorized. */
    BEARER_CAPABILITY_NOT_AUTHORIZED(57, "Bearer capability not authorized"),
    /** 58: bearer capability not presently available. */
    BEARER_CAPABILITY_NOT_AVAILABLE(58, "Bearer capability not presently available"),
    /** 63: service or option not available, unspecified. */
    SERVICE_NOT_AVAILABLE(63, "Service or option not available, unspecified"),
    /** 65: bearer capability not implemented. */
    BEARER_CAPABILITY_NOT_IMPLEMENTED(65, "Bearer capability not implemented"),
    /** 73: unsupported combination of traffic parameters. */
    UNSUPPORTED_TRAFFIC_PARAMETERS(73, "Unsupported combination of traffic parameters"),
    /** 79: service or option not implemented, unspecified. */
    SERVICE_NOT_IMPLEMENTED(79, "Service or option not implemented, unspecified"),
    /** 81: invalid call reference value. */
    INVALID_CALL_REFERENCE(81, "Invalid call reference value"),
    /** 82: identified channel does not exist. */
    IDENTIFIED_CHANNEL_DOES_NOT_EXIST(82, "Identified channel does not exist"),
    /** 88: incompatible destination. */
    INCOMPATIBLE_DESTINATION(88, "Incompatible destination"),
    /** 89: invalid endpoint reference (Q.2971). */
    INVALID_ENDPOINT_REFERENCE(89, "Invalid endpoint reference"),
    /** 91: invalid transit network selection. */
    INVALID_TRANSIT_NETWORK_SELECTION(91, "Invalid transit network selection"),
    /** 92: too many pending add party requests (Q.2971). */
    TOO_MANY_PENDING_ADD_PARTY_REQUESTS(92, "Too many pending add party requests"),
    /** 93: AAL parameters cannot be supported. */
    AAL_PARAMETERS_NOT_SUPPORTED(93, "AAL parameters cannot be supported"),
    /** 96: mandatory information element is missing. */
    MANDATORY_IE_MISSING(96, "Mandatory information element is missing"),
    /** 97: message type non-existent or not implemented. */
    MESSAGE_TYPE_NOT_IMPLEMENTED(97, "Message type non-existent or not implemented"),
    /** 99: information element non-existent or not implemented. */
    IE_NOT_IMPLEMENTED(99, "Information element non-existent or not implemented"),
    /** 100: invalid information element contents. */
    INVALID_IE_CONTENTS(100, "Invalid information element contents"),
    /** 101: message not compatible with call state. */
    MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE(101, "Message not compatible with call state"),
    /** 102: recovery on timer expiry. */
    RECOVERY_ON_TIMER_EXPIRY(102, "Recovery on timer expiry"),
    /** 104: incorrect message length. */
    INCORRECT_MESSAGE_LENGTH(104, "Incorrect message length"),
    /** 111: protocol error, unspecified. */
    PROTOCOL_ERROR(111, "Protocol error, unspecified"),
    /** 127: interworking, unspecified. */
    INTERWORKING_UNSPECIFIED(127, "Interworking, unspecified");

    private final int code;
    private final String description;

    CauseValue(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** @return the 7-bit wire code */
    public int code() {
        return code;
    }

    /** @return the name of the cause as the recommendation words it */
    public String description() {
        return description;
    }

    /**
     * @param code a 7-bit cause value
     * @return the standard cause, if the code is one this enum lists
     */
    public static Optional<CauseValue> fromCode(int code) {
        for (CauseValue v : values()) {
            if (v.code == code) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}

package io.jcondis.uni.q2931;

/**
 * Information element identifiers (octet 1 of each element) used by this codec, from Q.2931 Table 4-3, Q.2971 and
 * Q.2963.1.
 */
public final class IeIdentifier {
    /** Cause (Q.2931 4.5.15). */
    public static final int CAUSE = 0x08;
    /** Call state (Q.2931 4.5.10). */
    public static final int CALL_STATE = 0x14;
    /** Endpoint reference (Q.2971 clause 8). */
    public static final int ENDPOINT_REFERENCE = 0x54;
    /** Endpoint state (Q.2971 clause 8). */
    public static final int ENDPOINT_STATE = 0x55;
    /** ATM adaptation layer parameters (Q.2931 4.5.5). */
    public static final int AAL_PARAMETERS = 0x58;
    /** ATM traffic descriptor (Q.2931 4.5.6). */
    public static final int ATM_TRAFFIC_DESCRIPTOR = 0x59;
    /** Connection identifier (Q.2931 4.5.16). */
    public static final int CONNECTION_IDENTIFIER = 0x5A;
    /** Quality of service parameter (Q.2931 4.5.18). */
    public static final int QOS_PARAMETER = 0x5C;
    /** Broadband bearer capability (Q.2931 4.5.7). */
    public static final int BROADBAND_BEARER_CAPABILITY = 0x5E;
    /** Calling party number (Q.2931 4.5.13). */
    public static final int CALLING_PARTY_NUMBER = 0x6C;
    /** Called party number (Q.2931 4.5.11). */
    public static final int CALLED_PARTY_NUMBER = 0x70;
    /** User-user information (Q.2957 clause 4.2). */
    public static final int USER_USER_INFORMATION = 0x7E;
    /** Broadband report type (Q.2963.1), not decoded by this codec. */
    public static final int BROADBAND_REPORT_TYPE = 0x89;

    private IeIdentifier() {
    }
}

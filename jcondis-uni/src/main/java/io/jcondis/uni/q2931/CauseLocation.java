package io.jcondis.uni.q2931;

import java.util.Optional;

/** The location field of the cause element (Q.2931 4.5.15, after Q.850 Table 1). */
public enum CauseLocation {
    /** User (U). */
    USER(0x0),
    /** Private network serving the local user (LPN). */
    PRIVATE_NETWORK_LOCAL_USER(0x1),
    /** Public network serving the local user (LN). */
    PUBLIC_NETWORK_LOCAL_USER(0x2),
    /** Transit network (TN). */
    TRANSIT_NETWORK(0x3),
    /** Public network serving the remote user (RLN). */
    PUBLIC_NETWORK_REMOTE_USER(0x4),
    /** Private network serving the remote user (RPN). */
    PRIVATE_NETWORK_REMOTE_USER(0x5),
    /** International network (INTL). */
    INTERNATIONAL_NETWORK(0x7),
    /** Network beyond interworking point (BI). */
    BEYOND_INTERWORKING_POINT(0xA);

    private final int code;

    CauseLocation(int code) {
        this.code = code;
    }

    /** @return the 4-bit wire code */
    public int code() {
        return code;
    }

    /**
     * @param code a 4-bit location code
     * @return the location, if the code is a standard one
     */
    public static Optional<CauseLocation> fromCode(int code) {
        for (CauseLocation l : values()) {
            if (l.code == code) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}

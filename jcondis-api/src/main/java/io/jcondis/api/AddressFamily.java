package io.jcondis.api;

/**
 * CO_ADDRESS_FAMILY: the address family type and the call manager's version.
 *
 * @param type         one of the {@code CO_ADDRESS_FAMILY_*} values
 * @param majorVersion the call manager's major version
 * @param minorVersion the call manager's minor version
 */
public record AddressFamily(int type, int majorVersion, int minorVersion) {
    /** CO_ADDRESS_FAMILY_Q2931 (ATM UNI signaling). */
    public static final int Q2931 = 0x1;
    /** CO_ADDRESS_FAMILY_PSCHED. */
    public static final int PSCHED = 0x2;
    /** CO_ADDRESS_FAMILY_L2TP. */
    public static final int L2TP = 0x3;
    /** CO_ADDRESS_FAMILY_PPP. */
    public static final int PPP = 0x6;
    /** CO_ADDRESS_FAMILY_TAPI. */
    public static final int TAPI = 0x800;
    /** CO_ADDRESS_FAMILY_TAPI_PROXY. */
    public static final int TAPI_PROXY = 0x801;

    /** @return true if the types match (versions are the call manager's to report) */
    public boolean sameType(AddressFamily other) {
        return other != null && other.type == type;
    }

    @Override
    public String toString() {
        return String.format("AF(0x%x v%d.%d)", type, majorVersion, minorVersion);
    }
}

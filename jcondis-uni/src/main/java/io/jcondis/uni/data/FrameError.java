package io.jcondis.uni.data;

/**
 * Why a datagram is not a VC frame. {@link #truncation()} separates datagrams too short for their own framing
 * (counted as truncated) from damaged or foreign contents (counted as malformed).
 */
public enum FrameError {
    /** Shorter than a header and one 48-octet block (53 octets). */
    TOO_SHORT(true),
    /** The CPCS-PDU after the header is not a whole number of 48-octet blocks. */
    PARTIAL_BLOCK(true),
    /** The HEC octet does not match the first four header octets (I.432 CRC-8, coset 0x55). */
    HEADER_ERROR(false),
    /** The PTI is not user data with SDU-type 1 (end of a CPCS-PDU): an OAM/RM cell or a partial PDU. */
    NOT_USER_DATA(false),
    /** The CRC-32 over the CPCS-PDU does not match (I.363.5): corrupted, or truncated at a block boundary. */
    CRC_ERROR(false),
    /** The length field is 0: an aborted CPCS-PDU (I.363.5). */
    ABORTED(false),
    /** The length field does not fit the PDU: the pad would be negative or longer than 47 octets. */
    LENGTH_MISMATCH(false),
    /** The CPI field is not 0, the only value I.363.5 defines. */
    BAD_CPI(false);

    private final boolean truncation;

    FrameError(boolean truncation) {
        this.truncation = truncation;
    }

    /** @return {@code true} if the datagram is too short for its framing, {@code false} if its contents are bad */
    public boolean truncation() {
        return truncation;
    }
}

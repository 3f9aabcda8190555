package io.jcondis.api;

/**
 * NDIS_STATUS_INDICATION: an unsolicited status from a miniport, adapter-wide or for one VC (H1).
 *
 * @param statusCode the indicated status (e.g. MEDIA_DISCONNECT, LINK_SPEED_CHANGE, WAN_CO_LINKPARAMS)
 * @param buffer     the status buffer (may be empty)
 */
public record StatusIndication(Status statusCode, byte[] buffer) {
    /** Copies the buffer. */
    public StatusIndication {
        buffer = buffer == null ? new byte[0] : buffer.clone();
    }

    @Override
    public byte[] buffer() {
        return buffer.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StatusIndication && ((StatusIndication) o).statusCode.equals(statusCode)
                && java.util.Arrays.equals(((StatusIndication) o).buffer, buffer);
    }

    @Override
    public int hashCode() {
        return statusCode.hashCode();
    }

    @Override
    public String toString() {
        return statusCode.code().name() + (buffer.length == 0 ? "" : "[" + buffer.length + " bytes]");
    }
}

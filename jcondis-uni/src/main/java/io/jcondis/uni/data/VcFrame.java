package io.jcondis.uni.data;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * One frame on a VC: the CPCS-SDU of an AAL5-style CPCS-PDU and the VPI/VCI it travels on (layout in
 * {@link VcFrameCodec}).
 *
 * <p>Equality compares the payload's remaining bytes ({@link ByteBuffer#equals}). The payload is read-only; a
 * decoded frame's payload is a view of the datagram it came from and is valid only as long as that datagram.
 *
 * @param vc      the VPI/VCI
 * @param cpcsUu  CPCS user-to-user indication, 0..255, carried transparently
 * @param payload the CPCS-SDU, 1..{@link VcFrameCodec#MAX_PAYLOAD_BYTES} bytes between position and limit
 */
public record VcFrame(VcId vc, int cpcsUu, ByteBuffer payload) {
    /** @throws IllegalArgumentException if {@code cpcsUu} or the payload length is out of range */
    public VcFrame {
        Objects.requireNonNull(vc, "vc");
        Objects.requireNonNull(payload, "payload");
        if (cpcsUu < 0 || cpcsUu > 0xFF) {
            throw new IllegalArgumentException("CPCS-UU out of range 0..255: " + cpcsUu);
        }
        if (payload.remaining() < 1 || payload.remaining() > VcFrameCodec.MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload length out of range 1.." + VcFrameCodec.MAX_PAYLOAD_BYTES
                    + ": " + payload.remaining());
        }
        payload = payload.slice().asReadOnlyBuffer();
    }

    /**
     * @param vc      the VPI/VCI
     * @param payload the CPCS-SDU (not copied)
     * @return a frame with CPCS-UU 0
     */
    public static VcFrame of(VcId vc, byte[] payload) {
        return new VcFrame(vc, 0, ByteBuffer.wrap(payload));
    }

    /** @return a read-only view of the payload, positioned at its start */
    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** @return a copy of the payload */
    public byte[] payloadBytes() {
        byte[] b = new byte[payload.remaining()];
        payload.duplicate().get(b);
        return b;
    }

    @Override
    public String toString() {
        return "VcFrame{" + vc + ", uu=" + cpcsUu + ", " + payload.remaining() + " bytes}";
    }
}

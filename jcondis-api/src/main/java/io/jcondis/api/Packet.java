package io.jcondis.api;

import java.nio.ByteBuffer;

/**
 * One packet (the NET_BUFFER_LIST of NDIS 6) on a VC. The payload is immutable once built. Ownership follows
 * R31: between a send and its send-completion the sender must not touch the packet; a received packet belongs
 * to the receiver only for as long as the receive contract says.
 *
 * <p>The per-packet completion status is set by the miniport before it completes a send, and read by the
 * sender in its send-complete handler. Not thread-safe beyond that hand-off.
 */
public final class Packet {
    /** Largest payload the runtime accepts in one packet (64 KiB); larger sends fail with INVALID_LENGTH. */
    public static final int MAX_PAYLOAD_BYTES = 65536;

    private final ByteBuffer payload;
    private volatile Status status = Status.PENDING;

    private Packet(ByteBuffer payload) {
        this.payload = payload.asReadOnlyBuffer();
    }

    /**
     * @param bytes the payload (not copied: the caller gives it up)
     * @return a packet over {@code bytes}
     */
    public static Packet wrap(byte[] bytes) {
        return new Packet(ByteBuffer.wrap(bytes));
    }

    /**
     * @param buffer the payload between position and limit (not copied)
     * @return a packet over {@code buffer}
     */
    public static Packet wrap(ByteBuffer buffer) {
        return new Packet(buffer.slice());
    }

    /** @return a read-only view of the payload, positioned at its start */
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** @return payload length in bytes */
    public int length() {
        return payload.remaining();
    }

    /** @return a copy of the payload */
    public byte[] toBytes() {
        byte[] b = new byte[payload.remaining()];
        payload.duplicate().get(b);
        return b;
    }

    /** @return the completion status (PENDING until completed) */
    public Status status() {
        return status;
    }

    /**
     * Set by the miniport (or runtime) before the send completes.
     *
     * @param completion the per-packet completion status
     */
    public void status(Status completion) {
        this.status = completion;
    }

    @Override
    public String toString() {
        return "Packet{" + length() + " bytes, " + status + "}";
    }
}

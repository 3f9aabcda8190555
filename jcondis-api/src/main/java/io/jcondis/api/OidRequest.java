package io.jcondis.api;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * NDIS_OID_REQUEST: a query or set of one OID. Mutable: the handler fills {@link #bytesWritten(int)},
 * {@link #bytesNeeded(int)} and, for a query, the information buffer. The requester must not touch it between
 * a PENDING return and the completion. Not thread-safe.
 */
public final class OidRequest {
    /** The request type. */
    public enum Type {
        /** NdisRequestQueryInformation. */
        QUERY,
        /** NdisRequestSetInformation. */
        SET
    }

    private final Type type;
    private final int oid;
    private final byte[] buffer;
    private int bytesWritten;
    private int bytesRead;
    private int bytesNeeded;

    /**
     * @param type   query or set
     * @param oid    the OID value
     * @param buffer the information buffer (input for a set, output for a query); never null
     */
    public OidRequest(Type type, int oid, byte[] buffer) {
        this.type = type;
        this.oid = oid;
        this.buffer = buffer == null ? new byte[0] : buffer;
    }

    /** @return a query of {@code oid} with a buffer of {@code length} bytes */
    public static OidRequest query(int oid, int length) {
        return new OidRequest(Type.QUERY, oid, new byte[length]);
    }

    /** @return a set of {@code oid} with {@code data} */
    public static OidRequest set(int oid, byte[] data) {
        return new OidRequest(Type.SET, oid, data);
    }

    /** @return query or set */
    public Type type() {
        return type;
    }

    /** @return the OID */
    public int oid() {
        return oid;
    }

    /** @return the information buffer (shared, not copied) */
    public byte[] buffer() {
        return buffer;
    }

    /** @return bytes written by a query handler */
    public int bytesWritten() {
        return bytesWritten;
    }

    /** @param n bytes written by a query handler */
    public void bytesWritten(int n) {
        bytesWritten = n;
    }

    /** @return bytes read by a set handler */
    public int bytesRead() {
        return bytesRead;
    }

    /** @param n bytes read by a set handler */
    public void bytesRead(int n) {
        bytesRead = n;
    }

    /** @return bytes needed when the buffer was too short */
    public int bytesNeeded() {
        return bytesNeeded;
    }

    /** @param n bytes needed when the buffer was too short */
    public void bytesNeeded(int n) {
        bytesNeeded = n;
    }

    /**
     * Answers a query with a number, as NDIS statistics OIDs are answered: 8 bytes (little-endian) when the buffer
     * holds them, else the low 4 bytes.
     *
     * @param value the number
     * @return {@code SUCCESS} (bytes written set); {@code INVALID_OID} for a set; {@code INVALID_LENGTH} for a
     *         buffer under 4 bytes (bytes needed set to 8)
     */
    public Status answerLong(long value) {
        if (type != Type.QUERY) {
            return Status.INVALID_OID.withDescription(Oids.name(oid) + " is query-only");
        }
        if (buffer.length < 4) {
            bytesNeeded(8);
            return Status.INVALID_LENGTH.withDescription("needs 4 or 8 bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(buffer).order(ByteOrder.LITTLE_ENDIAN);
        if (buffer.length >= 8) {
            b.putLong(value);
            bytesWritten(8);
        } else {
            b.putInt((int) value);
            bytesWritten(4);
        }
        return Status.SUCCESS;
    }

    /**
     * Answers a query with bytes.
     *
     * @param value the bytes
     * @return {@code SUCCESS} (bytes written set); {@code INVALID_OID} for a set; {@code BUFFER_TOO_SHORT} for a
     *         shorter buffer (bytes needed set)
     */
    public Status answerBytes(byte[] value) {
        if (type != Type.QUERY) {
            return Status.INVALID_OID.withDescription(Oids.name(oid) + " is query-only");
        }
        if (buffer.length < value.length) {
            bytesNeeded(value.length);
            return Status.BUFFER_TOO_SHORT.withDescription("needs " + value.length + " bytes");
        }
        System.arraycopy(value, 0, buffer, 0, value.length);
        bytesWritten(value.length);
        return Status.SUCCESS;
    }

    @Override
    public String toString() {
        return type + " " + Oids.name(oid) + " (" + buffer.length + " bytes)";
    }
}

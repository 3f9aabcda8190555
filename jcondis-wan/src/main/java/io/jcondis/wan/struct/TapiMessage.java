package io.jcondis.wan.struct;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A view of one structure of {@link StructLayout} inside a byte array (an OID request's information buffer),
 * little-endian. Reads and writes by field name; the caller checks the buffer is long enough first
 * ({@link StructCheck}), otherwise an {@link IndexOutOfBoundsException} is a programming error. The
 * {@code ascii}/{@code bytes} helpers never throw: data outside the buffer reads as empty. Not thread-safe.
 */
public final class TapiMessage {
    private final StructLayout layout;
    private final byte[] buf;
    private final int base;

    private TapiMessage(StructLayout layout, byte[] buf, int base) {
        this.layout = layout;
        this.buf = buf;
        this.base = base;
    }

    /** @return a view of {@code layout} at the start of {@code buf} */
    public static TapiMessage wrap(StructLayout layout, byte[] buf) {
        return new TapiMessage(layout, buf, 0);
    }

    /** @return a view of {@code layout} at {@code base} in {@code buf} */
    public static TapiMessage wrap(StructLayout layout, byte[] buf, int base) {
        return new TapiMessage(layout, buf, base);
    }

    /** @return a zeroed buffer of sizeof({@code layout}) + {@code extraBytes} with a view on it */
    public static TapiMessage allocate(StructLayout layout, int extraBytes) {
        return new TapiMessage(layout, new byte[layout.size() + Math.max(0, extraBytes)], 0);
    }

    /** @return the layout */
    public StructLayout layout() {
        return layout;
    }

    /** @return the underlying buffer (shared) */
    public byte[] buffer() {
        return buf;
    }

    /** @return the offset of the structure in the buffer */
    public int base() {
        return base;
    }

    /** @return the ULONG {@code field} (as a Java int; use {@link Integer#toUnsignedLong} for sizes) */
    public int u32(String field) {
        return getU32(buf, base + layout.offset(field));
    }

    /** @return the 8-byte {@code field} */
    public long ptr(String field) {
        return getU64(buf, base + layout.offset(field));
    }

    /** @return the BOOLEAN {@code field} */
    public boolean bool(String field) {
        return buf[base + layout.offset(field)] != 0;
    }

    /** Writes the ULONG {@code field}. */
    public TapiMessage putU32(String field, int value) {
        putU32(buf, base + layout.offset(field), value);
        return this;
    }

    /** Writes the 8-byte {@code field}. */
    public TapiMessage putPtr(String field, long value) {
        putU64(buf, base + layout.offset(field), value);
        return this;
    }

    /** Writes the BOOLEAN {@code field}. */
    public TapiMessage putBool(String field, boolean value) {
        buf[base + layout.offset(field)] = (byte) (value ? 1 : 0);
        return this;
    }

    /** @return a copy of {@code size} bytes at {@code offset} from the structure's start, or empty if outside */
    public byte[] bytes(long offset, long size) {
        return slice(buf, base + offset, size);
    }

    /** @return the ASCII string of {@code size} bytes at {@code offset} (trailing NULs dropped), or "" */
    public String ascii(long offset, long size) {
        return asciiOf(slice(buf, base + offset, size));
    }

    // ------------------------------------------------------------------------------------------ raw helpers

    /** @return the little-endian ULONG at {@code off} */
    public static int getU32(byte[] b, int off) {
        return (b[off] & 0xFF) | (b[off + 1] & 0xFF) << 8 | (b[off + 2] & 0xFF) << 16 | (b[off + 3] & 0xFF) << 24;
    }

    /** @return the little-endian 8-byte value at {@code off} */
    public static long getU64(byte[] b, int off) {
        return (getU32(b, off) & 0xFFFFFFFFL) | (long) getU32(b, off + 4) << 32;
    }

    /** Writes a little-endian ULONG. */
    public static void putU32(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }

    /** Writes a little-endian 8-byte value. */
    public static void putU64(byte[] b, int off, long v) {
        putU32(b, off, (int) v);
        putU32(b, off + 4, (int) (v >>> 32));
    }

    /** @return true when [{@code off}, {@code off + len}) lies inside {@code b} (unsigned arithmetic) */
    public static boolean inside(byte[] b, long off, long len) {
        return off >= 0 && len >= 0 && off + len <= b.length;
    }

    /** @return a copy of the bytes, or an empty array when the range is not inside {@code b} */
    public static byte[] slice(byte[] b, long off, long len) {
        if (!inside(b, off, len)) {
            return new byte[0];
        }
        return Arrays.copyOfRange(b, (int) off, (int) (off + len));
    }

    /** @return the ASCII text of {@code raw} without trailing NULs */
    public static String asciiOf(byte[] raw) {
        int n = raw.length;
        while (n > 0 && raw[n - 1] == 0) {
            n--;
        }
        return new String(raw, 0, n, StandardCharsets.US_ASCII);
    }

    /** @return {@code s} as ASCII with a terminating NUL (the TAPI string convention: the size counts it) */
    public static byte[] asciiZ(String s) {
        byte[] a = s.getBytes(StandardCharsets.US_ASCII);
        return Arrays.copyOf(a, a.length + 1);
    }
}

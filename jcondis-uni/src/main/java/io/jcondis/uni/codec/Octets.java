package io.jcondis.uni.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable string of octets with value equality, used for opaque wire fields (SSCOP user-to-user data, SD
 * payloads, undecoded information element contents, ATM End System Addresses).
 *
 * <p>Immutable and thread-safe. {@link #toString()} prints lower-case hex, so assertion failures are readable.
 */
public final class Octets {
    /** The empty octet string. */
    public static final Octets EMPTY = new Octets(new byte[0]);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * @param bytes the octets (copied)
     * @return an octet string holding a copy of {@code bytes}
     */
    public static Octets of(byte... bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /**
     * Convenience for tests and constants: each value is one octet.
     *
     * @param values octet values, each 0..255
     * @return the octet string
     * @throws IllegalArgumentException if a value is outside 0..255
     */
    public static Octets ofUnsigned(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if (values[i] < 0 || values[i] > 0xFF) {
                throw new IllegalArgumentException("octet value out of range at " + i + ": " + values[i]);
            }
            b[i] = (byte) values[i];
        }
        return b.length == 0 ? EMPTY : new Octets(b);
    }

    /**
     * @param src    source array
     * @param offset first octet
     * @param length number of octets
     * @return a copy of {@code src[offset, offset + length)}
     * @throws IndexOutOfBoundsException if the range is outside {@code src}
     */
    public static Octets copyOf(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(src, offset, offset + length));
    }

    /**
     * @param text characters, each encoded as one US-ASCII (IA5) octet
     * @return the octet string
     * @throws IllegalArgumentException if a character is not US-ASCII
     */
    public static Octets ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7F) {
                throw new IllegalArgumentException("not US-ASCII at " + i + ": " + text);
            }
        }
        return of(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** @return the number of octets */
    public int length() {
        return bytes.length;
    }

    /** @return {@code true} if there are no octets */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /**
     * @param index octet index
     * @return the octet at {@code index} as an unsigned value 0..255
     */
    public int get(int index) {
        return bytes[index] & 0xFF;
    }

    /** @return a fresh copy of the octets */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /**
     * Copies the octets into {@code dst}.
     *
     * @param dst    destination
     * @param offset first destination index
     */
    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, bytes.length);
    }

    /** @return the octets read as US-ASCII (IA5) characters */
    public String toAscii() {
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets && Arrays.equals(bytes, ((Octets) o).bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** @return the octets as lower-case hex, e.g. {@code "0a1b"} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        return sb.toString();
    }
}

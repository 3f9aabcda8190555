package io.jcondis.uni.data;

import java.nio.ByteBuffer;

/**
 * Codec of VC frames: one frame per UDP datagram, an ATM NNI cell header without the cell segmentation, then an
 * AAL5 CPCS-PDU exactly as ITU-T I.363.5 lays it out (payload, PAD to a multiple of 48 octets, 8-octet trailer).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          VPI (12)     |           VCI (16)            | PTI |C|   header: I.361 NNI format,
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+   PTI = 001 (user data, SDU-type 1),
 * |   HEC (8)     |  CPCS-PDU payload (CPCS-SDU, 1..65464 octets) ... C = CLP (0 when sent, ignored when read),
 * +-+-+-+-+-+-+-+-+                                               |   HEC = I.432 CRC-8 of octets 0-3 ^ 0x55
 * |                  ... payload ...  |  PAD (0..47 octets, 0x00)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   CPCS-UU     |     CPI (0)   |          Length (16)          |   trailer: I.363.5 clause 6.1.2
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                            CRC-32                             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |&lt;-5-&gt;|&lt;------------- CPCS-PDU: n * 48 octets ------------------&gt;|
 * </pre>
 *
 * <p>All multi-octet fields are big-endian. Length counts the payload only. The CRC-32 (generator 0x04C11DB7,
 * register preset to all ones, MSB first, result complemented: CRC-32/BZIP2) covers the whole CPCS-PDU except
 * itself: payload, PAD, CPCS-UU, CPI and Length. The header is protected by its own HEC, as in a cell; so a
 * flipped bit anywhere in the datagram is caught, and a datagram cut short is caught by its size
 * ({@link FrameError#TOO_SHORT}, {@link FrameError#PARTIAL_BLOCK}) or, cut at a block boundary, by the CRC.
 * A one-block frame is 53 octets, the size of a cell. The largest payload, {@value #MAX_PAYLOAD_BYTES} octets,
 * makes the largest datagram (65477 octets) fit the 65507-octet UDP payload limit of IPv4.
 *
 * <p>Stateless and thread-safe. {@link #decode} never throws on bad input.
 */
public final class VcFrameCodec {
    /** Header octets: VPI, VCI, PTI, CLP, HEC. */
    public static final int HEADER_BYTES = 5;
    /** CPCS-PDU trailer octets: CPCS-UU, CPI, Length, CRC-32. */
    public static final int TRAILER_BYTES = 8;
    /** The CPCS-PDU is a whole number of these (one cell payload). */
    public static final int BLOCK_BYTES = 48;
    /** Largest payload: 1364 blocks less the trailer, the most that fits one IPv4 UDP datagram. */
    public static final int MAX_PAYLOAD_BYTES = 1364 * BLOCK_BYTES - TRAILER_BYTES;
    /** Smallest datagram that can be a frame: a header and one block. */
    public static final int MIN_DATAGRAM_BYTES = HEADER_BYTES + BLOCK_BYTES;

    /** PTI 001 (user data, no congestion, SDU-type 1) and CLP 0 in the low nibble of header octet 3. */
    private static final int PTI_USER_DATA_END = 0b0010;
    private static final int HEC_COSET = 0x55;
    private static final int[] CRC32_TABLE = new int[256];
    private static final int[] CRC8_TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            int h = i;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x8000_0000) != 0 ? (c << 1) ^ 0x04C1_1DB7 : c << 1;
                h = (h & 0x80) != 0 ? ((h << 1) ^ 0x07) & 0xFF : (h << 1) & 0xFF;
            }
            CRC32_TABLE[i] = c;
            CRC8_TABLE[i] = h;
        }
    }

    private VcFrameCodec() {
    }

    /**
     * @param payloadBytes CPCS-SDU length
     * @return octets of the CPCS-PDU carrying it (payload, PAD and trailer)
     */
    public static int cpcsPduLength(int payloadBytes) {
        return (payloadBytes + TRAILER_BYTES + BLOCK_BYTES - 1) / BLOCK_BYTES * BLOCK_BYTES;
    }

    /**
     * @param payloadBytes CPCS-SDU length
     * @return octets of the datagram carrying it
     */
    public static int datagramLength(int payloadBytes) {
        return HEADER_BYTES + cpcsPduLength(payloadBytes);
    }

    /**
     * @param frame the frame
     * @return the datagram: header and CPCS-PDU
     */
    public static byte[] encode(VcFrame frame) {
        return encode(frame.vc(), frame.cpcsUu(), frame.payload());
    }

    /**
     * The header alone, for senders that put one CPCS-PDU behind several headers (point-to-multipoint).
     *
     * @param vc the VPI/VCI
     * @return the five header octets
     */
    public static byte[] header(VcId vc) {
        byte[] h = new byte[HEADER_BYTES];
        h[0] = (byte) (vc.vpi() >>> 4);
        h[1] = (byte) ((vc.vpi() & 0xF) << 4 | vc.vci() >>> 12);
        h[2] = (byte) (vc.vci() >>> 4);
        h[3] = (byte) ((vc.vci() & 0xF) << 4 | PTI_USER_DATA_END);
        h[4] = (byte) hec(h, 0);
        return h;
    }

    /**
     * The CPCS-PDU alone.
     *
     * @param cpcsUu  CPCS-UU, 0..255
     * @param payload the CPCS-SDU between position and limit, 1..{@value #MAX_PAYLOAD_BYTES} octets (not consumed)
     * @return payload, PAD and trailer
     * @throws IllegalArgumentException if a value is out of range
     */
    public static byte[] encodeCpcsPdu(int cpcsUu, ByteBuffer payload) {
        int n = checkedLength(cpcsUu, payload);
        byte[] pdu = new byte[cpcsPduLength(n)];
        writeCpcsPdu(cpcsUu, payload, pdu, 0);
        return pdu;
    }

    /**
     * Encodes a whole datagram in place, so a sender allocates one array per frame.
     *
     * @param vc      the VPI/VCI
     * @param cpcsUu  CPCS-UU, 0..255
     * @param payload the CPCS-SDU between position and limit, 1..{@value #MAX_PAYLOAD_BYTES} octets (not consumed)
     * @return the datagram
     * @throws IllegalArgumentException if a value is out of range
     */
    public static byte[] encode(VcId vc, int cpcsUu, ByteBuffer payload) {
        int n = checkedLength(cpcsUu, payload);
        byte[] d = new byte[datagramLength(n)];
        System.arraycopy(header(vc), 0, d, 0, HEADER_BYTES);
        writeCpcsPdu(cpcsUu, payload, d, HEADER_BYTES);
        return d;
    }

    /**
     * Rewrites the header of an encoded datagram for another VPI/VCI (one CPCS-PDU sent on several VCs).
     *
     * @param datagram an encoded datagram
     * @param vc       the VPI/VCI to put in its header
     */
    public static void rewriteHeader(byte[] datagram, VcId vc) {
        System.arraycopy(header(vc), 0, datagram, 0, HEADER_BYTES);
    }

    private static int checkedLength(int cpcsUu, ByteBuffer payload) {
        int n = payload.remaining();
        if (n < 1 || n > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("payload length out of range 1.." + MAX_PAYLOAD_BYTES + ": " + n);
        }
        if (cpcsUu < 0 || cpcsUu > 0xFF) {
            throw new IllegalArgumentException("CPCS-UU out of range 0..255: " + cpcsUu);
        }
        return n;
    }

    /** Writes payload, zero PAD and trailer at {@code off}; the array's zeros serve as PAD and CPI. */
    private static void writeCpcsPdu(int cpcsUu, ByteBuffer payload, byte[] out, int off) {
        int n = payload.remaining();
        payload.duplicate().get(out, off, n);
        int t = off + cpcsPduLength(n) - TRAILER_BYTES;
        out[t] = (byte) cpcsUu;
        out[t + 2] = (byte) (n >>> 8);
        out[t + 3] = (byte) n;
        int crc = crc32(ByteBuffer.wrap(out, off, t + 4 - off));
        out[t + 4] = (byte) (crc >>> 24);
        out[t + 5] = (byte) (crc >>> 16);
        out[t + 6] = (byte) (crc >>> 8);
        out[t + 7] = (byte) crc;
    }

    /**
     * Decodes one datagram. Never throws for any content.
     *
     * @param datagram the datagram between position and limit (not consumed; the frame's payload is a view of it)
     * @return the frame, or why it is not one
     */
    public static FrameResult decode(ByteBuffer datagram) {
        ByteBuffer d = datagram.slice();
        int len = d.remaining();
        if (len < MIN_DATAGRAM_BYTES) {
            return new FrameResult.Bad(FrameError.TOO_SHORT, len);
        }
        if (hec(d, 0) != (d.get(4) & 0xFF)) {
            return new FrameResult.Bad(FrameError.HEADER_ERROR, 4);
        }
        // Bit 3 of the PTI set means OAM or RM; bit 1 clear means not the last cell of a PDU. EFCI (bit 2) and
        // CLP may be set by a network and are ignored.
        int ptiClp = d.get(3) & 0x0F;
        if ((ptiClp & 0b1000) != 0 || (ptiClp & 0b0010) == 0) {
            return new FrameResult.Bad(FrameError.NOT_USER_DATA, 3);
        }
        int pduLength = len - HEADER_BYTES;
        if (pduLength % BLOCK_BYTES != 0) {
            return new FrameResult.Bad(FrameError.PARTIAL_BLOCK, len - pduLength % BLOCK_BYTES);
        }
        int t = len - TRAILER_BYTES;
        if (crc32(d.duplicate().position(HEADER_BYTES).limit(t + 4)) != d.getInt(t + 4)) {
            return new FrameResult.Bad(FrameError.CRC_ERROR, t + 4);
        }
        int length = d.getShort(t + 2) & 0xFFFF;
        if (length == 0) {
            return new FrameResult.Bad(FrameError.ABORTED, t + 2);
        }
        int pad = pduLength - TRAILER_BYTES - length;
        if (pad < 0 || pad >= BLOCK_BYTES) {
            return new FrameResult.Bad(FrameError.LENGTH_MISMATCH, t + 2);
        }
        if (d.get(t + 1) != 0) {
            return new FrameResult.Bad(FrameError.BAD_CPI, t + 1);
        }
        int b0 = d.get(0) & 0xFF;
        int b1 = d.get(1) & 0xFF;
        VcId vc = new VcId(b0 << 4 | b1 >>> 4, (b1 & 0xF) << 12 | (d.get(2) & 0xFF) << 4 | (d.get(3) & 0xFF) >>> 4);
        ByteBuffer payload = d.duplicate().position(HEADER_BYTES).limit(HEADER_BYTES + length);
        return new FrameResult.Ok(new VcFrame(vc, d.get(t) & 0xFF, payload));
    }

    /**
     * The AAL5 CRC-32 (CRC-32/BZIP2: generator 0x04C11DB7, preset all ones, not reflected, complemented).
     *
     * @param data the bytes between position and limit (not consumed)
     * @return the CRC
     */
    public static int crc32(ByteBuffer data) {
        int crc = 0xFFFF_FFFF;
        for (int i = data.position(), end = data.limit(); i < end; i++) {
            crc = (crc << 8) ^ CRC32_TABLE[((crc >>> 24) ^ data.get(i)) & 0xFF];
        }
        return ~crc;
    }

    private static int hec(byte[] h, int off) {
        return hec(ByteBuffer.wrap(h), off);
    }

    /** I.432 HEC: CRC-8 (x^8 + x^2 + x + 1) of four header octets, plus the coset 01010101. */
    private static int hec(ByteBuffer h, int off) {
        int c = 0;
        for (int i = 0; i < 4; i++) {
            c = CRC8_TABLE[(c ^ h.get(off + i)) & 0xFF];
        }
        return c ^ HEC_COSET;
    }
}

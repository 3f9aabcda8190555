package io.jcondis.uni.sscop;

import io.jcondis.uni.codec.DecodeResult;
import io.jcondis.uni.codec.Octets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Encoder and decoder for SSCOP PDUs (Q.2110 clause 7).
 *
 * <p>SSCOP PDUs are <em>trailer</em>-based: every PDU is a whole number of 32-bit words, and the PDU type, pad
 * length and sequence numbers sit in the last one to four words, after any user data. The last word always
 * carries the type:
 * <pre>
 *  0               1               2               3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---+-+-+-------+-----------------------------------------------+
 * |PL |R|S| type  |      N(S) / N(MR) / N(R) / reserved (24)      |   last word of every PDU
 * +---+-+-+-------+-----------------------------------------------+
 *   PL: pad length 0-3 (PDUs with user data); S: source bit (END only); R: reserved
 * </pre>
 *
 * <p>Per PDU type (each row is one 32-bit word, {@code [info]} is user data followed by PL pad octets):
 * <pre>
 *  SD    [info+pad]  | PL,R,type=8 | N(S)  |
 *  UD    [info+pad]  | PL,R,type=D | rsvd  |               MD identical with type=E
 *  BGN   [uu+pad]    | rsvd (24) | N(SQ) |  PL,R,type=1 | N(MR) |
 *  RS    [uu+pad]    | rsvd (24) | N(SQ) |  PL,R,type=5 | N(MR) |
 *  BGAK  [uu+pad]    | rsvd (32)         |  PL,R,type=2 | N(MR) |
 *  BGREJ [uu+pad]    | rsvd (32)         |  PL,R,type=7 | rsvd  |
 *  END   [uu+pad]    | rsvd (32)         |  PL,R,S,type=3 | rsvd |
 *  ENDAK             | rsvd (32)         |  type=4 | rsvd  |
 *  RSAK              | rsvd (32)         |  type=6 | N(MR) |
 *  ERAK              | rsvd (32)         |  type=F | N(MR) |
 *  ER                | rsvd (24) | N(SQ) |  type=9 | N(MR) |
 *  POLL              | rsvd (8) | N(PS)  |  type=A | N(S)  |
 *  STAT  | pad | list elem 1 | ... | pad | list elem L | rsvd | N(PS) | rsvd | N(MR) | type=B | N(R) |
 *  USTAT | pad | list elem 1 | pad | list elem 2 | rsvd | N(MR) | type=C | N(R) |
 * </pre>
 *
 * <p><b>Decoding never throws on bad input.</b> A length that is not a positive multiple of 4, PDU type 0, a
 * fixed-size PDU of the wrong size, or a pad length larger than the data it pads yield
 * {@link DecodeResult.Malformed}. Reserved fields are ignored.
 *
 * <p>Stateless and thread-safe.
 */
public final class SscopCodec {
    private SscopCodec() {
    }

    /**
     * Encodes a PDU, padding user data to a word boundary.
     *
     * @param pdu the PDU
     * @return the encoded octets, a multiple of 4 long
     */
    public static byte[] encode(SscopPdu pdu) {
        Objects.requireNonNull(pdu, "pdu");
        if (pdu instanceof SscopPdu.Sd p) {
            return withData(p.information(), 0, p.type(), 0, p.nS());
        } else if (pdu instanceof SscopPdu.Ud p) {
            return withData(p.information(), 0, p.type(), 0, 0);
        } else if (pdu instanceof SscopPdu.Md p) {
            return withData(p.information(), 0, p.type(), 0, 0);
        } else if (pdu instanceof SscopPdu.Bgn p) {
            return withData(p.uu(), 1, p.type(), p.nSq(), p.nMr());
        } else if (pdu instanceof SscopPdu.Rs p) {
            return withData(p.uu(), 1, p.type(), p.nSq(), p.nMr());
        } else if (pdu instanceof SscopPdu.Bgak p) {
            return withData(p.uu(), 1, p.type(), 0, p.nMr());
        } else if (pdu instanceof SscopPdu.Bgrej p) {
            return withData(p.uu(), 1, p.type(), 0, 0);
        } else if (pdu instanceof SscopPdu.End p) {
            byte[] out = withData(p.uu(), 1, p.type(), 0, 0);
            if (p.sourceSscop()) {
                out[out.length - 4] |= 0x10;
            }
            return out;
        } else if (pdu instanceof SscopPdu.Endak p) {
            return words(0, typeWord(p.type(), 0));
        } else if (pdu instanceof SscopPdu.Rsak p) {
            return words(0, typeWord(p.type(), p.nMr()));
        } else if (pdu instanceof SscopPdu.Erak p) {
            return words(0, typeWord(p.type(), p.nMr()));
        } else if (pdu instanceof SscopPdu.Er p) {
            return words(p.nSq(), typeWord(p.type(), p.nMr()));
        } else if (pdu instanceof SscopPdu.Poll p) {
            return words(p.nPs(), typeWord(p.type(), p.nS()));
        } else if (pdu instanceof SscopPdu.Stat p) {
            int[] w = new int[p.list().size() + 3];
            for (int i = 0; i < p.list().size(); i++) {
                w[i] = p.list().get(i);
            }
            w[w.length - 3] = p.nPs();
            w[w.length - 2] = p.nMr();
            w[w.length - 1] = typeWord(p.type(), p.nR());
            return words(w);
        } else if (pdu instanceof SscopPdu.Ustat p) {
            return words(p.listElement1(), p.listElement2(), p.nMr(), typeWord(p.type(), p.nR()));
        }
        throw new IllegalArgumentException("unsupported PDU: " + pdu);
    }

    /**
     * Decodes a PDU occupying all of {@code bytes}.
     *
     * @param bytes the octets
     * @return the PDU, or why it is malformed
     */
    public static DecodeResult<SscopPdu> decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes a PDU occupying exactly {@code bytes[offset, offset + length)} (SSCOP has no length field: the PDU
     * is the whole lower-layer SDU, here the UDP payload). Offsets in a {@link DecodeResult.Malformed} are
     * relative to {@code offset}.
     *
     * @param bytes  the buffer
     * @param offset first octet of the PDU
     * @param length octets in the PDU
     * @return the PDU, or why it is malformed
     * @throws IndexOutOfBoundsException if the range is outside {@code bytes} (a programmer error)
     */
    public static DecodeResult<SscopPdu> decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length < 4) {
            return DecodeResult.malformed("PDU shorter than one word: " + length, length);
        }
        if (length % 4 != 0) {
            return DecodeResult.malformed("PDU length " + length + " is not a multiple of 4", length);
        }
        int end = offset + length;
        int typeOctet = bytes[end - 4] & 0xFF;
        int pl = typeOctet >>> 6;
        Optional<SscopPduType> type = SscopPduType.fromCode(typeOctet & 0x0F);
        if (type.isEmpty()) {
            return DecodeResult.malformed("PDU type 0 is not assigned", length - 4);
        }
        SscopPduType t = type.get();
        int minimum = switch (t) {
            case SD, UD, MD -> 4;
            case STAT -> 12;
            case USTAT -> 16;
            default -> 8;
        };
        if (length < minimum) {
            return DecodeResult.malformed(t + " needs at least " + minimum + " octets, has " + length, 0);
        }
        int last = u24(bytes, end - 3);
        return switch (t) {
            case SD -> data(bytes, offset, length, 4, pl).map(info -> new SscopPdu.Sd(last, info));
            case UD -> data(bytes, offset, length, 4, pl).map(SscopPdu.Ud::new);
            case MD -> data(bytes, offset, length, 4, pl).map(SscopPdu.Md::new);
            case BGN -> data(bytes, offset, length, 8, pl).map(uu -> new SscopPdu.Bgn(nSq(bytes, end), last, uu));
            case RS -> data(bytes, offset, length, 8, pl).map(uu -> new SscopPdu.Rs(nSq(bytes, end), last, uu));
            case BGAK -> data(bytes, offset, length, 8, pl).map(uu -> new SscopPdu.Bgak(last, uu));
            case BGREJ -> data(bytes, offset, length, 8, pl).map(SscopPdu.Bgrej::new);
            case END -> data(bytes, offset, length, 8, pl).map(uu -> new SscopPdu.End((typeOctet & 0x10) != 0, uu));
            case ENDAK -> exactly(length, 8, t, new SscopPdu.Endak());
            case RSAK -> exactly(length, 8, t, new SscopPdu.Rsak(last));
            case ERAK -> exactly(length, 8, t, new SscopPdu.Erak(last));
            case ER -> exactly(length, 8, t, new SscopPdu.Er(nSq(bytes, end), last));
            case POLL -> exactly(length, 8, t, new SscopPdu.Poll(u24(bytes, end - 7), last));
            case USTAT -> exactly(length, 16, t, new SscopPdu.Ustat(u24(bytes, end - 7), last,
                    u24(bytes, offset + 1), u24(bytes, offset + 5)));
            case STAT -> {
                List<Integer> list = new ArrayList<>();
                for (int p = offset; p < end - 12; p += 4) {
                    list.add(u24(bytes, p + 1));
                }
                yield DecodeResult.ok(new SscopPdu.Stat(u24(bytes, end - 11), u24(bytes, end - 7), last, list));
            }
        };
    }

    private static DecodeResult<SscopPdu> exactly(int length, int expected, SscopPduType type, SscopPdu pdu) {
        return length == expected ? DecodeResult.ok(pdu)
                : DecodeResult.malformed(type + " must be " + expected + " octets, not " + length, 0);
    }

    /** The user data before a {@code trailer}-octet trailer, with {@code pl} pad octets removed. */
    private static DecodeResult<Octets> data(byte[] b, int offset, int length, int trailer, int pl) {
        int padded = length - trailer;
        if (pl > padded) {
            return DecodeResult.malformed("pad length " + pl + " exceeds the " + padded + " data octets",
                    length - 4);
        }
        return DecodeResult.ok(Octets.copyOf(b, offset, padded - pl));
    }

    private static int nSq(byte[] b, int end) {
        return b[end - 5] & 0xFF;
    }

    private static int u24(byte[] b, int at) {
        return (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF);
    }

    private static int typeWord(SscopPduType type, int field24) {
        return type.code() << 24 | field24;
    }

    /**
     * User data, pad, then the trailer: with {@code wordsBefore} = 1 an extra word {@code rsvd(24) | nSq(8)}
     * precedes the type word.
     */
    private static byte[] withData(Octets data, int wordsBefore, SscopPduType type, int nSq, int field24) {
        int pad = (4 - data.length() % 4) % 4;
        byte[] out = new byte[data.length() + pad + 4 * wordsBefore + 4];
        data.copyTo(out, 0);
        int p = data.length() + pad;
        if (wordsBefore == 1) {
            out[p + 3] = (byte) nSq;
            p += 4;
        }
        putWord(out, p, pad << 30 | typeWord(type, field24));
        return out;
    }

    private static byte[] words(int... words) {
        byte[] out = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            putWord(out, i * 4, words[i]);
        }
        return out;
    }

    private static void putWord(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}

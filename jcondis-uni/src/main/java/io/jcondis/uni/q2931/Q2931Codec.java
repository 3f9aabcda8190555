package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.DecodeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Encoder and decoder for Q.2931 messages (Q.2931 clause 4, with Q.2971 and Q.2963.1 message types).
 *
 * <p>Message layout (all fields big-endian):
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +-------------------------------+
 * | protocol discriminator = 0x09 |  octet 1
 * +---------------+---------------+
 * | 0   0   0   0 |  length = 3   |  octet 2        call reference length
 * +---+-----------+---------------+
 * |flg|  call reference value     |  octets 3-5     flag + 23-bit value
 * +---+---------------------------+
 * |         message type          |  octet 6
 * +---+-------+---+---+---+-------+
 * |ext| spare |flg|spr|spr|action |  octet 7        message compatibility instruction
 * +---+-------+---+---+---+-------+
 * |        message length         |  octets 8-9     octets following this field
 * +-------------------------------+
 * |   information elements ...    |  octets 10..
 * +-------------------------------+
 * </pre>
 *
 * <p>Information element layout:
 * <pre>
 *   8   7   6   5   4   3   2   1
 * +-------------------------------+
 * |          identifier           |  octet 1
 * +---+-------+---+---+-----------+
 * |ext|coding |flg|res|  action   |  octet 2        compatibility instruction
 * +---+-------+---+---+-----------+
 * |     length of contents        |  octets 3-4
 * +-------------------------------+
 * |          contents ...         |  octets 5..     layout on each element record
 * +-------------------------------+
 * </pre>
 *
 * <p><b>Decoding never throws on bad input.</b> A message whose framing is wrong (too short, wrong protocol
 * discriminator, call reference length other than 3, message length not matching the octets present, an element
 * running past the end) yields {@link DecodeResult.Malformed}. Errors inside an element's contents do not fail
 * the message: the element becomes an {@link InvalidIe}. Unknown elements become {@link UnrecognizedIe}, except
 * those whose instruction asks to be discarded silently, which are dropped. Unknown message types become an
 * {@link UnknownMessage}.
 *
 * <p><b>Interoperability note (Wireshark).</b> Wireshark's Q.2931 dissector (seen in 4.0) reads one octet past
 * the end of an AAL parameters or ATM traffic descriptor element. When such an element is followed by another
 * element this shows as an "Unknown AAL parameter" / "Unknown ATM traffic descriptor element" warning; when it is
 * the last element of the message tshark reports a malformed packet. The bytes are correct either way; senders
 * that want clean traces avoid ending a message with those elements (the Q.2931 element order for SETUP and
 * CONNECT already does).
 *
 * <p>Stateless and thread-safe.
 */
public final class Q2931Codec {
    /** The Q.2931 protocol discriminator. */
    public static final int PROTOCOL_DISCRIMINATOR = 0x09;
    /** The call reference length Q.2931 uses. */
    public static final int CALL_REFERENCE_LENGTH = 3;
    /** Octets before the first information element. */
    public static final int HEADER_LENGTH = 9;
    /** Octets of an information element before its contents. */
    public static final int IE_HEADER_LENGTH = 4;
    /** The largest value of the 16-bit message and element length fields. */
    public static final int MAX_LENGTH = 0xFFFF;

    private Q2931Codec() {
    }

    /**
     * Encodes a message.
     *
     * @param message the message
     * @return the encoded octets
     * @throws IllegalArgumentException if an element's contents or the message exceed 65535 octets
     */
    public static byte[] encode(Q2931Message message) {
        Objects.requireNonNull(message, "message");
        WireWriter w = new WireWriter();
        CallReference cr = message.callReference();
        w.u8(PROTOCOL_DISCRIMINATOR).u8(CALL_REFERENCE_LENGTH);
        w.u24((cr.toOriginatingSide() ? 0x80_0000 : 0) | cr.value());
        w.u8(message.messageTypeCode()).u8(message.instruction().octet());
        int lengthAt = w.size();
        w.u16(0);
        for (InformationElement ie : message.informationElements()) {
            w.u8(ie.identifier()).u8(ie.instruction().octet());
            int ieLengthAt = w.size();
            w.u16(0);
            IeCodec.encodeContents(ie, w);
            int ieLength = w.size() - ieLengthAt - 2;
            if (ieLength > MAX_LENGTH) {
                throw new IllegalArgumentException("information element 0x" + Integer.toHexString(ie.identifier())
                        + " has " + ieLength + " octets of contents, more than " + MAX_LENGTH);
            }
            w.putU16(ieLengthAt, ieLength);
        }
        int length = w.size() - HEADER_LENGTH;
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("message length " + length + " exceeds " + MAX_LENGTH);
        }
        w.putU16(lengthAt, length);
        return w.toByteArray();
    }

    /**
     * Decodes a message occupying all of {@code bytes}.
     *
     * @param bytes the octets
     * @return the message, or why it is malformed
     */
    public static DecodeResult<Q2931Message> decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * Decodes a message occupying exactly {@code bytes[offset, offset + length)}. Offsets in a
     * {@link DecodeResult.Malformed} are relative to {@code offset}.
     *
     * @param bytes  the buffer
     * @param offset first octet of the message
     * @param length octets in the message
     * @return the message, or why it is malformed
     * @throws IndexOutOfBoundsException if the range is outside {@code bytes} (a programmer error)
     */
    public static DecodeResult<Q2931Message> decode(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length < HEADER_LENGTH) {
            return DecodeResult.malformed("message shorter than the " + HEADER_LENGTH + "-octet header: " + length,
                    length);
        }
        int pd = IeCodec.u8(bytes, offset);
        if (pd != PROTOCOL_DISCRIMINATOR) {
            return DecodeResult.malformed(String.format("protocol discriminator 0x%02x is not Q.2931", pd), 0);
        }
        int crl = IeCodec.u8(bytes, offset + 1);
        if (crl != CALL_REFERENCE_LENGTH) {
            return DecodeResult.malformed(String.format("call reference length octet 0x%02x, expected 0x03", crl), 1);
        }
        int crWord = IeCodec.u24(bytes, offset + 2);
        CallReference cr = new CallReference((crWord & 0x80_0000) != 0, crWord & CallReference.MAX_VALUE);
        int typeCode = IeCodec.u8(bytes, offset + 5);
        MessageInstruction instruction = new MessageInstruction(IeCodec.u8(bytes, offset + 6));
        int messageLength = IeCodec.u16(bytes, offset + 7);
        int available = length - HEADER_LENGTH;
        if (messageLength > available) {
            return DecodeResult.malformed("message length " + messageLength + " but only " + available
                    + " octets follow (truncated)", 7);
        }
        if (messageLength < available) {
            return DecodeResult.malformed("message length " + messageLength + " but " + available
                    + " octets follow (trailing octets)", HEADER_LENGTH + messageLength);
        }
        List<InformationElement> ies = new ArrayList<>();
        int end = offset + length;
        int p = offset + HEADER_LENGTH;
        while (p < end) {
            if (end - p < IE_HEADER_LENGTH) {
                return DecodeResult.malformed("truncated information element header", p - offset);
            }
            int id = IeCodec.u8(bytes, p);
            IeInstruction ins = new IeInstruction(IeCodec.u8(bytes, p + 1));
            int ieLength = IeCodec.u16(bytes, p + 2);
            if (ieLength > end - p - IE_HEADER_LENGTH) {
                return DecodeResult.malformed(String.format("information element 0x%02x length %d runs past the "
                        + "end of the message", id, ieLength), p + 2 - offset);
            }
            InformationElement ie = IeCodec.decode(id, ins, bytes, p + IE_HEADER_LENGTH, ieLength);
            // Q.2931 clause 5.6: an unrecognized element flagged "discard and proceed" is dropped without a trace.
            if (!(ie instanceof UnrecognizedIe && ins.discardSilentlyIfUnrecognized())) {
                ies.add(ie);
            }
            p += IE_HEADER_LENGTH + ieLength;
        }
        return DecodeResult.ok(Q2931Message.of(typeCode, cr, instruction, ies));
    }
}

package io.jcondis.uni.sscop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcondis.uni.codec.DecodeResult;
import io.jcondis.uni.codec.Octets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PDUs laid out by hand from the Q.2110 trailer formats (as Wireshark's SSCOP dissector reads them). */
class SscopGoldenBytesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static void assertGolden(SscopPdu pdu, String spacedHex) {
        byte[] expected = HEX.parseHex(spacedHex.replace(" ", ""));
        assertThat(HEX.formatHex(SscopCodec.encode(pdu))).isEqualTo(HEX.formatHex(expected));
        assertThat(SscopCodec.decode(expected)).isEqualTo(DecodeResult.ok(pdu));
    }

    @Test
    void shouldPadSequencedDataAndRecordThePadLength() {
        assertGolden(new SscopPdu.Sd(5, Octets.ofUnsigned(1, 2, 3)), "010203 00 48 000005"); // PL=1, type 8
        assertGolden(new SscopPdu.Sd(0x123456, Octets.ofUnsigned(1, 2, 3, 4)), "01020304 08 123456");
        assertGolden(new SscopPdu.Sd(0, Octets.EMPTY), "08 000000");
    }

    @Test
    void shouldEncodeConnectionControlPdus() {
        assertGolden(new SscopPdu.Bgn(1, 100, Octets.EMPTY), "000000 01 01 000064");
        assertGolden(new SscopPdu.Bgn(0xfe, 100, Octets.ascii("ab")), "6162 0000 000000 fe 81 000064"); // PL=2
        assertGolden(new SscopPdu.Bgak(100, Octets.EMPTY), "00000000 02 000064");
        assertGolden(new SscopPdu.Bgrej(Octets.EMPTY), "00000000 07 000000");
        assertGolden(new SscopPdu.End(true, Octets.EMPTY), "00000000 13 000000");                 // S bit
        assertGolden(new SscopPdu.End(false, Octets.EMPTY), "00000000 03 000000");
        assertGolden(new SscopPdu.Endak(), "00000000 04 000000");
        assertGolden(new SscopPdu.Rs(2, 200, Octets.EMPTY), "000000 02 05 0000c8");
        assertGolden(new SscopPdu.Rsak(200), "00000000 06 0000c8");
        assertGolden(new SscopPdu.Er(3, 300), "000000 03 09 00012c");
        assertGolden(new SscopPdu.Erak(300), "00000000 0f 00012c");
    }

    @Test
    void shouldEncodeStatusPdus() {
        assertGolden(new SscopPdu.Poll(7, 9), "00 000007 0a 000009");
        assertGolden(new SscopPdu.Stat(7, 1000, 3, List.of(3, 5)),
                "00 000003 00 000005 00 000007 00 0003e8 0b 000003");
        assertGolden(new SscopPdu.Stat(7, 1000, 3, List.of()), "00 000007 00 0003e8 0b 000003");
        assertGolden(new SscopPdu.Ustat(1000, 3, 3, 5), "00 000003 00 000005 00 0003e8 0c 000003");
    }

    @Test
    void shouldEncodeUnnumberedPdus() {
        assertGolden(new SscopPdu.Ud(Octets.ascii("x")), "78 000000 cd 000000");   // PL=3, type D
        assertGolden(new SscopPdu.Md(Octets.ascii("abcd")), "61626364 0e 000000");
    }

    @Test
    void shouldIgnoreReservedFieldsOnReceipt() {
        byte[] wire = HEX.parseHex("ffffff01" + "21000064"); // reserved bits set in both words
        assertThat(SscopCodec.decode(wire)).isEqualTo(DecodeResult.ok(new SscopPdu.Bgn(1, 100, Octets.EMPTY)));
    }

    @Test
    void shouldReportMalformedPdus() {
        assertThat(SscopCodec.decode(new byte[0])).isEqualTo(DecodeResult.malformed("PDU shorter than one word: 0",
                0));
        assertThat(SscopCodec.decode(HEX.parseHex("0800000001"))).isEqualTo(
                DecodeResult.malformed("PDU length 5 is not a multiple of 4", 5));
        assertThat(SscopCodec.decode(HEX.parseHex("00000000"))).isEqualTo(
                DecodeResult.malformed("PDU type 0 is not assigned", 0));
        assertThat(SscopCodec.decode(HEX.parseHex("c8000001"))).isEqualTo(
                DecodeResult.malformed("pad length 3 exceeds the 0 data octets", 0));
        assertThat(SscopCodec.decode(HEX.parseHex("01000064"))).isEqualTo(
                DecodeResult.malformed("BGN needs at least 8 octets, has 4", 0));
        assertThat(SscopCodec.decode(HEX.parseHex("00000000 00000000 04000000".replace(" ", "")))).isEqualTo(
                DecodeResult.malformed("ENDAK must be 8 octets, not 12", 0));
        assertThat(SscopCodec.decode(HEX.parseHex("00000000 0b000000".replace(" ", "")))).isEqualTo(
                DecodeResult.malformed("STAT needs at least 12 octets, has 8", 0));
    }

    @Test
    void shouldThrowOnlyForProgrammerErrors() {
        assertThatThrownBy(() -> new SscopPdu.Sd(1 << 24, Octets.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SscopPdu.Bgn(256, 0, Octets.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SscopCodec.decode(new byte[8], 4, 8)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldDocumentDefaultParameters() {
        assertThat(SscopParameters.TIMER_POLL).hasMillis(750);
        assertThat(SscopParameters.MAX_CC).isEqualTo(4);
        assertThat(SscopParameters.MAX_PD).isEqualTo(25);
        assertThat(SscopPduType.fromCode(0)).isEmpty();
        assertThat(SscopPduType.fromCode(0x9)).contains(SscopPduType.ER);
    }
}

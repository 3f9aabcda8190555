package io.jcondis.uni.q2931;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcondis.uni.codec.DecodeResult;
import io.jcondis.uni.codec.Octets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the decoder treats unknown, foreign-coded and broken elements, unknown messages and bad framing. */
class Q2931DecoderTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String spaced) {
        return HEX.parseHex(spaced.replace(" ", ""));
    }

    private static Q2931Message ok(String spacedHex) {
        return Q2931Codec.decode(hex(spacedHex)).orElseThrow();
    }

    @Test
    void shouldKeepUnrecognizedElementWithRegularHandling() {
        Q2931Message m = ok("09 03 000001 05 80 0007 7b 80 0003 010203");
        assertThat(m.informationElements()).containsExactly(
                new UnrecognizedIe(0x7b, Octets.ofUnsigned(1, 2, 3), IeInstruction.DEFAULT));
        assertThat(Q2931Codec.encode(m)).isEqualTo(hex("09 03 000001 05 80 0007 7b 80 0003 010203"));
    }

    @Test
    void shouldDropUnrecognizedElementFlaggedDiscardAndProceed() {
        Q2931Message m = ok("09 03 000001 05 80 000c 7b 91 0002 0102 5c 80 0002 0000");
        assertThat(m.informationElements()).containsExactly(new QosParameter(0, 0));
    }

    @Test
    void shouldKeepUnrecognizedElementFlaggedClearCallForCallControl() {
        Q2931Message m = ok("09 03 000001 05 80 0004 7b 90 0000");
        UnrecognizedIe ie = (UnrecognizedIe) m.informationElements().get(0);
        assertThat(ie.instruction().followExplicitInstructions()).isTrue();
        assertThat(ie.instruction().actionIndicator()).isEqualTo(IeInstruction.ACTION_CLEAR_CALL);
    }

    @Test
    void shouldNotInterpretKnownElementCodedToAnotherStandard() {
        Q2931Message m = ok("09 03 000001 05 80 0006 5c e0 0002 0102");
        assertThat(m.informationElements()).containsExactly(
                new UnrecognizedIe(0x5c, Octets.ofUnsigned(1, 2), new IeInstruction(0xe0)));
    }

    @Test
    void shouldTurnContentErrorsIntoInvalidElementsAndKeepTheMessage() {
        String wire = "09 03 000001 05 80 0014"
                + " 5c 80 0003 000000"        // QoS parameter must be 2 octets
                + " 70 80 0003 81 3a41"       // E.164 address with non-digits
                + " 59 80 0002 84 00";        // truncated peak cell rate
        Q2931Message m = ok(wire);
        assertThat(m.informationElements()).hasSize(3).allMatch(ie -> ie instanceof InvalidIe);
        assertThat(((InvalidIe) m.informationElements().get(0)).reason()).contains("2 octets");
        assertThat(Q2931Codec.encode(m)).isEqualTo(hex(wire));
    }

    @Test
    void shouldRejectRepeatedTrafficSubfield() {
        Q2931Message m = ok("09 03 000001 05 80 000c 59 80 0008 84 000001 84 000002");
        assertThat(((InvalidIe) m.informationElements().get(0)).reason()).contains("repeated");
    }

    @Test
    void shouldKeepUnknownMessageTypes() {
        Q2931Message m = ok("09 03 000000 46 80 0005 79 80 0001 02");
        assertThat(m).isInstanceOf(UnknownMessage.class);
        assertThat(m.messageTypeCode()).isEqualTo(0x46);
        assertThat(m.type()).isEqualTo(MessageType.UNKNOWN);
        assertThat(Q2931Codec.encode(m)).isEqualTo(hex("09 03 000000 46 80 0005 79 80 0001 02"));
    }

    @Test
    void shouldReportFramingErrorsWithTheirOffset() {
        assertThat(Q2931Codec.decode(hex("09 03 0000"))).isEqualTo(
                DecodeResult.malformed("message shorter than the 9-octet header: 4", 4));
        assertThat(Q2931Codec.decode(hex("09 02 0001 05 80 0000 00"))).isEqualTo(
                DecodeResult.malformed("call reference length octet 0x02, expected 0x03", 1));
        assertThat(Q2931Codec.decode(hex("09 03 000001 05 80 0005 5c 80 0002 00")))
                .isEqualTo(DecodeResult.malformed("information element 0x5c length 2 runs past the end of the "
                        + "message", 11));
        assertThat(Q2931Codec.decode(hex("09 03 000001 05 80 0003 5c 80 00"))).isEqualTo(
                DecodeResult.malformed("truncated information element header", 9));
    }

    @Test
    void shouldDecodeASubrangeWithRelativeOffsets() {
        byte[] wire = Q2931Codec.encode(SampleMessages.setup());
        byte[] framed = new byte[wire.length + 6];
        System.arraycopy(wire, 0, framed, 3, wire.length);
        assertThat(Q2931Codec.decode(framed, 3, wire.length)).isEqualTo(DecodeResult.ok(SampleMessages.setup()));
        assertThat(Q2931Codec.decode(framed, 3, 5)).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Test
    void shouldThrowOnlyForProgrammerErrors() {
        assertThatThrownBy(() -> Q2931Codec.decode(new byte[4], 2, 4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> new CallReference(false, 0x80_0000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CalledPartyNumber.aesa(Octets.ofUnsigned(1, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Q2931Codec.encode(Setup.of(CallReference.fromOriginator(1),
                new UnrecognizedIe(0x7f, Octets.of(new byte[0xFFFF]), IeInstruction.DEFAULT))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldExposeTypedAccessors() {
        Release r = Release.of(CallReference.fromOriginator(1),
                Cause.of(CauseLocation.USER, CauseValue.NORMAL_CALL_CLEARING),
                Cause.of(CauseLocation.TRANSIT_NETWORK, CauseValue.TEMPORARY_FAILURE));
        assertThat(r.causes()).extracting(c -> c.standardValue().orElseThrow())
                .containsExactly(CauseValue.NORMAL_CALL_CLEARING, CauseValue.TEMPORARY_FAILURE);
        assertThat(r.all(Cause.class)).hasSize(2);
        assertThat(Q2931Message.of(0x05, CallReference.fromOriginator(1), MessageInstruction.DEFAULT, List.of()))
                .isInstanceOf(Setup.class);
    }

    @Test
    void shouldListStandardConstants() {
        assertThat(CauseValue.fromCode(16)).contains(CauseValue.NORMAL_CALL_CLEARING);
        assertThat(CauseValue.fromCode(0)).isEmpty();
        assertThat(Q2931Timers.T303).hasSeconds(4);
        assertThat(Q2931Timers.T308).hasSeconds(30);
        assertThat(Q2931Timers.T398).hasSeconds(4);
        assertThat(Q2931Timers.T399_NETWORK).hasSeconds(14);
        assertThat(MessageType.fromCode(0x8A)).isEqualTo(MessageType.MODIFY_REJECT);
    }
}

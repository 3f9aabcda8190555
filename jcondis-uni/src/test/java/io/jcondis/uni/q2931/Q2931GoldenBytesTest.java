package io.jcondis.uni.q2931;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.uni.codec.DecodeResult;
import io.jcondis.uni.codec.Octets;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/**
 * Messages encoded octet by octet from the Q.2931 / Q.2971 layouts (and the field masks of Wireshark's Q.2931
 * dissector), compared against the encoder, and decoded back.
 */
class Q2931GoldenBytesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] hex(String spaced) {
        return HEX.parseHex(spaced.replace(" ", ""));
    }

    private static void assertGolden(Q2931Message m, String expectedHex) {
        byte[] expected = hex(expectedHex);
        assertThat(HEX.formatHex(Q2931Codec.encode(m))).isEqualTo(HEX.formatHex(expected));
        assertThat(Q2931Codec.decode(expected)).isEqualTo(DecodeResult.ok(m));
    }

    @Test
    void shouldEncodeReleaseWithNormalClearing() {
        assertGolden(Release.of(CallReference.fromOriginator(0x1234),
                        Cause.of(CauseLocation.USER, CauseValue.NORMAL_CALL_CLEARING)),
                "09 03 001234 4d 80 0006"
                        + " 08 80 0002 80 90");          // cause: ext|location=user, ext|cause 16
    }

    @Test
    void shouldEncodeSetupFieldByField() {
        Setup setup = Setup.of(CallReference.fromOriginator(1),
                AalParameters.aal5(9188, 9188),
                AtmTrafficDescriptor.peak(100_000, 50_000),
                BroadbandBearerCapability.of(BroadbandBearerCapability.BCOB_X, false),
                CalledPartyNumber.aesa(SampleMessages.AESA),
                new QosParameter(0, 0));
        assertGolden(setup, "09 03 000001 05 80 003c"
                + " 58 80 0007 05 8c23e4 8123e4"          // AAL type 5, fwd/bwd max CPCS-SDU 9188
                + " 59 80 0008 84 0186a0 85 00c350"       // fwd/bwd PCR (CLP=0+1) 100000/50000 cells/s
                + " 5e 80 0002 90 80"                     // ext|BCOB-X; ext|not clipped|point-to-point
                + " 70 80 0015 82 " + SampleMessages.AESA // ext|type unknown|plan AESA, 20 octets
                + " 5c 80 0002 00 00");                   // QoS class 0 both ways
        assertThat(setup.calledPartyNumber()).contains(CalledPartyNumber.aesa(SampleMessages.AESA));
        assertThat(setup.aalParameters().orElseThrow().forwardMaxCpcsSduBytes()).isEqualTo(OptionalInt.of(9188));
    }

    @Test
    void shouldEncodeConnectToTheOriginatingSide() {
        assertGolden(Connect.of(CallReference.toOriginator(0x1234), ConnectionIdentifier.exclusive(0, 32)),
                "09 03 801234 07 80 0009"                 // call reference flag set: sent to the originator
                        + " 5a 80 0005 88 0000 0020");    // ext|VP-assoc=explicit|exclusive, VPCI 0, VCI 32
    }

    @Test
    void shouldEncodeCallingPartyNumberWithOctet5a() {
        CallingPartyNumber calling = new CallingPartyNumber(Numbering.TYPE_INTERNATIONAL, Numbering.PLAN_E164,
                java.util.Optional.of(new CallingPartyNumber.Screening(0, 1)), Octets.ascii("4961"),
                IeInstruction.DEFAULT);
        assertGolden(Setup.of(CallReference.fromOriginator(2), calling),
                "09 03 000002 05 80 000a"
                        + " 6c 80 0006 11 81 34393631");  // ext=0|intl|E.164; ext|allowed|verified; "4961"
    }

    @Test
    void shouldEncodePartyMessagesWithEndpointReference() {
        assertGolden(AddPartyAcknowledge.of(CallReference.toOriginator(7), new EndpointReference(true, 1)),
                "09 03 800007 81 80 0007 54 80 0003 00 8001");
        assertGolden(DropParty.of(CallReference.fromOriginator(7),
                        Cause.of(CauseLocation.USER, CauseValue.NORMAL_CALL_CLEARING), new EndpointReference(false, 1)),
                "09 03 000007 83 80 000d 08 80 0002 80 90 54 80 0003 00 0001");
    }

    @Test
    void shouldEncodeStatusWithStates() {
        assertGolden(Status.of(CallReference.toOriginator(3), new CallState(CallState.ACTIVE),
                        Cause.of(CauseLocation.USER, CauseValue.RESPONSE_TO_STATUS_ENQUIRY),
                        new EndpointState(EndpointState.ACTIVE)),
                "09 03 800003 7d 80 0010 14 80 0001 0a 08 80 0002 80 9e 55 80 0001 0a");
    }

    @Test
    void shouldEncodeModifyRequestWithItsQ29631Code() {
        assertGolden(ModifyRequest.of(CallReference.fromOriginator(4), AtmTrafficDescriptor.bestEffort(10, 20)),
                "09 03 000004 88 80 000d 59 80 0009 84 00000a 85 000014 be");
    }

    @Test
    void shouldEncodeUserUserInformationAsQ2957Defines() {
        UserUserInformation uui = new UserUserInformation(UserUserInformation.USER_SPECIFIC,
                Octets.ofUnsigned(1, 2, 3));
        assertGolden(Connect.of(CallReference.toOriginator(5), uui),
                "09 03 800005 07 80 0008 7e 80 0004 00 010203");  // 0x7E, default instruction, PD user-specific
        assertGolden(Connect.of(CallReference.toOriginator(5), new UserUserInformation(0x04, Octets.EMPTY)),
                "09 03 800005 07 80 0005 7e 80 0001 04");  // IA5 discriminator, no user information
    }

    @Test
    void shouldDecodeEmptyUserUserInformationAsInvalid() {
        DecodeResult<Q2931Message> r = Q2931Codec.decode(hex("09 03 800005 07 80 0004 7e 80 0000"));
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        InformationElement ie = ((DecodeResult.Ok<Q2931Message>) r).value().informationElements().get(0);
        assertThat(ie).isInstanceOf(InvalidIe.class);
        assertThat(ie.identifier()).isEqualTo(IeIdentifier.USER_USER_INFORMATION);
    }

    @Test
    void shouldEncodeEveryStandardMessageTypeCode() {
        for (Q2931Message m : SampleMessages.all()) {
            byte[] wire = Q2931Codec.encode(m);
            assertThat(wire[5] & 0xFF).as("%s", m.type()).isEqualTo(m.type().code());
            assertThat(Q2931Codec.decode(wire)).isEqualTo(DecodeResult.ok(m));
        }
    }
}

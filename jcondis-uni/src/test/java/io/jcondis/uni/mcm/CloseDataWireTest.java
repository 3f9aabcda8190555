package io.jcondis.uni.mcm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcondis.api.FlowSpec;
import io.jcondis.uni.codec.DecodeResult;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.CallReference;
import io.jcondis.uni.q2931.Cause;
import io.jcondis.uni.q2931.CauseLocation;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.DropParty;
import io.jcondis.uni.q2931.EndpointReference;
import io.jcondis.uni.q2931.IeInstruction;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.Release;
import io.jcondis.uni.q2931.UserUserInformation;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * R26 on the wire: CoNDIS close data as the user-user information element (Q.2957) of RELEASE and DROP PARTY,
 * its protocol discriminator telling it apart from the SETUP flowspec element, and the 128-octet limit.
 */
class CloseDataWireTest {
    private static final CallReference CR = CallReference.fromOriginator(0x12);
    private static final Cause NORMAL = Cause.of(CauseLocation.USER, CauseValue.NORMAL_CALL_CLEARING);
    private static final EndpointReference EP = new EndpointReference(false, 1);

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        return b;
    }

    private static <M extends Q2931Message> M roundTrip(M m) {
        byte[] wire = Q2931Codec.encode(m);
        DecodeResult<Q2931Message> back = Q2931Codec.decode(wire);
        assertThat(back).isEqualTo(DecodeResult.ok(m));
        @SuppressWarnings("unchecked")
        M decoded = (M) ((DecodeResult.Ok<Q2931Message>) back).value();
        return decoded;
    }

    @Test
    @DisplayName("R26: 128 bytes of close data cross in RELEASE and in DROP PARTY and come back out unchanged")
    void shouldRoundTripCloseDataOf128BytesInReleaseAndDropParty() {
        byte[] data = bytes(128);
        UserUserInformation uu = UniMapping.closeDataElement(data).orElseThrow();
        assertThat(uu.protocolDiscriminator()).isEqualTo(UniMapping.CLOSE_DATA_PROTOCOL);
        assertThat(uu.instruction()).isEqualTo(IeInstruction.explicit(IeInstruction.ACTION_DISCARD_IE_AND_PROCEED));

        Release release = roundTrip(Release.of(CR, NORMAL, uu));
        assertThat(UniMapping.closeData(release.first(UserUserInformation.class))).isEqualTo(data);
        DropParty drop = roundTrip(DropParty.of(CR, NORMAL, EP, uu));
        assertThat(UniMapping.closeData(drop.first(UserUserInformation.class))).isEqualTo(data);
        assertThat(drop.cause()).contains(NORMAL);
        assertThat(drop.endpointReference()).contains(EP);
    }

    @Test
    @DisplayName("R26: the element in RELEASE byte for byte: 7E 91 0081 40 + data (instruction: discard and proceed)")
    void shouldEncodeTheCloseDataElementAsDocumented() {
        byte[] wire = Q2931Codec.encode(Release.of(CR, UniMapping.closeDataElement(bytes(128)).orElseThrow()));
        String hex = HexFormat.of().formatHex(wire);
        // 9 octets of message header, then the element: identifier, instruction, length 129, discriminator, data.
        assertThat(hex.substring(18, 28)).isEqualTo("7e91008140");
        assertThat(hex.substring(28)).isEqualTo(HexFormat.of().formatHex(bytes(128)));
    }

    @Test
    @DisplayName("Q.2957 codec: a user-user element with no user information (discriminator only) round-trips in "
            + "RELEASE and DROP PARTY")
    void shouldRoundTripAnEmptyUserUserElement() {
        UserUserInformation empty = new UserUserInformation(UniMapping.CLOSE_DATA_PROTOCOL, Octets.EMPTY);
        Release release = roundTrip(Release.of(CR, NORMAL, empty));
        assertThat(release.first(UserUserInformation.class)).contains(empty);
        assertThat(UniMapping.closeData(release.first(UserUserInformation.class))).isEmpty();
        assertThat(roundTrip(DropParty.of(CR, NORMAL, EP, empty)).first(UserUserInformation.class)).contains(empty);
    }

    @Test
    @DisplayName("R26: no close data sends no element; 129 bytes are refused by the mapping before anything is sent")
    void shouldSendNoElementForNoDataAndRefuse129Bytes() {
        assertThat(UniMapping.closeDataElement(null)).isEmpty();
        assertThat(UniMapping.closeDataElement(new byte[0])).isEmpty();
        assertThat(UniMapping.closeDataElement(bytes(1))).isPresent();
        assertThatThrownBy(() -> UniMapping.closeDataElement(bytes(129)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("R26");
        assertThat(UniMapping.MAX_CLOSE_DATA_BYTES).isEqualTo(128);
    }

    @Test
    @DisplayName("Close data and exact flowspecs are told apart by the protocol discriminator (0x40 vs 0x00)")
    void shouldTellCloseDataFromFlowSpecsByDiscriminator() {
        UserUserInformation flowspecs = UniMapping.exactFlowSpecs(FlowSpec.guaranteed(1000, 1000, 1500),
                FlowSpec.guaranteed(500, 500, 1500));
        assertThat(flowspecs.protocolDiscriminator()).isEqualTo(UserUserInformation.USER_SPECIFIC);
        assertThat(UniMapping.closeData(Optional.of(flowspecs))).as("a flowspec element is no close data").isNull();
        assertThat(UniMapping.closeData(Optional.of(new UserUserInformation(UserUserInformation.USER_SPECIFIC,
                Octets.ascii("bye"))))).isNull();
        assertThat(UniMapping.closeData(Optional.of(new UserUserInformation(UniMapping.CLOSE_DATA_PROTOCOL,
                Octets.of(bytes(129)))))).as("longer than the limit: ignored").isNull();
        assertThat(UniMapping.closeData(Optional.empty())).isNull();
        UserUserInformation bye = UniMapping.closeDataElement("bye".getBytes()).orElseThrow();
        assertThat(UniMapping.exactFlowSpecs(java.util.List.of(bye), io.jcondis.uni.q2931.AtmTrafficDescriptor
                .peak(21, 11))).as("close data is no flowspec element").isEmpty();
        assertThat(UniMapping.closeData(Optional.of(bye))).isEqualTo("bye".getBytes());
    }
}

package io.jcondis.uni.mcm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.FlowSpec;
import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CallReference;
import io.jcondis.uni.q2931.Cause;
import io.jcondis.uni.q2931.CauseLocation;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.IeInstruction;
import io.jcondis.uni.q2931.InformationElement;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.Setup;
import io.jcondis.uni.q2931.UserUserInformation;
import java.util.HexFormat;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The exact-flowspec payload of the user-user information element (docs/uni.md, "CoNDIS mapping"). */
class UniMappingTest {
    private static final long NS = FlowSpec.NOT_SPECIFIED;

    @Test
    @DisplayName("E1/E6: the exact flowspecs travel as Q.2957 user-user information, version 1, 8 fields a direction")
    void shouldLayOutTheExactFlowSpecs() {
        FlowSpec tx = FlowSpec.guaranteed(50_000, 40_000, 1500);
        UserUserInformation uui = UniMapping.exactFlowSpecs(tx, FlowSpec.BEST_EFFORT);
        assertThat(uui.protocolDiscriminator()).isEqualTo(UserUserInformation.USER_SPECIFIC);
        assertThat(uui.instruction()).isEqualTo(IeInstruction.explicit(IeInstruction.ACTION_DISCARD_IE_AND_PROCEED));
        assertThat(HexFormat.of().formatHex(uui.information().toByteArray())).isEqualTo("01"
                + "00009c40" + "ffffffff" + "0000c350" + "ffffffff" + "ffffffff" + "00000003" + "000005dc" + "ffffffff"
                + "ffffffff" + "ffffffff" + "ffffffff" + "ffffffff" + "ffffffff" + "00000001" + "ffffffff" + "ffffffff");
        assertThat(uui.information().length()).isEqualTo(UniMapping.EXACT_FLOWSPECS_OCTETS);
    }

    @Property(tries = 300)
    @Label("E1: the exact flowspecs read back unchanged through the codec when the descriptor agrees")
    void shouldReadTheExactFlowSpecsBack(@ForAll @LongRange(max = 0xFFFFFFFFL) long peak,
                                         @ForAll @LongRange(max = 0xFFFFFFFFL) long rate,
                                         @ForAll @LongRange(max = 0xFFFFFFFFL) long back) {
        FlowSpec fwd = new FlowSpec(rate, 3000, peak, 10, 20, FlowSpec.SERVICETYPE_CONTROLLEDLOAD, 9180, 64);
        FlowSpec bwd = new FlowSpec(NS, NS, back, NS, NS, FlowSpec.SERVICETYPE_BESTEFFORT, NS, NS);
        AtmTrafficDescriptor td = UniMapping.trafficDescriptor(fwd, bwd);
        Setup s = Setup.of(CallReference.fromOriginator(1), td, UniMapping.exactFlowSpecs(fwd, bwd));
        Setup wire = (Setup) ((io.jcondis.uni.codec.DecodeResult.Ok<?>) Q2931Codec.decode(Q2931Codec.encode(s)))
                .value();
        assertThat(UniMapping.exactFlowSpecs(wire.informationElements(), wire.trafficDescriptor().orElseThrow()))
                .contains(new UniMapping.ExactFlowSpecs(fwd, bwd));
    }

    @Test
    @DisplayName("E8/R28: the network's re-activation only is the same payload with first octet 2; read as the "
            + "same flowspecs, and told apart from the change a client is told of")
    void shouldMarkTheNetworksReactivationOnly() {
        FlowSpec fwd = FlowSpec.guaranteed(50_000, 50_000, 1500);
        AtmTrafficDescriptor td = UniMapping.trafficDescriptor(fwd, FlowSpec.BEST_EFFORT);
        UserUserInformation told = UniMapping.exactFlowSpecs(fwd, FlowSpec.BEST_EFFORT);
        UserUserInformation quiet = UniMapping.exactFlowSpecs(fwd, FlowSpec.BEST_EFFORT, true);
        assertThat(quiet.information().get(0)).isEqualTo((byte) UniMapping.REACTIVATE_ONLY_VERSION);
        assertThat(quiet.information().toByteArray()).containsSubsequence(java.util.Arrays.copyOfRange(
                told.information().toByteArray(), 1, UniMapping.EXACT_FLOWSPECS_OCTETS));
        assertThat(UniMapping.exactFlowSpecs(List.of(quiet), td)).isEqualTo(UniMapping.exactFlowSpecs(List.of(told),
                td)).isPresent();
        assertThat(UniMapping.reactivateOnly(List.of(quiet))).isTrue();
        assertThat(UniMapping.reactivateOnly(List.of(told))).isFalse();
        assertThat(UniMapping.reactivateOnly(List.of())).isFalse();
    }

    @Test
    @DisplayName("E8: a descriptor changed without the payload wins: the cell rates are read instead")
    void shouldIgnoreExactFlowSpecsTheDescriptorContradicts() {
        FlowSpec fwd = FlowSpec.guaranteed(50_000, 50_000, 1500);
        UserUserInformation uui = UniMapping.exactFlowSpecs(fwd, FlowSpec.BEST_EFFORT);
        AtmTrafficDescriptor other = AtmTrafficDescriptor.peak(UniMapping.cells(90_000), 0);
        assertThat(UniMapping.exactFlowSpecs(List.of(uui), other)).isEmpty();
        AtmTrafficDescriptor same = UniMapping.trafficDescriptor(fwd, FlowSpec.BEST_EFFORT);
        assertThat(UniMapping.exactFlowSpecs(List.of(uui), same)).isPresent();
    }

    @Test
    @DisplayName("Foreign user-user information (other discriminator, version or length) is not taken for rates")
    void shouldIgnoreForeignUserUserInformation() {
        AtmTrafficDescriptor td = AtmTrafficDescriptor.peak(0, 0);
        byte[] ours = UniMapping.exactFlowSpecs(FlowSpec.BEST_EFFORT, FlowSpec.BEST_EFFORT).information()
                .toByteArray();
        byte[] v3 = ours.clone();
        v3[0] = 3; // an unknown version (1 is the payload, 2 the network's re-activation only)
        List<InformationElement> foreign = List.of(
                new UserUserInformation(0x04, Octets.of(ours)),
                new UserUserInformation(UserUserInformation.USER_SPECIFIC, Octets.of(v3)),
                new UserUserInformation(UserUserInformation.USER_SPECIFIC, Octets.ascii("hello")));
        assertThat(UniMapping.exactFlowSpecs(foreign, td)).isEmpty();
        assertThat(UniMapping.exactFlowSpecs(List.of(), td)).isEmpty();
    }

    @Test
    @DisplayName("R17: a client's NOT_SUPPORTED crosses as cause 79 and comes back as NOT_SUPPORTED")
    void shouldCarryNotSupportedAsCause79() {
        assertThat(UniMapping.cause(Status.NOT_SUPPORTED)).isEqualTo(CauseValue.SERVICE_NOT_IMPLEMENTED);
        assertThat(CauseValue.SERVICE_NOT_IMPLEMENTED.code()).isEqualTo(79);
        assertThat(UniMapping.status(Cause.of(CauseLocation.USER, CauseValue.SERVICE_NOT_IMPLEMENTED)).code())
                .isEqualTo(Status.Code.NOT_SUPPORTED);
    }
}

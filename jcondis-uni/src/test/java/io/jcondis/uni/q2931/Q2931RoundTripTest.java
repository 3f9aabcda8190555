package io.jcondis.uni.q2931;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.uni.codec.DecodeResult;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Encode then decode gives back the same record, for every message type and every information element. */
class Q2931RoundTripTest {

    private static void assertRoundTrip(Q2931Message m) {
        byte[] wire = Q2931Codec.encode(m);
        assertThat(Q2931Codec.decode(wire)).isEqualTo(DecodeResult.ok(m));
    }

    private static void assertIeRoundTrip(InformationElement ie) {
        assertRoundTrip(Setup.of(CallReference.fromOriginator(1), ie));
    }

    @Property
    void shouldRoundTripAnyMessage(@ForAll("messages") Q2931Message m) {
        assertRoundTrip(m);
    }

    @Property(tries = 100)
    void shouldRoundTripEveryMessageType(@ForAll MessageType type, @ForAll("callReferences") CallReference cr) {
        if (type == MessageType.UNKNOWN) {
            assertRoundTrip(new UnknownMessage(cr, 0x46, MessageInstruction.DEFAULT, List.of()));
        } else {
            Q2931Message m = Q2931Message.of(type.code(), cr, MessageInstruction.DEFAULT, List.of());
            assertThat(m.type()).isEqualTo(type);
            assertRoundTrip(m);
        }
    }

    @Property
    void shouldRoundTripCalledPartyNumber(@ForAll("calledPartyNumbers") CalledPartyNumber ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripCallingPartyNumber(@ForAll("callingPartyNumbers") CallingPartyNumber ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripAalParameters(@ForAll("aalParameters") AalParameters ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripTrafficDescriptor(@ForAll("trafficDescriptors") AtmTrafficDescriptor ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripBearerCapability(@ForAll("bearerCapabilities") BroadbandBearerCapability ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripQosParameter(@ForAll("qosParameters") QosParameter ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripConnectionIdentifier(@ForAll("connectionIdentifiers") ConnectionIdentifier ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripCause(@ForAll("causes") Cause ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripCallState(@ForAll("callStates") CallState ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripEndpointReference(@ForAll("endpointReferences") EndpointReference ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripEndpointState(@ForAll("endpointStates") EndpointState ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripUserUserInformation(@ForAll("userUserInformations") UserUserInformation ie) {
        assertIeRoundTrip(ie);
    }

    @Property
    void shouldRoundTripUnrecognizedIe(@ForAll("unrecognizedIes") UnrecognizedIe ie) {
        assertIeRoundTrip(ie);
    }

    @Provide
    Arbitrary<Q2931Message> messages() {
        return Q2931Arbitraries.message();
    }

    @Provide
    Arbitrary<CallReference> callReferences() {
        return Q2931Arbitraries.callReference();
    }

    @Provide
    Arbitrary<CalledPartyNumber> calledPartyNumbers() {
        return Q2931Arbitraries.calledPartyNumber();
    }

    @Provide
    Arbitrary<CallingPartyNumber> callingPartyNumbers() {
        return Q2931Arbitraries.callingPartyNumber();
    }

    @Provide
    Arbitrary<AalParameters> aalParameters() {
        return Q2931Arbitraries.aalParameters();
    }

    @Provide
    Arbitrary<AtmTrafficDescriptor> trafficDescriptors() {
        return Q2931Arbitraries.trafficDescriptor();
    }

    @Provide
    Arbitrary<BroadbandBearerCapability> bearerCapabilities() {
        return Q2931Arbitraries.bearerCapability();
    }

    @Provide
    Arbitrary<QosParameter> qosParameters() {
        return Q2931Arbitraries.qosParameter();
    }

    @Provide
    Arbitrary<ConnectionIdentifier> connectionIdentifiers() {
        return Q2931Arbitraries.connectionIdentifier();
    }

    @Provide
    Arbitrary<Cause> causes() {
        return Q2931Arbitraries.cause();
    }

    @Provide
    Arbitrary<CallState> callStates() {
        return Q2931Arbitraries.callState();
    }

    @Provide
    Arbitrary<EndpointReference> endpointReferences() {
        return Q2931Arbitraries.endpointReference();
    }

    @Provide
    Arbitrary<EndpointState> endpointStates() {
        return Q2931Arbitraries.endpointState();
    }

    @Provide
    Arbitrary<UserUserInformation> userUserInformations() {
        return Q2931Arbitraries.userUserInformation();
    }

    @Provide
    Arbitrary<UnrecognizedIe> unrecognizedIes() {
        return Q2931Arbitraries.unrecognizedIe();
    }
}

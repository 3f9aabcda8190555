package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/** jqwik generators of valid Q.2931 values: anything these produce must survive encode and decode unchanged. */
final class Q2931Arbitraries {
    static final Set<Integer> KNOWN_IDENTIFIERS = Set.of(IeIdentifier.CAUSE, IeIdentifier.CALL_STATE,
            IeIdentifier.ENDPOINT_REFERENCE, IeIdentifier.ENDPOINT_STATE, IeIdentifier.AAL_PARAMETERS,
            IeIdentifier.ATM_TRAFFIC_DESCRIPTOR, IeIdentifier.CONNECTION_IDENTIFIER, IeIdentifier.QOS_PARAMETER,
            IeIdentifier.BROADBAND_BEARER_CAPABILITY, IeIdentifier.CALLING_PARTY_NUMBER,
            IeIdentifier.CALLED_PARTY_NUMBER, IeIdentifier.USER_USER_INFORMATION);

    private Q2931Arbitraries() {
    }

    static Arbitrary<Octets> octets(int maxLength) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(maxLength).map(Octets::of);
    }

    /** Instructions with ITU-T coding, so known elements are decoded as typed records. */
    static Arbitrary<IeInstruction> ituInstruction() {
        return Arbitraries.integers().between(0, 255).map(o -> new IeInstruction(o & 0x9F));
    }

    static Arbitrary<CallReference> callReference() {
        return Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.integers().between(0, CallReference.MAX_VALUE)).as(CallReference::new);
    }

    static Arbitrary<MessageInstruction> messageInstruction() {
        return Arbitraries.integers().between(0, 255).map(MessageInstruction::new);
    }

    /** (numbering plan, address) pairs that fit the plan. */
    private static Arbitrary<Map.Entry<Integer, Octets>> address() {
        Arbitrary<Map.Entry<Integer, Octets>> e164 = Arbitraries.strings().numeric().ofMaxLength(20)
                .map(d -> Map.entry(Numbering.PLAN_E164, Octets.ascii(d)));
        Arbitrary<Map.Entry<Integer, Octets>> aesa = Arbitraries.bytes().array(byte[].class)
                .ofSize(Numbering.AESA_LENGTH).map(b -> Map.entry(Numbering.PLAN_AESA, Octets.of(b)));
        Arbitrary<Map.Entry<Integer, Octets>> other = Combinators.combine(
                Arbitraries.integers().between(0, 15).filter(p -> p != Numbering.PLAN_E164
                        && p != Numbering.PLAN_AESA), octets(24)).as(Map::entry);
        return Arbitraries.oneOf(e164, aesa, other);
    }

    static Arbitrary<CalledPartyNumber> calledPartyNumber() {
        return Combinators.combine(Arbitraries.integers().between(0, 7), address(), ituInstruction())
                .as((t, a, i) -> new CalledPartyNumber(t, a.getKey(), a.getValue(), i));
    }

    static Arbitrary<CallingPartyNumber> callingPartyNumber() {
        Arbitrary<Optional<CallingPartyNumber.Screening>> screening = Combinators.combine(
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3))
                .as(CallingPartyNumber.Screening::new).optional();
        return Combinators.combine(Arbitraries.integers().between(0, 7), screening, address(), ituInstruction())
                .as((t, s, a, i) -> new CallingPartyNumber(t, a.getKey(), s, a.getValue(), i));
    }

    private static Arbitrary<OptionalInt> optionalInt(int max) {
        return Arbitraries.integers().between(0, max).optional()
                .map(o -> o.map(OptionalInt::of).orElse(OptionalInt.empty()));
    }

    static Arbitrary<AalParameters> aalParameters() {
        Arbitrary<AalParameters> aal5 = Combinators.combine(optionalInt(0xFFFF), optionalInt(0xFFFF),
                optionalInt(0xFF), optionalInt(0xFF), ituInstruction())
                .as((f, b, m, s, i) -> new AalParameters(AalParameters.AAL_TYPE_5, f, b, m, s, Octets.EMPTY, i));
        Arbitrary<AalParameters> other = Combinators.combine(
                Arbitraries.integers().between(0, 255).filter(t -> t != AalParameters.AAL_TYPE_5), octets(12),
                ituInstruction()).as((t, o, i) -> new AalParameters(t, OptionalInt.empty(), OptionalInt.empty(),
                OptionalInt.empty(), OptionalInt.empty(), o, i));
        return Arbitraries.oneOf(aal5, other);
    }

    static Arbitrary<AtmTrafficDescriptor> trafficDescriptor() {
        Arbitrary<Map<TrafficParameter, Integer>> params = Arbitraries.maps(
                Arbitraries.of(TrafficParameter.class), Arbitraries.integers().between(0, TrafficParameter.MAX_VALUE))
                .ofMaxSize(TrafficParameter.values().length);
        return Combinators.combine(params, Arbitraries.of(true, false), optionalInt(0xFF), ituInstruction())
                .as(AtmTrafficDescriptor::new);
    }

    static Arbitrary<BroadbandBearerCapability> bearerCapability() {
        return Combinators.combine(Arbitraries.integers().between(0, 0x1F), optionalInt(0x7F),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 3), ituInstruction())
                .as(BroadbandBearerCapability::new);
    }

    static Arbitrary<QosParameter> qosParameter() {
        return Combinators.combine(Arbitraries.integers().between(0, 255), Arbitraries.integers().between(0, 255),
                ituInstruction()).as(QosParameter::new);
    }

    static Arbitrary<ConnectionIdentifier> connectionIdentifier() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(0, 0xFFFF), Arbitraries.integers().between(0, 0xFFFF),
                ituInstruction()).as(ConnectionIdentifier::new);
    }

    static Arbitrary<Cause> cause() {
        return Combinators.combine(Arbitraries.integers().between(0, 15), Arbitraries.integers().between(0, 127),
                octets(8), ituInstruction()).as(Cause::new);
    }

    static Arbitrary<CallState> callState() {
        return Combinators.combine(Arbitraries.integers().between(0, 63), ituInstruction()).as(CallState::new);
    }

    static Arbitrary<EndpointReference> endpointReference() {
        return Combinators.combine(Arbitraries.of(true, false),
                Arbitraries.integers().between(0, EndpointReference.MAX_VALUE), ituInstruction())
                .as(EndpointReference::new);
    }

    static Arbitrary<EndpointState> endpointState() {
        return Combinators.combine(Arbitraries.integers().between(0, 63), ituInstruction()).as(EndpointState::new);
    }

    static Arbitrary<UserUserInformation> userUserInformation() {
        return Combinators.combine(Arbitraries.integers().between(0, 255),
                octets(UserUserInformation.MAX_INFORMATION_OCTETS), ituInstruction()).as(UserUserInformation::new);
    }

    /**
     * Unrecognized elements that the decoder keeps: unknown identifiers with any coding, or known identifiers with
     * a non-ITU-T coding; never with the "discard silently" instruction.
     */
    static Arbitrary<UnrecognizedIe> unrecognizedIe() {
        Arbitrary<UnrecognizedIe> unknownId = Combinators.combine(
                Arbitraries.integers().between(0, 255).filter(id -> !KNOWN_IDENTIFIERS.contains(id)), octets(16),
                Arbitraries.integers().between(0, 255).map(IeInstruction::new)).as(UnrecognizedIe::new);
        Arbitrary<UnrecognizedIe> foreignCoding = Combinators.combine(Arbitraries.of(KNOWN_IDENTIFIERS), octets(16),
                Arbitraries.integers().between(0, 255).filter(o -> (o & 0x60) != 0).map(IeInstruction::new))
                .as(UnrecognizedIe::new);
        return Arbitraries.oneOf(unknownId, foreignCoding)
                .filter(u -> !u.instruction().discardSilentlyIfUnrecognized());
    }

    static Arbitrary<InformationElement> informationElement() {
        return Arbitraries.oneOf(List.of(calledPartyNumber(), callingPartyNumber(), aalParameters(),
                trafficDescriptor(), bearerCapability(), qosParameter(), connectionIdentifier(), cause(), callState(),
                endpointReference(), endpointState(), userUserInformation(), unrecognizedIe()));
    }

    static Arbitrary<Integer> messageTypeCode() {
        Arbitrary<Integer> known = Arbitraries.of(MessageType.class).filter(t -> t != MessageType.UNKNOWN)
                .map(MessageType::code);
        Arbitrary<Integer> unknown = Arbitraries.integers().between(0, 255)
                .filter(c -> MessageType.fromCode(c) == MessageType.UNKNOWN);
        return Arbitraries.frequencyOf(
                Tuple.of(9, known), Tuple.of(1, unknown));
    }

    static Arbitrary<Q2931Message> message() {
        return Combinators.combine(messageTypeCode(), callReference(), messageInstruction(),
                informationElement().list().ofMaxSize(8)).as(Q2931Message::of);
    }

    static Arbitrary<Q2931Message> messageOfType(MessageType type) {
        return Combinators.combine(callReference(), messageInstruction(), informationElement().list().ofMaxSize(8))
                .as((cr, ins, ies) -> Q2931Message.of(type.code(), cr, ins, ies));
    }

}

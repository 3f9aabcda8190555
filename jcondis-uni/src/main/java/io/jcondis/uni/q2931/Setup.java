package io.jcondis.uni.q2931;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SETUP (Q.2931 clause 3.1 (endpoint reference from Q.2971), message type {@code 0x05}): sent by the calling user
 * to the network and by the network to the called user to initiate call establishment. Q.2931 lists the ATM traffic
 * descriptor, broadband bearer capability and called party number as mandatory.
 *
 * @param callReference       the call reference
 * @param instruction         the message compatibility instruction
 * @param informationElements the information elements in wire order
 */
public record Setup(CallReference callReference, MessageInstruction instruction,
                    List<InformationElement> informationElements) implements Q2931Message {

    /** @throws NullPointerException if a component or an element is {@code null} */
    public Setup {
        Objects.requireNonNull(callReference, "callReference");
        Objects.requireNonNull(instruction, "instruction");
        informationElements = List.copyOf(informationElements);
    }

    /**
     * @param callReference       the call reference
     * @param informationElements the information elements, in wire order
     * @return the message with the default (regular error handling) message instruction
     */
    public static Setup of(CallReference callReference, InformationElement... informationElements) {
        return new Setup(callReference, MessageInstruction.DEFAULT, List.of(informationElements));
    }

    @Override
    public MessageType type() {
        return MessageType.SETUP;
    }

    /** @return the first {@link AalParameters} element, if present */
    public Optional<AalParameters> aalParameters() {
        return first(AalParameters.class);
    }

    /** @return the first {@link AtmTrafficDescriptor} element, if present */
    public Optional<AtmTrafficDescriptor> trafficDescriptor() {
        return first(AtmTrafficDescriptor.class);
    }

    /** @return the first {@link BroadbandBearerCapability} element, if present */
    public Optional<BroadbandBearerCapability> bearerCapability() {
        return first(BroadbandBearerCapability.class);
    }

    /** @return the first {@link CalledPartyNumber} element, if present */
    public Optional<CalledPartyNumber> calledPartyNumber() {
        return first(CalledPartyNumber.class);
    }

    /** @return the first {@link CallingPartyNumber} element, if present */
    public Optional<CallingPartyNumber> callingPartyNumber() {
        return first(CallingPartyNumber.class);
    }

    /** @return the first {@link ConnectionIdentifier} element, if present */
    public Optional<ConnectionIdentifier> connectionIdentifier() {
        return first(ConnectionIdentifier.class);
    }

    /** @return the first {@link QosParameter} element, if present */
    public Optional<QosParameter> qosParameter() {
        return first(QosParameter.class);
    }

    /** @return the first {@link EndpointReference} element, if present */
    public Optional<EndpointReference> endpointReference() {
        return first(EndpointReference.class);
    }
}

package io.jcondis.uni.signal;

import io.jcondis.uni.q2931.AalParameters;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.BroadbandBearerCapability;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.CallingPartyNumber;
import io.jcondis.uni.q2931.ConnectionIdentifier;
import io.jcondis.uni.q2931.EndpointReference;
import io.jcondis.uni.q2931.InformationElement;
import io.jcondis.uni.q2931.QosParameter;
import io.jcondis.uni.q2931.UserUserInformation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link UniLink#setup} puts into SETUP: the Q.2931 information elements of a call. The traffic descriptor,
 * bearer capability and called party number are mandatory (Q.2931 clause 3.1.7); the rest is optional. A
 * point-to-multipoint call (Q.2971) carries the endpoint reference of its first party (value 0).
 *
 * @param calledParty          called party number (mandatory)
 * @param callingParty         calling party number
 * @param aalParameters        AAL parameters
 * @param trafficDescriptor    ATM traffic descriptor (mandatory)
 * @param bearerCapability     broadband bearer capability (mandatory)
 * @param qosParameter         QoS parameter
 * @param connectionIdentifier VPCI/VCI the caller asks for
 * @param pointToMultipoint    whether the call is point-to-multipoint (the first party gets endpoint reference 0)
 * @param userUser             user-user information (Q.2957), carried transparently to the called user
 */
public record CallParameters(CalledPartyNumber calledParty, Optional<CallingPartyNumber> callingParty,
                             Optional<AalParameters> aalParameters, AtmTrafficDescriptor trafficDescriptor,
                             BroadbandBearerCapability bearerCapability, Optional<QosParameter> qosParameter,
                             Optional<ConnectionIdentifier> connectionIdentifier, boolean pointToMultipoint,
                             Optional<UserUserInformation> userUser) {

    /** @throws NullPointerException if a component is {@code null} */
    public CallParameters {
        Objects.requireNonNull(userUser, "userUser");
        Objects.requireNonNull(calledParty, "calledParty");
        Objects.requireNonNull(callingParty, "callingParty");
        Objects.requireNonNull(aalParameters, "aalParameters");
        Objects.requireNonNull(trafficDescriptor, "trafficDescriptor");
        Objects.requireNonNull(bearerCapability, "bearerCapability");
        Objects.requireNonNull(qosParameter, "qosParameter");
        Objects.requireNonNull(connectionIdentifier, "connectionIdentifier");
    }

    /**
     * Parameters without user-user information.
     *
     * @param calledParty          called party number (mandatory)
     * @param callingParty         calling party number
     * @param aalParameters        AAL parameters
     * @param trafficDescriptor    ATM traffic descriptor (mandatory)
     * @param bearerCapability     broadband bearer capability (mandatory)
     * @param qosParameter         QoS parameter
     * @param connectionIdentifier VPCI/VCI the caller asks for
     * @param pointToMultipoint    whether the call is point-to-multipoint
     */
    public CallParameters(CalledPartyNumber calledParty, Optional<CallingPartyNumber> callingParty,
                          Optional<AalParameters> aalParameters, AtmTrafficDescriptor trafficDescriptor,
                          BroadbandBearerCapability bearerCapability, Optional<QosParameter> qosParameter,
                          Optional<ConnectionIdentifier> connectionIdentifier, boolean pointToMultipoint) {
        this(calledParty, callingParty, aalParameters, trafficDescriptor, bearerCapability, qosParameter,
                connectionIdentifier, pointToMultipoint, Optional.empty());
    }

    /**
     * @param calledParty       called party number
     * @param trafficDescriptor traffic descriptor
     * @param bearerCapability  bearer capability
     * @return point-to-point parameters with only the mandatory elements
     */
    public static CallParameters of(CalledPartyNumber calledParty, AtmTrafficDescriptor trafficDescriptor,
                                    BroadbandBearerCapability bearerCapability) {
        return new CallParameters(calledParty, Optional.empty(), Optional.empty(), trafficDescriptor,
                bearerCapability, Optional.empty(), Optional.empty(), false);
    }

    /**
     * @param calling calling party number
     * @return a copy with it
     */
    public CallParameters withCallingParty(CallingPartyNumber calling) {
        return new CallParameters(calledParty, Optional.of(calling), aalParameters, trafficDescriptor,
                bearerCapability, qosParameter, connectionIdentifier, pointToMultipoint, userUser);
    }

    /**
     * @param aal AAL parameters
     * @return a copy with them
     */
    public CallParameters withAalParameters(AalParameters aal) {
        return new CallParameters(calledParty, callingParty, Optional.of(aal), trafficDescriptor, bearerCapability,
                qosParameter, connectionIdentifier, pointToMultipoint, userUser);
    }

    /**
     * @param qos QoS parameter
     * @return a copy with it
     */
    public CallParameters withQosParameter(QosParameter qos) {
        return new CallParameters(calledParty, callingParty, aalParameters, trafficDescriptor, bearerCapability,
                Optional.of(qos), connectionIdentifier, pointToMultipoint, userUser);
    }

    /**
     * @param id connection identifier
     * @return a copy with it
     */
    public CallParameters withConnectionIdentifier(ConnectionIdentifier id) {
        return new CallParameters(calledParty, callingParty, aalParameters, trafficDescriptor, bearerCapability,
                qosParameter, Optional.of(id), pointToMultipoint, userUser);
    }

    /**
     * @param uui user-user information
     * @return a copy with it (sent last in SETUP)
     */
    public CallParameters withUserUser(UserUserInformation uui) {
        return new CallParameters(calledParty, callingParty, aalParameters, trafficDescriptor, bearerCapability,
                qosParameter, connectionIdentifier, pointToMultipoint, Optional.of(uui));
    }

    /** @return a point-to-multipoint copy */
    public CallParameters asPointToMultipoint() {
        return new CallParameters(calledParty, callingParty, aalParameters, trafficDescriptor, bearerCapability,
                qosParameter, connectionIdentifier, true, userUser);
    }

    /**
     * @return the SETUP elements in Q.2931 order (AAL, traffic descriptor, bearer capability, called, calling,
     *     connection identifier, QoS, endpoint reference, user-user); the traffic descriptor is never last, which keeps
     *     Wireshark's dissector happy (see {@code Q2931Codec})
     */
    public List<InformationElement> setupElements() {
        List<InformationElement> ies = new ArrayList<>();
        aalParameters.ifPresent(ies::add);
        ies.add(trafficDescriptor);
        ies.add(bearerCapability);
        ies.add(calledParty);
        callingParty.ifPresent(ies::add);
        connectionIdentifier.ifPresent(ies::add);
        qosParameter.ifPresent(ies::add);
        if (pointToMultipoint) {
            ies.add(new EndpointReference(false, 0));
        }
        userUser.ifPresent(ies::add);
        return ies;
    }
}

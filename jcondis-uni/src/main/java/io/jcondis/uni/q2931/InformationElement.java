package io.jcondis.uni.q2931;

/**
 * A Q.2931 information element: what follows the message header, each as identifier, compatibility instruction,
 * length and contents (see {@link Q2931Codec} for the layout).
 *
 * <p>Every implementation is an immutable record. Known elements are typed records; an element with an
 * identifier this codec does not know (or a known one coded to a non-ITU-T standard) is an
 * {@link UnrecognizedIe}, and a known element whose contents do not parse is an {@link InvalidIe}. Both keep the
 * raw contents, so the call-control layer can apply the Q.2931 clause 5.6 error procedures (unrecognized
 * elements, content errors) and re-encoding reproduces the octets.
 */
public sealed interface InformationElement
        permits CalledPartyNumber, CallingPartyNumber, AalParameters, AtmTrafficDescriptor,
        BroadbandBearerCapability, QosParameter, ConnectionIdentifier, Cause, CallState, EndpointReference,
        EndpointState, UserUserInformation, UnrecognizedIe, InvalidIe {

    /** @return the information element identifier (octet 1), see {@link IeIdentifier} */
    int identifier();

    /** @return the compatibility instruction (octet 2) */
    IeInstruction instruction();
}

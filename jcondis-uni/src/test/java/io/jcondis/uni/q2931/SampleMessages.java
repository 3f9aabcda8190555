package io.jcondis.uni.q2931;

import io.jcondis.uni.codec.Octets;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** One hand-built, realistic instance of every supported message, shared by the golden and tshark tests. */
public final class SampleMessages {
    /** A 20-octet ATM End System Address (DCC format, AFI 0x39). */
    public static final Octets AESA = Octets.ofUnsigned(
            0x39, 0x27, 0x6f, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01,
            0x00, 0x20, 0x48, 0x1a, 0x2b, 0x3c, 0x00);

    private static final CallReference OUT = CallReference.fromOriginator(0x1234);
    private static final CallReference IN = OUT.reply();

    private SampleMessages() {
    }

    /** @return SETUP with the Q.2931 element order: AAL, traffic, bearer, called, calling, QoS */
    public static Setup setup() {
        return Setup.of(OUT,
                AalParameters.aal5(9188, 9188),
                new AtmTrafficDescriptor(Map.of(
                        TrafficParameter.FORWARD_PEAK_CELL_RATE_CLP01, 100_000,
                        TrafficParameter.BACKWARD_PEAK_CELL_RATE_CLP01, 50_000,
                        TrafficParameter.FORWARD_SUSTAINABLE_CELL_RATE_CLP01, 80_000,
                        TrafficParameter.FORWARD_MAX_BURST_SIZE_CLP01, 32),
                        false, OptionalInt.empty(), IeInstruction.DEFAULT),
                BroadbandBearerCapability.of(BroadbandBearerCapability.BCOB_X, false),
                CalledPartyNumber.aesa(AESA),
                CallingPartyNumber.e164("4961511234"),
                new QosParameter(QosParameter.CLASS_UNSPECIFIED, QosParameter.CLASS_UNSPECIFIED));
    }

    /**
     * @return RELEASE and DROP PARTY carrying close data as the uni driver sends it: a user-user element (protocol
     *     discriminator 0x40, instruction "discard element and proceed") of 128 and of 3 octets
     */
    public static List<Q2931Message> clearingWithUserUser() {
        Cause normal = Cause.of(CauseLocation.USER, CauseValue.NORMAL_CALL_CLEARING);
        IeInstruction discard = IeInstruction.explicit(IeInstruction.ACTION_DISCARD_IE_AND_PROCEED);
        byte[] max = new byte[UserUserInformation.MAX_INFORMATION_OCTETS];
        for (int i = 0; i < max.length; i++) {
            max[i] = (byte) i;
        }
        return List.of(
                Release.of(OUT, normal, new UserUserInformation(0x40, Octets.of(max), discard)),
                DropParty.of(OUT, normal, new EndpointReference(false, 1),
                        new UserUserInformation(0x40, Octets.ascii("bye"), discard)));
    }

    /** @return every supported message type once, in a plausible call order */
    public static List<Q2931Message> all() {
        EndpointReference ep = new EndpointReference(false, 1);
        Cause normal = Cause.of(CauseLocation.USER, CauseValue.NORMAL_CALL_CLEARING);
        return List.of(
                setup(),
                CallProceeding.of(IN, ConnectionIdentifier.exclusive(0, 32)),
                Alerting.of(IN),
                Connect.of(IN, AalParameters.aal5(9188, 9188), ConnectionIdentifier.exclusive(0, 32)),
                ConnectAcknowledge.of(OUT),
                AddParty.of(OUT, AalParameters.aal5(9188, 9188), CalledPartyNumber.e164("4961519999"), ep,
                        new UserUserInformation(UserUserInformation.USER_SPECIFIC, Octets.ofUnsigned(0x01, 0x02))),
                AddPartyAcknowledge.of(IN, ep.reply()),
                AddPartyReject.of(IN, Cause.of(CauseLocation.PUBLIC_NETWORK_REMOTE_USER, CauseValue.USER_BUSY),
                        ep.reply()),
                DropParty.of(OUT, normal, ep),
                DropPartyAcknowledge.of(IN, ep.reply()),
                ModifyRequest.of(OUT, AtmTrafficDescriptor.peak(120_000, 60_000),
                        new UnrecognizedIe(0x27, Octets.ofUnsigned(0x80), IeInstruction.DEFAULT),
                        new UserUserInformation(UserUserInformation.USER_SPECIFIC, Octets.ascii("jcondis"))),
                ModifyAcknowledge.of(IN, new UnrecognizedIe(IeIdentifier.BROADBAND_REPORT_TYPE,
                        Octets.ofUnsigned(0x01), IeInstruction.DEFAULT)),
                ModifyReject.of(IN, Cause.of(CauseLocation.USER, CauseValue.USER_CELL_RATE_NOT_AVAILABLE)),
                StatusEnquiry.of(OUT),
                Status.of(IN, new CallState(CallState.ACTIVE),
                        Cause.of(CauseLocation.USER, CauseValue.RESPONSE_TO_STATUS_ENQUIRY), ep.reply(),
                        new EndpointState(EndpointState.ACTIVE)),
                Release.of(OUT, normal),
                ReleaseComplete.of(IN, normal));
    }
}

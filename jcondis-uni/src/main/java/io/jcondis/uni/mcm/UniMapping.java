package io.jcondis.uni.mcm;

import io.jcondis.api.FlowSpec;
import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.AalParameters;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.BroadbandBearerCapability;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.CallingPartyNumber;
import io.jcondis.uni.q2931.Cause;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.IeInstruction;
import io.jcondis.uni.q2931.InformationElement;
import io.jcondis.uni.q2931.Numbering;
import io.jcondis.uni.q2931.QosParameter;
import io.jcondis.uni.q2931.TrafficParameter;
import io.jcondis.uni.q2931.UserUserInformation;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The CoNDIS &lt;-&gt; Q.2931 mapping of the uni driver (docs/uni.md, "CoNDIS mapping"): addresses, flowspecs,
 * service types and causes. Pure functions; thread-safe.
 *
 * <h2>Wire conventions</h2>
 * What any node of the uni driver (a {@code UniCallManager}, a {@code UniFabric}) follows so that they interwork
 * (docs/uni.md, "Wire conventions"):
 * <ul>
 *   <li>Addresses: a called party number is the CoNDIS text {@code host:selector} as IA5 octets, numbering plan
 *       private, type unknown ({@link #calledParty}); the host before the first {@code ':'} routes
 *       ({@link #hostOf}); the calling party number is the calling host's name, same form.</li>
 *   <li>Data port: a node's data socket is its signalling address with the port plus {@link #DATA_PORT_OFFSET}
 *       ({@link #dataAddress}).</li>
 *   <li>VCIs: the side that sends SETUP chooses the connection identifier (VPI 0, VCI from {@link #FIRST_VCI});
 *       of the two ends of a link the one with the lower signalling address (address bytes, then port) takes
 *       even VCIs, the other odd ones ({@link #allocatesEvenVcis}); a node keeps the VCIs it chooses unique
 *       across all its links to one peer data address, since a frame is told apart by its source address and
 *       VPI/VCI only.</li>
 * </ul>
 *
 * <p>Directions: Q.2931's <em>forward</em> is from the calling to the called user, so the caller's transmit
 * flowspec is the forward direction and its receive flowspec the backward one; the callee sees them swapped.
 */
public final class UniMapping {
    /** Payload bytes of one ATM cell: rates and bursts in bytes are converted to cells by rounding up. */
    public static final int CELL_PAYLOAD_BYTES = 48;
    /** QoS class for SERVICETYPE_GUARANTEED (Q.2931 / UNI 3.1 class 1: constant bit rate). */
    public static final int QOS_CLASS_GUARANTEED = 1;
    /** QoS class for SERVICETYPE_CONTROLLEDLOAD (class 3: connection-oriented data). */
    public static final int QOS_CLASS_CONTROLLED_LOAD = 3;

    /** The data socket's port is the signalling socket's plus this. */
    public static final int DATA_PORT_OFFSET = 1;
    /** First VCI a call is given (0..31 are reserved by I.361). */
    public static final int FIRST_VCI = 32;

    private UniMapping() {
    }

    // ------------------------------------------------------------------------------------ wire conventions

    /**
     * @param signalling a node's signalling address
     * @return its data address: the same IP address, port plus {@link #DATA_PORT_OFFSET} (port 0 stays 0: any)
     */
    public static java.net.InetSocketAddress dataAddress(java.net.InetSocketAddress signalling) {
        if (signalling.getPort() == 0) {
            return signalling;
        }
        return new java.net.InetSocketAddress(signalling.getAddress(), signalling.getPort() + DATA_PORT_OFFSET);
    }

    /**
     * The even/odd VCI rule of a link.
     *
     * @param local this end's signalling address
     * @param peer  the other end's
     * @return true if this end chooses even VCIs (its address is the lower: address bytes, then port)
     */
    public static boolean allocatesEvenVcis(java.net.InetSocketAddress local, java.net.InetSocketAddress peer) {
        int c = java.util.Arrays.compare(local.getAddress().getAddress(), peer.getAddress().getAddress());
        return (c != 0 ? c : Integer.compare(local.getPort(), peer.getPort())) < 0;
    }

    /**
     * @param address a CoNDIS called address {@code host:selector} (or a bare host)
     * @return the host that routes it
     */
    public static String hostOf(String address) {
        int colon = address.indexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    // ------------------------------------------------------------------------------------------ addresses

    /**
     * The called party number for a CoNDIS address {@code host:selector}: numbering plan "private" (Q.2931
     * 4.5.11, plan 1001), type of number unknown, the text as IA5 octets. The host routes the call; the selector
     * picks the SAP at the far end.
     *
     * @param address {@code host:selector} (or a bare host)
     * @return the information element
     * @throws IllegalArgumentException if the text is empty or not printable ASCII
     */
    public static CalledPartyNumber calledParty(String address) {
        return new CalledPartyNumber(Numbering.TYPE_UNKNOWN, Numbering.PLAN_PRIVATE, ascii(address));
    }

    /**
     * @param host the calling host's name
     * @return the calling party number (same form as {@link #calledParty})
     */
    public static CallingPartyNumber callingParty(String host) {
        return new CallingPartyNumber(Numbering.TYPE_UNKNOWN, Numbering.PLAN_PRIVATE, ascii(host));
    }

    /**
     * @param number a called party number
     * @return its CoNDIS text form, if it is in the private plan (E.164 digits are returned as they are)
     */
    public static Optional<String> address(CalledPartyNumber number) {
        if (number.numberingPlan() == Numbering.PLAN_PRIVATE || number.numberingPlan() == Numbering.PLAN_E164) {
            return Optional.of(number.address().toAscii());
        }
        return Optional.empty();
    }

    /**
     * @param number a calling party number
     * @return its text form, if private or E.164
     */
    public static Optional<String> address(CallingPartyNumber number) {
        if (number.numberingPlan() == Numbering.PLAN_PRIVATE || number.numberingPlan() == Numbering.PLAN_E164) {
            return Optional.of(number.address().toAscii());
        }
        return Optional.empty();
    }

    private static Octets ascii(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("empty address");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("address '" + text + "' is not printable ASCII");
            }
        }
        return Octets.ascii(text);
    }

    // ------------------------------------------------------------------------------------------- flowspecs

    /**
     * @param bytes a rate in bytes/s or a size in bytes, or {@link FlowSpec#NOT_SPECIFIED}
     * @return cells (rounded up, at most {@link TrafficParameter#MAX_VALUE}), or -1 when not specified
     */
    public static int cells(long bytes) {
        if (bytes == FlowSpec.NOT_SPECIFIED || bytes < 0) {
            return -1;
        }
        return (int) Math.min(TrafficParameter.MAX_VALUE, (bytes + CELL_PAYLOAD_BYTES - 1) / CELL_PAYLOAD_BYTES);
    }

    /**
     * The ATM traffic descriptor for a call: forward from the caller's transmit flowspec, backward from its
     * receive flowspec. Peak bandwidth -&gt; PCR (CLP=0+1), token rate -&gt; SCR (CLP=0+1), token bucket -&gt;
     * MBS (CLP=0+1), each in cells rounded up; an unspecified peak becomes PCR 0 with the best-effort indicator
     * when both directions are best effort.
     *
     * @param forward  the caller's transmit flowspec
     * @param backward the caller's receive flowspec
     * @return the descriptor
     */
    public static AtmTrafficDescriptor trafficDescriptor(FlowSpec forward, FlowSpec backward) {
        Map<TrafficParameter, Integer> p = new EnumMap<>(TrafficParameter.class);
        put(p, TrafficParameter.FORWARD_PEAK_CELL_RATE_CLP01, Math.max(0, cells(forward.peakBandwidthBps())));
        put(p, TrafficParameter.BACKWARD_PEAK_CELL_RATE_CLP01, Math.max(0, cells(backward.peakBandwidthBps())));
        put(p, TrafficParameter.FORWARD_SUSTAINABLE_CELL_RATE_CLP01, cells(forward.tokenRateBps()));
        put(p, TrafficParameter.BACKWARD_SUSTAINABLE_CELL_RATE_CLP01, cells(backward.tokenRateBps()));
        put(p, TrafficParameter.FORWARD_MAX_BURST_SIZE_CLP01, cells(forward.tokenBucketSizeBytes()));
        put(p, TrafficParameter.BACKWARD_MAX_BURST_SIZE_CLP01, cells(backward.tokenBucketSizeBytes()));
        boolean bestEffort = bestEffort(forward) && bestEffort(backward);
        return new AtmTrafficDescriptor(p, bestEffort, OptionalInt.empty(), IeInstruction.DEFAULT);
    }

    private static boolean bestEffort(FlowSpec f) {
        return f.peakBandwidthBps() == FlowSpec.NOT_SPECIFIED || f.serviceType() == FlowSpec.SERVICETYPE_BESTEFFORT
                || f.serviceType() == FlowSpec.SERVICETYPE_NOTRAFFIC;
    }

    private static void put(Map<TrafficParameter, Integer> p, TrafficParameter k, int v) {
        if (v >= 0) {
            p.put(k, v);
        }
    }

    /**
     * @param forward  caller's transmit
     * @param backward caller's receive
     * @return AAL5 parameters with the maximum CPCS-SDU sizes (forward and backward max SDU, capped at 65535;
     *     absent when not specified)
     */
    public static AalParameters aalParameters(FlowSpec forward, FlowSpec backward) {
        return new AalParameters(AalParameters.AAL_TYPE_5, sdu(forward), sdu(backward), OptionalInt.empty(),
                OptionalInt.empty(), Octets.EMPTY, IeInstruction.DEFAULT);
    }

    private static OptionalInt sdu(FlowSpec f) {
        long v = f.maxSduSizeBytes();
        return v == FlowSpec.NOT_SPECIFIED ? OptionalInt.empty() : OptionalInt.of((int) Math.min(0xFFFF, v));
    }

    /**
     * @param multipoint point-to-multipoint call
     * @return broadband bearer capability: class BCOB-X, no clipping, the user-plane configuration
     */
    public static BroadbandBearerCapability bearer(boolean multipoint) {
        return BroadbandBearerCapability.of(BroadbandBearerCapability.BCOB_X, multipoint);
    }

    /**
     * @param forward  caller's transmit
     * @param backward caller's receive
     * @return QoS parameter: a class per direction from its service type
     */
    public static QosParameter qos(FlowSpec forward, FlowSpec backward) {
        return new QosParameter(qosClass(forward.serviceType()), qosClass(backward.serviceType()));
    }

    /**
     * @param serviceType a SERVICETYPE value
     * @return its QoS class: guaranteed 1, controlled load 3, anything else 0 (unspecified)
     */
    public static int qosClass(long serviceType) {
        if (serviceType == FlowSpec.SERVICETYPE_GUARANTEED) {
            return QOS_CLASS_GUARANTEED;
        }
        if (serviceType == FlowSpec.SERVICETYPE_CONTROLLEDLOAD) {
            return QOS_CLASS_CONTROLLED_LOAD;
        }
        return QosParameter.CLASS_UNSPECIFIED;
    }

    /**
     * The flowspec of one direction of a call, read back from the elements. Rates are the cell rates times
     * {@link #CELL_PAYLOAD_BYTES}; a direction with no peak cell rate, or covered by the best-effort indicator,
     * is best effort with its peak not specified; latency and delay variation are not signalled.
     *
     * @param td       the traffic descriptor
     * @param aal      AAL parameters, if any
     * @param qos      QoS parameter, if any
     * @param forward  whether to read the forward direction
     * @return the flowspec
     */
    public static FlowSpec flowSpec(AtmTrafficDescriptor td, Optional<AalParameters> aal, Optional<QosParameter> qos,
                                    boolean forward) {
        OptionalInt pcr = td.get(forward ? TrafficParameter.FORWARD_PEAK_CELL_RATE_CLP01
                : TrafficParameter.BACKWARD_PEAK_CELL_RATE_CLP01);
        OptionalInt scr = td.get(forward ? TrafficParameter.FORWARD_SUSTAINABLE_CELL_RATE_CLP01
                : TrafficParameter.BACKWARD_SUSTAINABLE_CELL_RATE_CLP01);
        OptionalInt mbs = td.get(forward ? TrafficParameter.FORWARD_MAX_BURST_SIZE_CLP01
                : TrafficParameter.BACKWARD_MAX_BURST_SIZE_CLP01);
        OptionalInt sdu = aal.map(a -> forward ? a.forwardMaxCpcsSduBytes() : a.backwardMaxCpcsSduBytes())
                .orElse(OptionalInt.empty());
        int cls = qos.map(q -> forward ? q.forwardClass() : q.backwardClass()).orElse(QosParameter.CLASS_UNSPECIFIED);
        long service = cls == QOS_CLASS_GUARANTEED ? FlowSpec.SERVICETYPE_GUARANTEED
                : cls == QOS_CLASS_CONTROLLED_LOAD ? FlowSpec.SERVICETYPE_CONTROLLEDLOAD
                : FlowSpec.SERVICETYPE_BESTEFFORT;
        long peak = FlowSpec.NOT_SPECIFIED;
        if (pcr.isPresent() && !(td.bestEffort() && service == FlowSpec.SERVICETYPE_BESTEFFORT)) {
            peak = (long) pcr.getAsInt() * CELL_PAYLOAD_BYTES;
        }
        return new FlowSpec(bytes(scr), bytes(mbs), peak, FlowSpec.NOT_SPECIFIED, FlowSpec.NOT_SPECIFIED, service,
                sdu.isPresent() ? sdu.getAsInt() : FlowSpec.NOT_SPECIFIED, FlowSpec.NOT_SPECIFIED);
    }

    private static long bytes(OptionalInt cells) {
        return cells.isPresent() ? (long) cells.getAsInt() * CELL_PAYLOAD_BYTES : FlowSpec.NOT_SPECIFIED;
    }

    // ------------------------------------------------------------------------------------------ exact rates

    /**
     * The flowspecs of both directions of a call, as the caller (or the owner of a modification) gave them.
     *
     * @param forward  the forward direction (from the call's originator)
     * @param backward the backward direction
     */
    public record ExactFlowSpecs(FlowSpec forward, FlowSpec backward) {
        /** @throws NullPointerException if a flowspec is {@code null} */
        public ExactFlowSpecs {
            java.util.Objects.requireNonNull(forward, "forward");
            java.util.Objects.requireNonNull(backward, "backward");
        }
    }

    /** Version octet of the jcondis exact-flowspec payload in the user-user information element. */
    public static final int EXACT_FLOWSPECS_VERSION = 1;
    /** First octet of the same payload in a network's MODIFY REQUEST that its receiver keeps from its client. */
    public static final int REACTIVATE_ONLY_VERSION = 2;
    /** Octets of that payload: the version, then 8 four-octet fields per direction. */
    public static final int EXACT_FLOWSPECS_OCTETS = 1 + 2 * 8 * 4;

    /**
     * The exact CoNDIS flowspecs as Q.2957 user-user information (identifier 0x7E), which networks pass
     * transparently; the traffic descriptor (in cells, rounded up) stays what the network admits on.
     *
     * <pre>
     *  octet 5       protocol discriminator 0x00 (user-specific)
     *  octet 6       version (1)
     *  octets 7-38   forward flowspec: TokenRate, TokenBucketSize, PeakBandwidth, Latency, DelayVariation,
     *                ServiceType, MaxSduSize, MinimumPolicedSize, each 4 octets, big-endian (0xFFFFFFFF: not
     *                specified)
     *  octets 39-70  backward flowspec, same layout
     * </pre>
     *
     * <p>The element's instruction is explicit "discard the element and proceed", so a peer that does not know it
     * ignores it silently (Q.2931 5.7.2).
     *
     * @param forward  the caller's transmit flowspec (the owner's, in a modification)
     * @param backward the caller's receive flowspec
     * @return the element
     */
    public static UserUserInformation exactFlowSpecs(FlowSpec forward, FlowSpec backward) {
        return exactFlowSpecs(forward, backward, false);
    }

    /**
     * As {@link #exactFlowSpecs(FlowSpec, FlowSpec)}; {@code reactivateOnly} marks a MODIFY REQUEST by which the
     * network brings this end in line with a change it made to the whole call (its first octet is then
     * {@link #REACTIVATE_ONLY_VERSION}): the end re-admits, re-activates the VC and re-shapes, and does not tell
     * its client, who did not ask (the embedded switch's remote QoS change re-activates every VC of the call and
     * indicates it to one end).
     *
     * @param forward        the caller's transmit flowspec
     * @param backward       the caller's receive flowspec
     * @param reactivateOnly whether the receiving end keeps the change from its client
     * @return the element
     */
    public static UserUserInformation exactFlowSpecs(FlowSpec forward, FlowSpec backward, boolean reactivateOnly) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(EXACT_FLOWSPECS_OCTETS);
        b.put((byte) (reactivateOnly ? REACTIVATE_ONLY_VERSION : EXACT_FLOWSPECS_VERSION));
        for (FlowSpec f : new FlowSpec[] {forward, backward}) {
            for (long v : fields(f)) {
                b.putInt((int) Math.min(FlowSpec.NOT_SPECIFIED, Math.max(0, v)));
            }
        }
        return new UserUserInformation(UserUserInformation.USER_SPECIFIC, Octets.of(b.array()),
                IeInstruction.explicit(IeInstruction.ACTION_DISCARD_IE_AND_PROCEED));
    }

    private static long[] fields(FlowSpec f) {
        return new long[] {f.tokenRateBps(), f.tokenBucketSizeBytes(), f.peakBandwidthBps(), f.latencyUs(),
            f.delayVariationUs(), f.serviceType(), f.maxSduSizeBytes(), f.minimumPolicedSizeBytes()};
    }

    /**
     * The flowspecs a SETUP or MODIFY REQUEST gives, forward and backward: its exact ones
     * ({@link #exactFlowSpecs(java.util.List, AtmTrafficDescriptor)}) when it carries them and they agree with the
     * cell rates, else those the traffic descriptor, AAL parameters and QoS classes map to ({@link #flowSpec}).
     *
     * @param ies the message's elements
     * @param td  its traffic descriptor
     * @param aal its AAL parameters, if any
     * @param qos the QoS classes that apply, if any
     * @return both directions
     */
    public static ExactFlowSpecs flowSpecs(java.util.List<InformationElement> ies, AtmTrafficDescriptor td,
                                           Optional<AalParameters> aal, Optional<QosParameter> qos) {
        return exactFlowSpecs(ies, td).orElseGet(() -> new ExactFlowSpecs(flowSpec(td, aal, qos, true),
                flowSpec(td, aal, qos, false)));
    }

    /**
     * The exact flowspecs of a message, preferred over the cell rates: present when the message carries a
     * user-user information element with the jcondis payload ({@link #exactFlowSpecs}) whose peaks agree with
     * the traffic descriptor's peak cell rates (so a network that changed the descriptor, and not the payload,
     * is not contradicted).
     *
     * @param ies the message's elements
     * @param td  its traffic descriptor (or the call's)
     * @return the flowspecs, or empty (use {@link #flowSpec})
     */
    public static Optional<ExactFlowSpecs> exactFlowSpecs(java.util.List<InformationElement> ies,
                                                          AtmTrafficDescriptor td) {
        for (InformationElement ie : ies) {
            if (ie instanceof UserUserInformation u) {
                Optional<ExactFlowSpecs> e = decodeExact(u);
                if (e.isPresent() && agrees(e.get().forward(), td, TrafficParameter.FORWARD_PEAK_CELL_RATE_CLP01)
                        && agrees(e.get().backward(), td, TrafficParameter.BACKWARD_PEAK_CELL_RATE_CLP01)) {
                    return e;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * @param ies a MODIFY REQUEST's elements
     * @return whether it is the network's re-activation only ({@link #exactFlowSpecs(FlowSpec, FlowSpec, boolean)})
     */
    public static boolean reactivateOnly(java.util.List<InformationElement> ies) {
        for (InformationElement ie : ies) {
            if (ie instanceof UserUserInformation u && u.protocolDiscriminator() == UserUserInformation.USER_SPECIFIC
                    && u.information().length() == EXACT_FLOWSPECS_OCTETS
                    && u.information().get(0) == REACTIVATE_ONLY_VERSION) {
                return true;
            }
        }
        return false;
    }

    private static Optional<ExactFlowSpecs> decodeExact(UserUserInformation u) {
        Octets o = u.information();
        if (u.protocolDiscriminator() != UserUserInformation.USER_SPECIFIC || o.length() != EXACT_FLOWSPECS_OCTETS
                || o.get(0) != EXACT_FLOWSPECS_VERSION && o.get(0) != REACTIVATE_ONLY_VERSION) {
            return Optional.empty();
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(o.toByteArray(), 1, EXACT_FLOWSPECS_OCTETS - 1);
        FlowSpec[] f = new FlowSpec[2];
        for (int d = 0; d < 2; d++) {
            long[] v = new long[8];
            for (int i = 0; i < v.length; i++) {
                v[i] = Integer.toUnsignedLong(b.getInt());
            }
            f[d] = new FlowSpec(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        }
        return Optional.of(new ExactFlowSpecs(f[0], f[1]));
    }

    private static boolean agrees(FlowSpec f, AtmTrafficDescriptor td, TrafficParameter pcr) {
        return Math.max(0, cells(f.peakBandwidthBps())) == td.get(pcr).orElse(0);
    }

    // ------------------------------------------------------------------------------------------ close data

    /**
     * Protocol discriminator of the close-data user-user element: 0x40, the first value Q.931's table of user-user
     * protocol discriminators (which Q.2957 uses) leaves to national use, taken here as this network's own. It
     * tells close data apart from the exact flowspecs (0x00 user-specific, {@link #exactFlowSpecs}).
     */
    public static final int CLOSE_DATA_PROTOCOL = 0x40;
    /**
     * Longest close data the uni driver carries (R26), as the embedded switch: the user information of one
     * user-user element ({@link UserUserInformation#MAX_INFORMATION_OCTETS}).
     */
    public static final int MAX_CLOSE_DATA_BYTES = UserUserInformation.MAX_INFORMATION_OCTETS;

    /**
     * CoNDIS close data (close-call, drop-party) as the user-user information element of the RELEASE or DROP PARTY
     * that carries it (Q.2957 service 1 in the clearing phase).
     *
     * <pre>
     *  octet 5       protocol discriminator {@link #CLOSE_DATA_PROTOCOL} (0x40)
     *  octets 6..    the close data as given, 1..{@link #MAX_CLOSE_DATA_BYTES} octets
     * </pre>
     *
     * <p>Instruction "discard the element and proceed", as the flowspec element: a peer that does not know it
     * clears the call all the same.
     *
     * @param closeData the client's close data; {@code null} or empty: none
     * @return the element, or empty when there is no data
     * @throws IllegalArgumentException if longer than {@link #MAX_CLOSE_DATA_BYTES} (R26: refuse it first)
     */
    public static Optional<UserUserInformation> closeDataElement(byte[] closeData) {
        if (closeData == null || closeData.length == 0) {
            return Optional.empty();
        }
        if (closeData.length > MAX_CLOSE_DATA_BYTES) {
            throw new IllegalArgumentException("R26: close data of " + closeData.length + " bytes; at most "
                    + MAX_CLOSE_DATA_BYTES);
        }
        return Optional.of(new UserUserInformation(CLOSE_DATA_PROTOCOL, Octets.of(closeData),
                IeInstruction.explicit(IeInstruction.ACTION_DISCARD_IE_AND_PROCEED)));
    }

    /**
     * The close data a clearing message carried.
     *
     * @param userUser the user-user element of the peer's RELEASE, RELEASE COMPLETE or DROP PARTY, if any
     * @return its data when it is a close-data element ({@link #CLOSE_DATA_PROTOCOL}, at most
     *     {@link #MAX_CLOSE_DATA_BYTES} octets), else {@code null} (none: another protocol's element is ignored)
     */
    public static byte[] closeData(Optional<UserUserInformation> userUser) {
        if (userUser.isEmpty() || userUser.get().protocolDiscriminator() != CLOSE_DATA_PROTOCOL
                || userUser.get().information().length() > MAX_CLOSE_DATA_BYTES) {
            return null;
        }
        return userUser.get().information().toByteArray();
    }

    // ---------------------------------------------------------------------------------------------- causes

    /**
     * The cause a CoNDIS status is signalled with (RELEASE, RELEASE COMPLETE, ADD PARTY REJECT, MODIFY REJECT).
     *
     * @param status a close or rejection status
     * @return the cause value
     */
    public static CauseValue cause(Status status) {
        return switch (status.code()) {
            case SUCCESS -> CauseValue.NORMAL_CALL_CLEARING;
            case NO_ROUTE_TO_DESTINATION -> CauseValue.NO_ROUTE_TO_DESTINATION;
            case INVALID_SAP, INVALID_ADDRESS -> CauseValue.UNALLOCATED_NUMBER;
            case CELLRATE_NOT_AVAILABLE -> CauseValue.USER_CELL_RATE_NOT_AVAILABLE;
            case INCOMPATABLE_QOS -> CauseValue.QOS_NOT_AVAILABLE;
            case AAL_PARAMS_UNSUPPORTED -> CauseValue.AAL_PARAMETERS_NOT_SUPPORTED;
            case VC_NOT_AVAILABLE -> CauseValue.REQUESTED_VPCI_VCI_NOT_AVAILABLE;
            case DEST_OUT_OF_ORDER, ADAPTER_REMOVED, CLOSING -> CauseValue.DESTINATION_OUT_OF_ORDER;
            case RESOURCES -> CauseValue.RESOURCE_UNAVAILABLE;
            case REQUEST_ABORTED -> CauseValue.NORMAL_UNSPECIFIED;
            case NOT_SUPPORTED -> CauseValue.SERVICE_NOT_IMPLEMENTED;
            default -> CauseValue.CALL_REJECTED;
        };
    }

    /**
     * The CoNDIS status a received cause becomes (make-call failure, incoming close, drop, QoS refusal).
     *
     * @param cause the cause element
     * @return the status, with the cause in its description
     */
    public static Status status(Cause cause) {
        Optional<CauseValue> v = cause.standardValue();
        Status.Code code = v.map(UniMapping::code).orElse(Status.Code.FAILURE);
        String text = "Q.2931 cause " + cause.value() + v.map(c -> " (" + c.description() + ")").orElse("");
        return Status.of(code).withDescription(text);
    }

    private static Status.Code code(CauseValue v) {
        return switch (v) {
            case NORMAL_CALL_CLEARING, NORMAL_UNSPECIFIED -> Status.Code.SUCCESS;
            case NO_ROUTE_TO_DESTINATION, NO_ROUTE_TO_TRANSIT_NETWORK -> Status.Code.NO_ROUTE_TO_DESTINATION;
            case UNALLOCATED_NUMBER, INCOMPATIBLE_DESTINATION -> Status.Code.INVALID_SAP;
            case INVALID_NUMBER_FORMAT -> Status.Code.INVALID_ADDRESS;
            case USER_CELL_RATE_NOT_AVAILABLE, UNSUPPORTED_TRAFFIC_PARAMETERS -> Status.Code.CELLRATE_NOT_AVAILABLE;
            case QOS_NOT_AVAILABLE -> Status.Code.INCOMPATABLE_QOS;
            case AAL_PARAMETERS_NOT_SUPPORTED -> Status.Code.AAL_PARAMS_UNSUPPORTED;
            case REQUESTED_VPCI_VCI_NOT_AVAILABLE, VPCI_VCI_ASSIGNMENT_FAILURE, NO_VPCI_VCI_AVAILABLE,
                 VPCI_VCI_UNACCEPTABLE -> Status.Code.VC_NOT_AVAILABLE;
            case DESTINATION_OUT_OF_ORDER, TEMPORARY_FAILURE, NETWORK_OUT_OF_ORDER -> Status.Code.DEST_OUT_OF_ORDER;
            case RESOURCE_UNAVAILABLE -> Status.Code.RESOURCES;
            case RECOVERY_ON_TIMER_EXPIRY -> Status.Code.REQUEST_ABORTED;
            case SERVICE_NOT_IMPLEMENTED -> Status.Code.NOT_SUPPORTED;
            default -> Status.Code.FAILURE;
        };
    }
}

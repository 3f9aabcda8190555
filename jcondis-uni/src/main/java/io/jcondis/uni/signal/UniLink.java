package io.jcondis.uni.signal;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.DecodeResult;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.AddParty;
import io.jcondis.uni.q2931.AddPartyAcknowledge;
import io.jcondis.uni.q2931.AddPartyReject;
import io.jcondis.uni.q2931.Alerting;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CallProceeding;
import io.jcondis.uni.q2931.CallReference;
import io.jcondis.uni.q2931.CallState;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.Cause;
import io.jcondis.uni.q2931.CauseLocation;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.Connect;
import io.jcondis.uni.q2931.ConnectAcknowledge;
import io.jcondis.uni.q2931.DropParty;
import io.jcondis.uni.q2931.DropPartyAcknowledge;
import io.jcondis.uni.q2931.EndpointReference;
import io.jcondis.uni.q2931.EndpointState;
import io.jcondis.uni.q2931.IeIdentifier;
import io.jcondis.uni.q2931.IeInstruction;
import io.jcondis.uni.q2931.InformationElement;
import io.jcondis.uni.q2931.MessageInstruction;
import io.jcondis.uni.q2931.MessageType;
import io.jcondis.uni.q2931.ModifyAcknowledge;
import io.jcondis.uni.q2931.ModifyReject;
import io.jcondis.uni.q2931.ModifyRequest;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.Release;
import io.jcondis.uni.q2931.ReleaseComplete;
import io.jcondis.uni.q2931.Setup;
import io.jcondis.uni.q2931.StatusEnquiry;
import io.jcondis.uni.q2931.UnknownMessage;
import io.jcondis.uni.q2931.UnrecognizedIe;
import io.jcondis.uni.q2931.UserUserInformation;
import io.jcondis.uni.signal.UniEvent.ClearReason;
import io.jcondis.uni.sscop.AaSignal;
import io.jcondis.uni.sscop.Timers;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Q.2931 call control for one signalling link (one SSCOP association): the calls on it, point-to-point and
 * point-to-multipoint (Q.2971), with connection modification (Q.2963.1).
 *
 * <h2>Inputs and outputs</h2>
 * <pre>
 *   user requests (setup, connect, release, addParty, modify, ...) --+
 *   AA-signals from SSCOP ({@link #onAaSignal}) ----------------------+--&gt; UniLink --&gt; Saal: AA-DATA requests
 *   timer expiries (through the injected {@link Timers}) -------------+            --&gt; UniListener: UniEvents
 * </pre>
 * Each request returns a {@link Status} at once: {@code SUCCESS} when the message is on its way,
 * {@code INVALID_HANDLE} for an unknown or stale {@link UniCallId}, {@code NOT_ACCEPTED} (with the state in the
 * description) when the call or party state does not allow the request; a refused request changes nothing. What
 * the peer answers comes later as {@link UniEvent}s.
 *
 * <h2>Symmetric operation</h2>
 * Either side may originate. The originator allocates the call reference and sends with flag 0; the other side
 * answers with flag 1 (Q.2931 clause 4.3), so both sides may use the same value for different calls. The root of a
 * point-to-multipoint call (its originator) allocates the endpoint references the same way (Q.2971). Only the
 * originator may add parties and modify the call (Q.2963.1: the owner). {@link Side} selects the timer values and
 * cause location where the recommendation differs between user and network.
 *
 * <h2>Errors (Q.2931 clause 5.6)</h2>
 * Nothing received makes this class throw. An undecodable message is counted and ignored (5.6.1, 5.6.2). An unknown
 * call reference is answered as 5.6.3 says: RELEASE COMPLETE (cause 81) for most messages, STATUS (Null, cause 30)
 * for STATUS ENQUIRY, RELEASE COMPLETE (cause 101) for a STATUS reporting another state than Null; RELEASE
 * COMPLETE and SETUP with flag 1 are ignored. A message not compatible with the call state gets STATUS with cause
 * 101 (5.6.4); an unknown message type STATUS with cause 97 unless its instruction says otherwise (5.6.5, 5.7).
 * A missing mandatory element gets cause 96, invalid contents of one cause 100: a SETUP is refused with RELEASE
 * COMPLETE, a RELEASE still clears (RELEASE COMPLETE carries the cause), other messages are ignored after STATUS
 * (5.6.7). An unrecognised or invalid optional element is handled as its compatibility instruction says (default:
 * process the message, then STATUS with cause 99 or 100). A STATUS never answers a STATUS.
 *
 * <h2>Signalling link failure (Q.2931 5.6.9)</h2>
 * On AA-RELEASE.indication every call not Active is cleared at once ({@link ClearReason#LINK_FAILURE}, cause 41);
 * each Active call starts T309 and the link asks SSCOP to re-establish (retrying every second while T309 runs).
 * When the association is back T309 stops and STATUS ENQUIRY checks each such call with the peer; if T309 runs out
 * the call is cleared with cause 27. A new association is also set up on demand by {@link #setup}.
 *
 * <h2>Threading</h2>
 * Not thread-safe: every method, every timer task and every AA-signal must run on one thread, as for
 * {@code Sscop}. Events are queued and given to the listener after the input that caused them, so the listener
 * may call requests re-entrantly.
 */
public final class UniLink {
    private static final System.Logger LOG = System.getLogger(UniLink.class.getName());
    /** Endpoint reference value of the first party of a point-to-multipoint call. */
    public static final int FIRST_PARTY = 0;
    private static final int NO_PARTY = -1;
    private static final long LINK_RETRY_NS = 1_000_000_000L;

    private final String name;
    private final UniLinkConfig config;
    private final Timers timers;
    private final Saal saal;
    private final UniListener listener;
    private final CauseLocation location;
    private final UniStatistics stats = new UniStatistics();

    private LinkState linkState = LinkState.DOWN;
    /** Messages sent while the association is being established; flushed on the confirm. */
    private final List<byte[]> pending = new ArrayList<>();
    private final Map<Long, Call> byHandle = new LinkedHashMap<>();
    private final Map<Long, Call> byReference = new HashMap<>();
    private final ArrayDeque<UniEvent> events = new ArrayDeque<>();
    private final TimerSlot linkRetry;
    private boolean dispatching;
    private long nextHandle = 1;
    private int nextCallReference = 1;
    private int runningTimers;
    /** Whether CONNECT ACKNOWLEDGE waits for {@link #acknowledgeConnect} ({@link #holdConnectAcknowledge}). */
    private boolean holdConnectAck;

    /**
     * @param name     for logs
     * @param config   side and timer values
     * @param timers   the clock and timers of the thread this link runs on
     * @param saal     the SSCOP entity's requests
     * @param listener where events go
     */
    public UniLink(String name, UniLinkConfig config, Timers timers, Saal saal, UniListener listener) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.saal = Objects.requireNonNull(saal, "saal");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.location = config.side() == Side.USER ? CauseLocation.USER : CauseLocation.PRIVATE_NETWORK_LOCAL_USER;
        this.linkRetry = new TimerSlot(null, this::onLinkRetry);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Queries

    /** @return the name given at construction */
    public String name() {
        return name;
    }

    /** @return the configuration */
    public UniLinkConfig config() {
        return config;
    }

    /** @return the counters (a live view) */
    public UniStatistics statistics() {
        return stats;
    }

    /** @return the association's state as call control sees it */
    public LinkState linkState() {
        return linkState;
    }

    /**
     * @param call a call handle
     * @return its state; {@link UniCallState#U0_NULL} for an unknown or cleared call
     */
    public UniCallState callState(UniCallId call) {
        Call c = lookup(call);
        return c == null ? UniCallState.U0_NULL : c.state;
    }

    /**
     * @param call              a call handle
     * @param endpointReference an endpoint reference value
     * @return the party's state; {@link PartyState#NULL} if there is no such party
     */
    public PartyState partyState(UniCallId call, int endpointReference) {
        Call c = lookup(call);
        Party p = c == null ? null : c.parties.get(endpointReference);
        return p == null ? PartyState.NULL : p.state;
    }

    /**
     * @param call a call handle
     * @return the endpoint references of its parties not in Null, ascending (empty for point-to-point calls)
     */
    public Set<Integer> parties(UniCallId call) {
        Call c = lookup(call);
        return c == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(c.parties.keySet()));
    }

    /** @return the handles of the calls not in Null, oldest first */
    public List<UniCallId> calls() {
        List<UniCallId> out = new ArrayList<>();
        for (Call c : byHandle.values()) {
            out.add(c.id);
        }
        return out;
    }

    /** @return the number of calls not in Null */
    public int callCount() {
        return byHandle.size();
    }

    /**
     * @param call a call handle
     * @return whether this side originated the call (and owns it); {@code false} for an unknown call
     */
    public boolean isOriginator(UniCallId call) {
        Call c = lookup(call);
        return c != null && c.originator;
    }

    /**
     * @param call a call handle
     * @return the traffic descriptor in force (from SETUP, or the last accepted modification)
     */
    public Optional<AtmTrafficDescriptor> trafficDescriptor(UniCallId call) {
        Call c = lookup(call);
        return c == null ? Optional.empty() : Optional.of(c.trafficDescriptor);
    }

    /**
     * @param call a call handle
     * @return the call reference value, or -1 for an unknown call
     */
    public int callReference(UniCallId call) {
        Call c = lookup(call);
        return c == null ? -1 : c.reference;
    }

    /** @return call-control timers running (0 when no call exists and the link is not retrying: nothing leaks) */
    public int runningTimers() {
        return runningTimers;
    }

    /** @return messages waiting for the association to come up */
    public int pendingMessages() {
        return pending.size();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Link requests and AA-signals

    /**
     * Asks SSCOP for an association (AA-ESTABLISH.request).
     *
     * <p>Allowed in every link state: {@code SUCCESS} at once if the link is up or being set up. Completes with
     * {@link UniEvent.LinkUp}, or {@link UniEvent.LinkDown} if SSCOP gives up.
     *
     * @return {@code SUCCESS}, or SSCOP's refusal
     */
    public Status establishLink() {
        return deliver(establishInternal());
    }

    /**
     * Releases the association (AA-RELEASE.request).
     *
     * <p>Allowed only when no call exists ({@code NOT_ACCEPTED} otherwise: release the calls first).
     *
     * @return {@code SUCCESS}, {@code NOT_ACCEPTED}, or SSCOP's refusal
     */
    public Status releaseLink() {
        if (!byHandle.isEmpty()) {
            return Status.NOT_ACCEPTED.withDescription(byHandle.size() + " calls exist");
        }
        if (linkState == LinkState.DOWN) {
            return Status.SUCCESS;
        }
        linkRetry.stop();
        pending.clear();
        linkState = LinkState.DOWN;
        return deliver(saal.release());
    }

    /**
     * Input: an AA-signal from this link's SSCOP entity. Establishment indications are answered at once (as SSCF
     * does), as are resynchronisation and recovery; data indications are decoded and processed.
     *
     * @param signal the signal
     */
    public void onAaSignal(AaSignal signal) {
        Objects.requireNonNull(signal, "signal");
        if (signal instanceof AaSignal.DataIndication d) {
            onMessage(d.data().toByteArray());
        } else if (signal instanceof AaSignal.EstablishIndication) {
            saal.establishResponse();
            linkUp();
        } else if (signal instanceof AaSignal.EstablishConfirm) {
            linkUp();
        } else if (signal instanceof AaSignal.ReleaseIndication) {
            linkLost();
        } else if (signal instanceof AaSignal.ReleaseConfirm) {
            if (byHandle.isEmpty()) {
                linkState = LinkState.DOWN;
            } else {
                linkLost();
            }
        } else if (signal instanceof AaSignal.ResyncIndication) {
            saal.resyncResponse();
            enquireActiveCalls();
        } else if (signal instanceof AaSignal.RecoverIndication) {
            saal.recoverResponse();
            enquireActiveCalls();
        }
        flush();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Call requests

    /**
     * Originates a call: sends SETUP with the parameters' elements and starts T303 (U0 to U1). If the association
     * is down it is established first and SETUP waits for it.
     *
     * <p>Completes with {@link UniEvent.MessageReceived} for CALL PROCEEDING, ALERTING and CONNECT, then
     * {@link UniEvent.CallActive}; or {@link UniEvent.CallCleared} (rejected by the peer, T303 twice, link failure).
     *
     * @param parameters the call's information elements
     * @return {@code SUCCESS} and the new call's handle; {@code RESOURCES} if no call reference is free; SSCOP's
     *     refusal if the association cannot be started
     */
    public Outcome<UniCallId> setup(CallParameters parameters) {
        Objects.requireNonNull(parameters, "parameters");
        Status link = establishInternal();
        if (!link.isSuccess()) {
            return deliver(Outcome.failed(link));
        }
        int reference = allocateCallReference();
        if (reference < 0) {
            return deliver(Outcome.failed(Status.RESOURCES.withDescription("no call reference free")));
        }
        Call c = newCall(true, reference, parameters.pointToMultipoint(), parameters.trafficDescriptor());
        c.setup = new Setup(c.out(), MessageInstruction.DEFAULT, parameters.setupElements());
        if (c.pointToMultipoint) {
            c.newParty(FIRST_PARTY).transition(PartyState.ADD_PARTY_INITIATED);
        }
        c.transition(UniCallState.U1_CALL_INITIATED);
        send(c.setup);
        c.t303.start();
        return deliver(new Outcome<>(Status.SUCCESS, c.id));
    }

    /**
     * Answers an incoming SETUP with CALL PROCEEDING (U6 to U9).
     *
     * <p>Allowed states: U6.
     *
     * @param call the call
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status callProceeding(UniCallId call) {
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        if (c.state != UniCallState.U6_CALL_PRESENT) {
            return notAccepted(c);
        }
        c.transition(UniCallState.U9_INCOMING_CALL_PROCEEDING);
        send(new CallProceeding(c.out(), MessageInstruction.DEFAULT, firstPartyElements(c)));
        return deliver(Status.SUCCESS);
    }

    /**
     * Sends ALERTING (U6 or U9 to U7; the first party of a point-to-multipoint call to Party Alerting Received).
     *
     * <p>Allowed states: U6, U9.
     *
     * @param call the call
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status alerting(UniCallId call) {
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        if (c.state != UniCallState.U6_CALL_PRESENT && c.state != UniCallState.U9_INCOMING_CALL_PROCEEDING) {
            return notAccepted(c);
        }
        c.transition(UniCallState.U7_CALL_RECEIVED);
        Party first = c.parties.get(FIRST_PARTY);
        if (first != null) {
            first.transition(PartyState.PARTY_ALERTING_RECEIVED);
        }
        send(new Alerting(c.out(), MessageInstruction.DEFAULT, firstPartyElements(c)));
        return deliver(Status.SUCCESS);
    }

    /**
     * Accepts an incoming call: sends CONNECT and starts T313 (U6, U7 or U9 to U8). Completes with
     * {@link UniEvent.CallActive} when CONNECT ACKNOWLEDGE arrives, or {@link UniEvent.CallCleared} (T313).
     *
     * <p>Allowed states: U6, U7, U9.
     *
     * @param call the call
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status connect(UniCallId call) {
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        if (c.state != UniCallState.U6_CALL_PRESENT && c.state != UniCallState.U7_CALL_RECEIVED
                && c.state != UniCallState.U9_INCOMING_CALL_PROCEEDING) {
            return notAccepted(c);
        }
        c.transition(UniCallState.U8_CONNECT_REQUEST);
        send(new Connect(c.out(), MessageInstruction.DEFAULT, firstPartyElements(c)));
        c.t313.start();
        return deliver(Status.SUCCESS);
    }

    /**
     * Makes the CONNECT ACKNOWLEDGE for a received CONNECT wait for {@link #acknowledgeConnect} (a network that
     * connects end to end: Q.2931 lets the network choose when it answers, within the called user's T313). The
     * call is active here at once ({@link UniEvent.CallActive}); the peer stays in Connect Request until the
     * acknowledgement goes. Off by default (CONNECT ACKNOWLEDGE at once). Link thread.
     *
     * @param hold whether to hold the acknowledgement of CONNECTs received from now on
     */
    public void holdConnectAcknowledge(boolean hold) {
        holdConnectAck = hold;
    }

    /**
     * Sends the CONNECT ACKNOWLEDGE held for a call's CONNECT ({@link #holdConnectAcknowledge}).
     *
     * <p>Allowed: U10 with the acknowledgement held.
     *
     * @param call the call
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED} (nothing held)
     */
    public Status acknowledgeConnect(UniCallId call) {
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        if (!c.connectAckHeld || c.state != UniCallState.U10_ACTIVE) {
            return notAccepted(c);
        }
        c.connectAckHeld = false;
        send(ConnectAcknowledge.of(c.out()));
        return deliver(Status.SUCCESS);
    }

    /**
     * @param call a call
     * @return whether its CONNECT ACKNOWLEDGE is held ({@link #holdConnectAcknowledge}); false for an unknown call
     */
    public boolean connectAcknowledgeHeld(UniCallId call) {
        Call c = lookup(call);
        return c != null && c.connectAckHeld && c.state == UniCallState.U10_ACTIVE;
    }

    /**
     * Clears a call. In U6 the incoming call is rejected with RELEASE COMPLETE carrying the cause, and the call is
     * gone at once. In every other state RELEASE is sent and T308 started (U11); {@link UniEvent.CallCleared}
     * follows on RELEASE COMPLETE (or after T308 twice). While the association is down (an active call under T309)
     * the call is cleared locally at once.
     *
     * <p>Allowed states: U1, U3, U4, U6, U7, U8, U9, U10 ({@code NOT_ACCEPTED} in U11, U12).
     *
     * @param call  the call
     * @param cause the cause to send
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status release(UniCallId call, CauseValue cause) {
        return release(call, cause, Optional.empty());
    }

    /**
     * As {@link #release(UniCallId, CauseValue)}, with user-user information (Q.2957 service 1 in the clearing
     * phase) after the cause: in the RELEASE (also when T308 repeats it), or in the RELEASE COMPLETE that rejects a
     * call in U6. The peer's {@link UniEvent.CallCleared#userUser()} carries it.
     *
     * <p>Allowed states: as {@link #release(UniCallId, CauseValue)}.
     *
     * @param call     the call
     * @param cause    the cause to send
     * @param userUser user-user information to carry, if any
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}; {@code INVALID_DATA} (nothing sent,
     *     nothing changed) when the user information is longer than
     *     {@link UserUserInformation#MAX_INFORMATION_OCTETS}
     */
    public Status release(UniCallId call, CauseValue cause, Optional<UserUserInformation> userUser) {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(userUser, "userUser");
        Status tooLong = checkUserUser(userUser);
        if (tooLong != null) {
            return tooLong;
        }
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        if (c.state.clearing()) {
            return notAccepted(c);
        }
        if (c.state == UniCallState.U6_CALL_PRESENT) {
            send(ReleaseComplete.of(c.out(), elements(cause(cause), userUser)));
            finish(c, cause(cause), ClearReason.LOCAL);
        } else if (linkState == LinkState.DOWN) {
            finish(c, cause(cause), ClearReason.LOCAL);
        } else {
            beginRelease(c, cause(cause), ClearReason.LOCAL, userUser);
        }
        return deliver(Status.SUCCESS);
    }

    /** R26 at the signalling level: user information the element cannot carry is refused before anything. */
    private static Status checkUserUser(Optional<UserUserInformation> userUser) {
        int octets = userUser.map(u -> u.information().length()).orElse(0);
        if (octets > UserUserInformation.MAX_INFORMATION_OCTETS) {
            return Status.INVALID_DATA.withDescription("user-user information of " + octets + " octets; at most "
                    + UserUserInformation.MAX_INFORMATION_OCTETS);
        }
        return null;
    }

    /** @return {@code first}, then the user-user element if any, as an element array in wire order */
    private static InformationElement[] elements(InformationElement first, Optional<UserUserInformation> userUser) {
        return userUser.isPresent() ? new InformationElement[] {first, userUser.get()}
                : new InformationElement[] {first};
    }

    /**
     * Asks the peer for its state of the call: STATUS ENQUIRY, T322 (Q.2931 5.6.11). The STATUS comes as
     * {@link UniEvent.MessageReceived}; a STATUS showing an incompatible state clears the call (cause 101), one
     * showing Null releases it locally; T322 twice clears it (cause 41).
     *
     * <p>Allowed states: every state but U11 and U12, with no enquiry outstanding.
     *
     * @param call the call
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status statusEnquiry(UniCallId call) {
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        if (c.state.clearing() || c.t322.running()) {
            return notAccepted(c);
        }
        enquire(c);
        return deliver(Status.SUCCESS);
    }

    /**
     * Adds a party to a point-to-multipoint call this side originated: ADD PARTY with a new endpoint reference,
     * T399 (party Null to Add Party Initiated). Completes with {@link UniEvent.PartyActive} (ADD PARTY
     * ACKNOWLEDGE) or {@link UniEvent.PartyCleared} (ADD PARTY REJECT; T399 drops the party with cause 102).
     *
     * <p>Allowed states: U10, root of a point-to-multipoint call.
     *
     * @param call        the call
     * @param calledParty the new party's number
     * @return {@code SUCCESS} and the endpoint reference value; {@code INVALID_HANDLE}; {@code NOT_ACCEPTED};
     *     {@code RESOURCES} when the 15-bit endpoint references are used up
     */
    public Outcome<Integer> addParty(UniCallId call, CalledPartyNumber calledParty) {
        Objects.requireNonNull(calledParty, "calledParty");
        Call c = lookup(call);
        if (c == null) {
            return Outcome.failed(Status.INVALID_HANDLE);
        }
        if (c.state != UniCallState.U10_ACTIVE || !c.pointToMultipoint || !c.originator) {
            return Outcome.failed(notAccepted(c));
        }
        if (c.nextEndpoint > EndpointReference.MAX_VALUE) {
            return Outcome.failed(Status.RESOURCES.withDescription("endpoint references used up"));
        }
        int ep = c.nextEndpoint++;
        Party p = c.newParty(ep);
        p.transition(PartyState.ADD_PARTY_INITIATED);
        List<InformationElement> ies = new ArrayList<>();
        c.setup.aalParameters().ifPresent(ies::add);
        ies.add(calledParty);
        c.setup.callingPartyNumber().ifPresent(ies::add);
        ies.add(endpoint(c, ep));
        c.setup.first(UserUserInformation.class).ifPresent(ies::add);
        send(new AddParty(c.out(), MessageInstruction.DEFAULT, ies));
        p.t399.start();
        return deliver(new Outcome<>(Status.SUCCESS, ep));
    }

    /**
     * Accepts a party the peer added: ADD PARTY ACKNOWLEDGE (Add Party Received to Active).
     *
     * <p>Allowed: call U10, party Add Party Received or Party Alerting Received (the first party is accepted with
     * {@link #connect}).
     *
     * @param call              the call
     * @param endpointReference the party
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status acceptAddParty(UniCallId call, int endpointReference) {
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        Party p = receivedParty(c, endpointReference);
        if (p == null) {
            return notAccepted(c);
        }
        p.transition(PartyState.ACTIVE);
        send(AddPartyAcknowledge.of(c.out(), endpoint(c, endpointReference)));
        return deliver(Status.SUCCESS);
    }

    /**
     * Refuses a party the peer added: ADD PARTY REJECT with the cause (party to Null; {@link UniEvent.PartyCleared}
     * follows, and if it was the call's last party the call is released).
     *
     * <p>Allowed: as {@link #acceptAddParty}.
     *
     * @param call              the call
     * @param endpointReference the party
     * @param cause             the cause
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status rejectAddParty(UniCallId call, int endpointReference, CauseValue cause) {
        Objects.requireNonNull(cause, "cause");
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        Party p = receivedParty(c, endpointReference);
        if (p == null) {
            return notAccepted(c);
        }
        send(AddPartyReject.of(c.out(), cause(cause), endpoint(c, endpointReference)));
        partyGone(c, p, cause(cause), ClearReason.LOCAL);
        return deliver(Status.SUCCESS);
    }

    /**
     * Drops a party: DROP PARTY, T398 (party to Drop Party Initiated); {@link UniEvent.PartyCleared} follows on
     * DROP PARTY ACKNOWLEDGE or T398. Dropping the last party of the call releases the call instead (RELEASE with
     * the cause, Q.2971).
     *
     * <p>Allowed: call U10, party Active, or (root) Add Party Initiated or Party Alerting Delivered.
     *
     * @param call              the call
     * @param endpointReference the party
     * @param cause             the cause
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status dropParty(UniCallId call, int endpointReference, CauseValue cause) {
        return dropParty(call, endpointReference, cause, Optional.empty());
    }

    /**
     * As {@link #dropParty(UniCallId, int, CauseValue)}, with user-user information (Q.2957 service 1) after the
     * cause and endpoint reference of the DROP PARTY (or of the RELEASE when it is the last party). The peer's
     * {@link UniEvent.PartyCleared#userUser()} (or {@link UniEvent.CallCleared#userUser()}) carries it.
     *
     * <p>Allowed: as {@link #dropParty(UniCallId, int, CauseValue)}.
     *
     * @param call              the call
     * @param endpointReference the party
     * @param cause             the cause
     * @param userUser          user-user information to carry, if any
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}; {@code INVALID_DATA} (nothing sent,
     *     nothing changed) when the user information is longer than
     *     {@link UserUserInformation#MAX_INFORMATION_OCTETS}
     */
    public Status dropParty(UniCallId call, int endpointReference, CauseValue cause,
                            Optional<UserUserInformation> userUser) {
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(userUser, "userUser");
        Status tooLong = checkUserUser(userUser);
        if (tooLong != null) {
            return tooLong;
        }
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        Party p = c.parties.get(endpointReference);
        if (c.state != UniCallState.U10_ACTIVE || p == null || !(p.state == PartyState.ACTIVE
                || p.state == PartyState.ADD_PARTY_INITIATED || p.state == PartyState.PARTY_ALERTING_DELIVERED)) {
            return notAccepted(c);
        }
        dropPartyInternal(c, p, cause(cause), ClearReason.LOCAL, userUser);
        return deliver(Status.SUCCESS);
    }

    /**
     * Asks the peer to change the call's traffic parameters (Q.2963.1): MODIFY REQUEST, T360. Completes with
     * {@link UniEvent.ModifyCompleted}; T360 running out clears the call (cause 102).
     *
     * <p>Allowed: U10, this side owns the call (originated it), no modification outstanding either way.
     *
     * @param call              the call
     * @param trafficDescriptor the new traffic descriptor
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status modify(UniCallId call, AtmTrafficDescriptor trafficDescriptor) {
        return modify(call, trafficDescriptor, Optional.empty());
    }

    /**
     * As {@link #modify(UniCallId, AtmTrafficDescriptor)}, with user-user information (Q.2957) after the other
     * elements. With {@link UniLinkConfig#networkModify()} on the network side, the network may also modify
     * towards the call's owner (a jcondis extension, docs/uni.md).
     *
     * <p>Allowed: U10, this side owns the call or is the network side with the extension on, no modification
     * outstanding either way.
     *
     * @param call              the call
     * @param trafficDescriptor the new traffic descriptor
     * @param userUser          user-user information to carry, if any
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status modify(UniCallId call, AtmTrafficDescriptor trafficDescriptor,
                         Optional<UserUserInformation> userUser) {
        Objects.requireNonNull(trafficDescriptor, "trafficDescriptor");
        Objects.requireNonNull(userUser, "userUser");
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        boolean mayModify = c.originator || config.networkModify() && config.side() == Side.NETWORK;
        if (c.state != UniCallState.U10_ACTIVE || !mayModify || c.modifyOut != null || c.modifyIn != null) {
            return notAccepted(c);
        }
        c.modifyOut = trafficDescriptor;
        // The broadband report type (Q.2963.1, "modification confirmation") also keeps the traffic descriptor from
        // being the last element, which Wireshark's dissector needs (see Q2931Codec).
        List<InformationElement> ies = new ArrayList<>(List.of(trafficDescriptor,
                new UnrecognizedIe(IeIdentifier.BROADBAND_REPORT_TYPE, Octets.ofUnsigned(0x01),
                        IeInstruction.DEFAULT)));
        userUser.ifPresent(ies::add);
        send(new ModifyRequest(c.out(), MessageInstruction.DEFAULT, ies));
        c.t360.start();
        return deliver(Status.SUCCESS);
    }

    /**
     * Accepts the peer's MODIFY REQUEST: MODIFY ACKNOWLEDGE; its traffic descriptor is now in force.
     *
     * <p>Allowed: U10 with a MODIFY REQUEST received and not yet answered.
     *
     * @param call the call
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status acceptModify(UniCallId call) {
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        if (c.modifyIn == null || c.state != UniCallState.U10_ACTIVE) {
            return notAccepted(c);
        }
        c.trafficDescriptor = c.modifyIn;
        c.modifyIn = null;
        send(ModifyAcknowledge.of(c.out()));
        return deliver(Status.SUCCESS);
    }

    /**
     * Refuses the peer's MODIFY REQUEST: MODIFY REJECT with the cause; the old parameters stay in force.
     *
     * <p>Allowed: as {@link #acceptModify}.
     *
     * @param call  the call
     * @param cause the cause (37 user cell rate not available, 49 QoS not available, ...)
     * @return {@code SUCCESS}, {@code INVALID_HANDLE}, {@code NOT_ACCEPTED}
     */
    public Status rejectModify(UniCallId call, CauseValue cause) {
        Objects.requireNonNull(cause, "cause");
        Call c = lookup(call);
        if (c == null) {
            return Status.INVALID_HANDLE;
        }
        if (c.modifyIn == null || c.state != UniCallState.U10_ACTIVE) {
            return notAccepted(c);
        }
        c.modifyIn = null;
        send(ModifyReject.of(c.out(), cause(cause)));
        return deliver(Status.SUCCESS);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Link handling

    private Status establishInternal() {
        if (linkState != LinkState.DOWN) {
            return Status.SUCCESS;
        }
        Status s = saal.establish();
        if (s.isSuccess()) {
            linkState = LinkState.ESTABLISHING;
        }
        return s;
    }

    private void linkUp() {
        linkState = LinkState.UP;
        linkRetry.stop();
        List<byte[]> queued = new ArrayList<>(pending);
        pending.clear();
        for (byte[] m : queued) {
            transmit(m);
        }
        events.add(new UniEvent.LinkUp());
        for (Call c : new ArrayList<>(byHandle.values())) {
            if (c.t309.running()) {
                c.t309.stop();
                if (!c.t322.running()) {
                    enquire(c);
                }
            }
        }
    }

    private void linkLost() {
        LinkState was = linkState;
        linkState = LinkState.DOWN;
        stats.countDropped(pending.size());
        pending.clear();
        events.add(new UniEvent.LinkDown());
        boolean keep = false;
        for (Call c : new ArrayList<>(byHandle.values())) {
            if (c.state == UniCallState.U10_ACTIVE) {
                if (!c.t309.running()) {
                    c.t309.start();
                }
                keep = true;
            } else {
                finish(c, cause(CauseValue.TEMPORARY_FAILURE), ClearReason.LINK_FAILURE);
            }
        }
        if (keep) {
            if (was == LinkState.UP) {
                establishInternal();
            } else {
                // A failed attempt: try again a little later rather than at once (a peer refusing with BGREJ would
                // otherwise make this a tight loop); T309 bounds the retries.
                linkRetry.start(LINK_RETRY_NS);
            }
        }
    }

    private void onLinkRetry() {
        for (Call c : byHandle.values()) {
            if (c.t309.running()) {
                establishInternal();
                return;
            }
        }
    }

    private void enquireActiveCalls() {
        for (Call c : new ArrayList<>(byHandle.values())) {
            if (c.state == UniCallState.U10_ACTIVE && !c.t322.running()) {
                enquire(c);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Incoming messages

    private void onMessage(byte[] bytes) {
        DecodeResult<Q2931Message> r = Q2931Codec.decode(bytes);
        if (r instanceof DecodeResult.Malformed<Q2931Message> bad) {
            stats.countMalformed();
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": malformed message dropped: " + bad.reason());
            events.add(new UniEvent.ProtocolError(Optional.empty(), -1, CauseValue.PROTOCOL_ERROR, bad.reason()));
            return;
        }
        Q2931Message m = ((DecodeResult.Ok<Q2931Message>) r).value();
        stats.countReceived(m.type());
        CallReference cr = m.callReference();
        if (cr.value() == CallReference.GLOBAL_VALUE || cr.value() == CallReference.DUMMY_VALUE) {
            // RESTART and the other global-call-reference procedures are not supported: ignore (5.6.3).
            stats.countUnexpected();
            events.add(new UniEvent.ProtocolError(Optional.empty(), m.messageTypeCode(),
                    CauseValue.INVALID_CALL_REFERENCE, "global or dummy call reference"));
            return;
        }
        Call c = byReference.get(key(cr.toOriginatingSide(), cr.value()));
        if (c == null) {
            onUnknownReference(m);
        } else if (m instanceof UnknownMessage u) {
            onUnknownType(c, u);
        } else {
            onCallMessage(c, m);
        }
    }

    /** Q.2931 5.6.3. */
    private void onUnknownReference(Q2931Message m) {
        CallReference reply = m.callReference().reply();
        if (m instanceof Setup s && !m.callReference().toOriginatingSide()) {
            onSetup(s);
            return;
        }
        stats.countUnknownCallReference();
        switch (m.type()) {
            case SETUP, RELEASE_COMPLETE -> {
                return;
            }
            case STATUS_ENQUIRY -> sendUnattached(io.jcondis.uni.q2931.Status.of(reply, new CallState(CallState.NULL),
                    cause(CauseValue.RESPONSE_TO_STATUS_ENQUIRY)));
            case STATUS -> {
                int peer = ((io.jcondis.uni.q2931.Status) m).callState().map(CallState::value).orElse(0);
                if (peer == CallState.NULL) {
                    return;
                }
                sendUnattached(ReleaseComplete.of(reply, cause(CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE)));
            }
            default -> sendUnattached(ReleaseComplete.of(reply, cause(CauseValue.INVALID_CALL_REFERENCE)));
        }
        events.add(new UniEvent.ProtocolError(Optional.empty(), m.messageTypeCode(),
                CauseValue.INVALID_CALL_REFERENCE, "no call with reference " + m.callReference()));
    }

    private void onSetup(Setup s) {
        CallReference reply = s.callReference().reply();
        IeCheck.Verdict v = IeCheck.check(s);
        switch (v.kind()) {
            case MISSING, CONTENT, CLEAR -> {
                stats.countMalformed();
                sendUnattached(ReleaseComplete.of(reply, cause(v.cause())));
                events.add(new UniEvent.ProtocolError(Optional.empty(), s.messageTypeCode(), v.cause(),
                        "SETUP refused, element 0x" + Integer.toHexString(v.identifier())));
                return;
            }
            case DISCARD, DISCARD_REPORT -> {
                stats.countMalformed();
                if (v.kind() == IeCheck.Kind.DISCARD_REPORT) {
                    sendUnattached(io.jcondis.uni.q2931.Status.of(reply, new CallState(CallState.NULL),
                            cause(v.cause())));
                }
                return;
            }
            default -> {
            }
        }
        boolean p2mp = s.endpointReference().isPresent();
        Call c = newCall(false, s.callReference().value(), p2mp, s.trafficDescriptor().orElseThrow());
        c.setup = s;
        c.transition(UniCallState.U6_CALL_PRESENT);
        if (p2mp) {
            c.newParty(s.endpointReference().get().value()).transition(PartyState.ADD_PARTY_RECEIVED);
        }
        received(c, s);
        if (v.kind() == IeCheck.Kind.REPORT) {
            sendStatus(c, v.cause(), s);
        }
    }

    /** Q.2931 5.6.5 with the message action indicator of 5.7.1. */
    private void onUnknownType(Call c, UnknownMessage u) {
        stats.countUnexpected();
        events.add(new UniEvent.ProtocolError(Optional.of(c.id), u.messageTypeCode(),
                CauseValue.MESSAGE_TYPE_NOT_IMPLEMENTED, "unknown message type"));
        MessageInstruction ins = u.instruction();
        int action = ins.followExplicitInstructions() ? ins.actionIndicator()
                : MessageInstruction.ACTION_DISCARD_AND_REPORT_STATUS;
        if (action == MessageInstruction.ACTION_CLEAR_CALL && !c.state.clearing()) {
            beginRelease(c, cause(CauseValue.MESSAGE_TYPE_NOT_IMPLEMENTED), ClearReason.PROTOCOL_ERROR);
        } else if (action != MessageInstruction.ACTION_DISCARD_AND_IGNORE) {
            sendStatus(c, CauseValue.MESSAGE_TYPE_NOT_IMPLEMENTED, u);
        }
    }

    private void onCallMessage(Call c, Q2931Message m) {
        IeCheck.Verdict v = IeCheck.check(m);
        switch (m.type()) {
            case RELEASE -> {
                onRelease(c, m, v);
                return;
            }
            case RELEASE_COMPLETE -> {
                received(c, m);
                onReleaseComplete(c, m);
                return;
            }
            case STATUS -> {
                if (v.kind().ordinal() > IeCheck.Kind.REPORT.ordinal()) {
                    // Never answer a STATUS with a STATUS: two entities could bounce them forever.
                    stats.countMalformed();
                    events.add(new UniEvent.ProtocolError(Optional.of(c.id), m.messageTypeCode(), v.cause(),
                            "STATUS ignored"));
                    return;
                }
                onStatus(c, (io.jcondis.uni.q2931.Status) m);
                return;
            }
            default -> {
            }
        }
        switch (v.kind()) {
            case MISSING, CONTENT, DISCARD_REPORT -> {
                stats.countMalformed();
                events.add(new UniEvent.ProtocolError(Optional.of(c.id), m.messageTypeCode(), v.cause(),
                        "element 0x" + Integer.toHexString(v.identifier())));
                sendStatus(c, v.cause(), m);
                return;
            }
            case DISCARD -> {
                stats.countMalformed();
                return;
            }
            case CLEAR -> {
                stats.countMalformed();
                events.add(new UniEvent.ProtocolError(Optional.of(c.id), m.messageTypeCode(), v.cause(),
                        "element 0x" + Integer.toHexString(v.identifier()) + " asks to clear the call"));
                if (!c.state.clearing()) {
                    beginRelease(c, cause(v.cause()), ClearReason.PROTOCOL_ERROR);
                }
                return;
            }
            default -> {
            }
        }
        boolean accepted = switch (m.type()) {
            case SETUP -> duplicateSetup(c);
            case CALL_PROCEEDING -> onCallProceeding(c, m);
            case ALERTING -> onAlerting(c, m);
            case CONNECT -> onConnect(c, m);
            case CONNECT_ACKNOWLEDGE -> onConnectAcknowledge(c, m);
            case STATUS_ENQUIRY -> onStatusEnquiry(c, m);
            case ADD_PARTY -> onAddParty(c, (AddParty) m);
            case ADD_PARTY_ACKNOWLEDGE, ADD_PARTY_REJECT -> onAddPartyAnswer(c, m);
            case DROP_PARTY -> onDropParty(c, (DropParty) m);
            case DROP_PARTY_ACKNOWLEDGE -> onDropPartyAcknowledge(c, m);
            case MODIFY_REQUEST -> onModifyRequest(c, (ModifyRequest) m);
            case MODIFY_ACKNOWLEDGE, MODIFY_REJECT -> onModifyAnswer(c, m);
            case RELEASE, RELEASE_COMPLETE, STATUS, UNKNOWN -> true;
        };
        if (!accepted) {
            stats.countUnexpected();
            events.add(new UniEvent.ProtocolError(Optional.of(c.id), m.messageTypeCode(),
                    CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE, m.type() + " in " + c.state));
            sendStatus(c, CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE, m);
        } else if (v.kind() == IeCheck.Kind.REPORT && byHandle.containsKey(c.id.value())) {
            sendStatus(c, v.cause(), m);
        }
    }

    private boolean duplicateSetup(Call c) {
        // A SETUP retransmitted on T303 that crossed our answer: the call exists already, nothing to do.
        stats.countUnexpected();
        return true;
    }

    private boolean onCallProceeding(Call c, Q2931Message m) {
        if (c.state != UniCallState.U1_CALL_INITIATED) {
            return false;
        }
        c.t303.stop();
        c.transition(UniCallState.U3_OUTGOING_CALL_PROCEEDING);
        c.t310.start();
        received(c, m);
        return true;
    }

    private boolean onAlerting(Call c, Q2931Message m) {
        if (c.state != UniCallState.U1_CALL_INITIATED && c.state != UniCallState.U3_OUTGOING_CALL_PROCEEDING) {
            return false;
        }
        c.t303.stop();
        c.t310.stop();
        c.transition(UniCallState.U4_CALL_DELIVERED);
        Party first = c.parties.get(FIRST_PARTY);
        if (first != null && first.state == PartyState.ADD_PARTY_INITIATED) {
            first.transition(PartyState.PARTY_ALERTING_DELIVERED);
        }
        received(c, m);
        return true;
    }

    private boolean onConnect(Call c, Q2931Message m) {
        if (c.state != UniCallState.U1_CALL_INITIATED && c.state != UniCallState.U3_OUTGOING_CALL_PROCEEDING
                && c.state != UniCallState.U4_CALL_DELIVERED) {
            return false;
        }
        c.t303.stop();
        c.t310.stop();
        c.transition(UniCallState.U10_ACTIVE);
        activateFirstParty(c);
        if (holdConnectAck) {
            c.connectAckHeld = true;
        } else {
            send(ConnectAcknowledge.of(c.out()));
        }
        received(c, m);
        events.add(new UniEvent.CallActive(c.id));
        return true;
    }

    private boolean onConnectAcknowledge(Call c, Q2931Message m) {
        if (c.state != UniCallState.U8_CONNECT_REQUEST) {
            return false;
        }
        c.t313.stop();
        c.transition(UniCallState.U10_ACTIVE);
        activateFirstParty(c);
        received(c, m);
        events.add(new UniEvent.CallActive(c.id));
        return true;
    }

    private boolean onStatusEnquiry(Call c, Q2931Message m) {
        received(c, m);
        sendStatus(c, CauseValue.RESPONSE_TO_STATUS_ENQUIRY, m);
        return true;
    }

    private void onRelease(Call c, Q2931Message m, IeCheck.Verdict v) {
        received(c, m);
        Cause peerCause = m.first(Cause.class).orElse(cause(CauseValue.NORMAL_UNSPECIFIED));
        Optional<UserUserInformation> peerUserUser = m.first(UserUserInformation.class);
        if (c.state == UniCallState.U11_RELEASE_REQUEST) {
            // Clear collision (Q.2931 5.4.5): both sent RELEASE; each takes the other's as the answer.
            finish(c, peerCause, ClearReason.PEER, peerUserUser);
            return;
        }
        c.stopTimers();
        c.transition(UniCallState.U12_RELEASE_INDICATION);
        boolean bad = v.kind() == IeCheck.Kind.MISSING || v.kind() == IeCheck.Kind.CONTENT;
        if (bad) {
            stats.countMalformed();
            send(ReleaseComplete.of(c.out(), cause(v.cause())));
        } else {
            send(ReleaseComplete.of(c.out()));
        }
        finish(c, peerCause, ClearReason.PEER, peerUserUser);
    }

    private void onReleaseComplete(Call c, Q2931Message m) {
        Cause peerCause = m.first(Cause.class).orElse(cause(CauseValue.NORMAL_UNSPECIFIED));
        if (c.state == UniCallState.U11_RELEASE_REQUEST) {
            finish(c, c.clearCause, c.clearReason);
        } else {
            finish(c, peerCause, ClearReason.PEER, m.first(UserUserInformation.class));
        }
    }

    /** Q.2931 5.6.12 and Q.2971 party status. */
    private void onStatus(Call c, io.jcondis.uni.q2931.Status s) {
        received(c, s);
        c.t322.stop();
        int peerCode = s.callState().orElseThrow().value();
        Cause peerCause = s.cause().orElseThrow();
        if (peerCode == CallState.NULL) {
            finish(c, peerCause, ClearReason.PEER);
            return;
        }
        if (!compatible(c.state, UniCallState.fromCode(peerCode))) {
            if (!c.state.clearing()) {
                stats.countUnexpected();
                events.add(new UniEvent.ProtocolError(Optional.of(c.id), s.messageTypeCode(),
                        CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE, "peer in state " + peerCode + ", we in "
                        + c.state));
                beginRelease(c, cause(CauseValue.MESSAGE_NOT_COMPATIBLE_WITH_CALL_STATE), ClearReason.PROTOCOL_ERROR);
            }
            return;
        }
        Optional<EndpointReference> ep = s.endpointReference();
        Optional<EndpointState> es = s.endpointState();
        if (ep.isPresent() && es.isPresent() && es.get().partyState() == EndpointState.NULL) {
            Party p = c.parties.get(ep.get().value());
            if (p != null) {
                partyGone(c, p, peerCause, ClearReason.PEER);
            }
        }
    }

    /**
     * Whether the peer's call state can coexist with ours, given that messages may be in flight (Q.2931 5.6.12
     * leaves the judgement to the implementation). Clearing states are compatible with anything.
     */
    static boolean compatible(UniCallState mine, UniCallState peer) {
        if (peer == null) {
            return false;
        }
        if (mine.clearing() || peer.clearing()) {
            return true;
        }
        int p = peer.code();
        return switch (mine) {
            case U1_CALL_INITIATED -> p == 6 || p == 7 || p == 8 || p == 9 || p == 10;
            case U3_OUTGOING_CALL_PROCEEDING -> p == 7 || p == 8 || p == 9 || p == 10;
            case U4_CALL_DELIVERED -> p == 7 || p == 8 || p == 10;
            case U6_CALL_PRESENT -> p == 1;
            case U9_INCOMING_CALL_PROCEEDING -> p == 1 || p == 3;
            case U7_CALL_RECEIVED -> p == 1 || p == 3 || p == 4;
            case U8_CONNECT_REQUEST -> p == 1 || p == 3 || p == 4 || p == 10;
            case U10_ACTIVE -> p == 8 || p == 10;
            case U0_NULL, U11_RELEASE_REQUEST, U12_RELEASE_INDICATION -> true;
        };
    }

    private boolean onAddParty(Call c, AddParty m) {
        if (c.state != UniCallState.U10_ACTIVE || !c.pointToMultipoint || c.originator) {
            return false;
        }
        int ep = m.endpointReference().orElseThrow().value();
        if (c.parties.containsKey(ep)) {
            stats.countUnexpected();
            return true;
        }
        c.newParty(ep).transition(PartyState.ADD_PARTY_RECEIVED);
        received(c, m);
        return true;
    }

    private boolean onAddPartyAnswer(Call c, Q2931Message m) {
        int ep = m.first(EndpointReference.class).orElseThrow().value();
        Party p = c.parties.get(ep);
        if (p == null) {
            invalidEndpoint(c, m);
            return true;
        }
        if (c.state != UniCallState.U10_ACTIVE || !(p.state == PartyState.ADD_PARTY_INITIATED
                || p.state == PartyState.PARTY_ALERTING_DELIVERED)) {
            return false;
        }
        p.t399.stop();
        received(c, m);
        if (m instanceof AddPartyReject r) {
            partyGone(c, p, r.first(Cause.class).orElseThrow(), ClearReason.PEER);
        } else {
            p.transition(PartyState.ACTIVE);
            events.add(new UniEvent.PartyActive(c.id, ep));
        }
        return true;
    }

    private boolean onDropParty(Call c, DropParty m) {
        int ep = m.endpointReference().orElseThrow().value();
        Party p = c.parties.get(ep);
        Cause peerCause = m.cause().orElseThrow();
        if (p == null) {
            stats.countUnexpected();
            send(DropPartyAcknowledge.of(c.out(), endpoint(c, ep), cause(CauseValue.INVALID_ENDPOINT_REFERENCE)));
            return true;
        }
        received(c, m);
        Optional<UserUserInformation> peerUserUser = m.first(UserUserInformation.class);
        if (p.state == PartyState.DROP_PARTY_INITIATED) {
            // Drop collision: both sent DROP PARTY; each takes the other's as the answer.
            partyGone(c, p, peerCause, ClearReason.PEER, peerUserUser);
            return true;
        }
        p.stopTimers();
        p.transition(PartyState.DROP_PARTY_RECEIVED);
        send(DropPartyAcknowledge.of(c.out(), endpoint(c, ep)));
        partyGone(c, p, peerCause, ClearReason.PEER, peerUserUser);
        return true;
    }

    private boolean onDropPartyAcknowledge(Call c, Q2931Message m) {
        int ep = m.first(EndpointReference.class).orElseThrow().value();
        Party p = c.parties.get(ep);
        if (p == null) {
            stats.countUnexpected();
            return true;
        }
        received(c, m);
        if (p.state == PartyState.DROP_PARTY_INITIATED) {
            partyGone(c, p, p.dropCause, p.dropReason);
        } else {
            // The peer has no such party (Q.2971: DROP PARTY ACKNOWLEDGE in another state clears the party).
            partyGone(c, p, m.first(Cause.class).orElse(cause(CauseValue.NORMAL_UNSPECIFIED)), ClearReason.PEER);
        }
        return true;
    }

    private boolean onModifyRequest(Call c, ModifyRequest m) {
        if (c.state != UniCallState.U10_ACTIVE) {
            return false;
        }
        boolean fromNetworkToOwner = c.originator && config.networkModify() && config.side() == Side.USER;
        if (c.originator && !fromNetworkToOwner || c.modifyIn != null || c.modifyOut != null) {
            // Only the owner may modify, one request at a time (Q.2963.1); the jcondis extension lets the network
            // modify towards the owner (UniLinkConfig.networkModify).
            stats.countUnexpected();
            send(ModifyReject.of(c.out(), cause(CauseValue.SERVICE_NOT_AVAILABLE)));
            return true;
        }
        c.modifyIn = m.trafficDescriptor().orElseThrow();
        received(c, m);
        return true;
    }

    private boolean onModifyAnswer(Call c, Q2931Message m) {
        if (c.state != UniCallState.U10_ACTIVE || c.modifyOut == null) {
            return false;
        }
        c.t360.stop();
        received(c, m);
        if (m instanceof ModifyReject r) {
            c.modifyOut = null;
            events.add(new UniEvent.ModifyCompleted(c.id, false, c.trafficDescriptor, r.cause()));
        } else {
            c.trafficDescriptor = c.modifyOut;
            c.modifyOut = null;
            events.add(new UniEvent.ModifyCompleted(c.id, true, c.trafficDescriptor, Optional.empty()));
        }
        return true;
    }

    private void invalidEndpoint(Call c, Q2931Message m) {
        stats.countUnexpected();
        events.add(new UniEvent.ProtocolError(Optional.of(c.id), m.messageTypeCode(),
                CauseValue.INVALID_ENDPOINT_REFERENCE, m.type() + " for an unknown party"));
        sendStatus(c, CauseValue.INVALID_ENDPOINT_REFERENCE, m);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Timer expiries

    private void onT303(Call c) {
        int n = ++c.t303Expiries;
        events.add(new UniEvent.TimerExpired(c.id, UniTimer.T303, n, NO_PARTY));
        if (n < 2) {
            send(c.setup);
            c.t303.start();
        } else {
            send(ReleaseComplete.of(c.out(), cause(CauseValue.RECOVERY_ON_TIMER_EXPIRY)));
            finish(c, cause(CauseValue.RECOVERY_ON_TIMER_EXPIRY), ClearReason.TIMER);
        }
    }

    private void onT308(Call c) {
        int n = ++c.t308Expiries;
        events.add(new UniEvent.TimerExpired(c.id, UniTimer.T308, n, NO_PARTY));
        if (n < 2) {
            send(Release.of(c.out(), elements(c.clearCause, c.clearUserUser)));
            c.t308.start();
        } else {
            finish(c, cause(CauseValue.RECOVERY_ON_TIMER_EXPIRY), ClearReason.TIMER);
        }
    }

    private void onT309(Call c) {
        events.add(new UniEvent.TimerExpired(c.id, UniTimer.T309, 1, NO_PARTY));
        finish(c, cause(CauseValue.DESTINATION_OUT_OF_ORDER), ClearReason.LINK_FAILURE);
    }

    private void onClearingTimer(Call c, UniTimer timer) {
        events.add(new UniEvent.TimerExpired(c.id, timer, 1, NO_PARTY));
        if (timer == UniTimer.T360) {
            c.modifyOut = null;
            events.add(new UniEvent.ModifyCompleted(c.id, false, c.trafficDescriptor,
                    Optional.of(cause(CauseValue.RECOVERY_ON_TIMER_EXPIRY))));
        }
        beginRelease(c, cause(CauseValue.RECOVERY_ON_TIMER_EXPIRY), ClearReason.TIMER);
    }

    private void onT322(Call c) {
        int n = ++c.t322Expiries;
        events.add(new UniEvent.TimerExpired(c.id, UniTimer.T322, n, NO_PARTY));
        if (n < 2) {
            send(StatusEnquiry.of(c.out()));
            c.t322.start();
        } else {
            beginRelease(c, cause(CauseValue.TEMPORARY_FAILURE), ClearReason.TIMER);
        }
    }

    private void onT398(Call c, Party p) {
        events.add(new UniEvent.TimerExpired(c.id, UniTimer.T398, 1, p.endpoint));
        partyGone(c, p, cause(CauseValue.RECOVERY_ON_TIMER_EXPIRY), ClearReason.TIMER);
    }

    private void onT399(Call c, Party p) {
        events.add(new UniEvent.TimerExpired(c.id, UniTimer.T399, 1, p.endpoint));
        dropPartyInternal(c, p, cause(CauseValue.RECOVERY_ON_TIMER_EXPIRY), ClearReason.TIMER);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Procedures

    private void enquire(Call c) {
        c.t322Expiries = 0;
        send(StatusEnquiry.of(c.out()));
        c.t322.start();
    }

    private void beginRelease(Call c, Cause cause, ClearReason reason) {
        beginRelease(c, cause, reason, Optional.empty());
    }

    private void beginRelease(Call c, Cause cause, ClearReason reason, Optional<UserUserInformation> userUser) {
        c.stopTimers();
        // The parties go with the call (Q.2971): an ADD PARTY or DROP PARTY still waiting for its answer no longer
        // needs one, and its T399/T398 must not act on a call that is being released.
        for (Party p : c.parties.values()) {
            p.stopTimers();
        }
        c.clearCause = cause;
        c.clearReason = reason;
        c.clearUserUser = userUser;
        c.t308Expiries = 0;
        c.transition(UniCallState.U11_RELEASE_REQUEST);
        send(Release.of(c.out(), elements(cause, userUser)));
        c.t308.start();
    }

    private void dropPartyInternal(Call c, Party p, Cause cause, ClearReason reason) {
        dropPartyInternal(c, p, cause, reason, Optional.empty());
    }

    private void dropPartyInternal(Call c, Party p, Cause cause, ClearReason reason,
                                   Optional<UserUserInformation> userUser) {
        boolean last = true;
        for (Party other : c.parties.values()) {
            if (other != p && other.state != PartyState.DROP_PARTY_INITIATED
                    && other.state != PartyState.DROP_PARTY_RECEIVED) {
                last = false;
                break;
            }
        }
        if (last) {
            beginRelease(c, cause, reason, userUser);
            return;
        }
        p.stopTimers();
        p.dropCause = cause;
        p.dropReason = reason;
        p.transition(PartyState.DROP_PARTY_INITIATED);
        send(userUser.isPresent() ? DropParty.of(c.out(), cause, endpoint(c, p.endpoint), userUser.get())
                : DropParty.of(c.out(), cause, endpoint(c, p.endpoint)));
        p.t398.start();
    }

    private void partyGone(Call c, Party p, Cause cause, ClearReason reason) {
        partyGone(c, p, cause, reason, Optional.empty());
    }

    private void partyGone(Call c, Party p, Cause cause, ClearReason reason,
                           Optional<UserUserInformation> peerUserUser) {
        p.stopTimers();
        p.transition(PartyState.NULL);
        c.parties.remove(p.endpoint);
        events.add(new UniEvent.PartyCleared(c.id, p.endpoint, cause, reason, peerUserUser));
        if (c.parties.isEmpty() && c.state == UniCallState.U10_ACTIVE) {
            // Q.2971: the call ends with its last party.
            beginRelease(c, new Cause(location.code(), cause.value(), Octets.EMPTY, IeInstruction.DEFAULT), reason);
        }
    }

    private void activateFirstParty(Call c) {
        Party first = c.parties.get(FIRST_PARTY);
        if (first != null && first.state != PartyState.ACTIVE) {
            first.transition(PartyState.ACTIVE);
        }
    }

    private void finish(Call c, Cause cause, ClearReason reason) {
        finish(c, cause, reason, Optional.empty());
    }

    private void finish(Call c, Cause cause, ClearReason reason, Optional<UserUserInformation> peerUserUser) {
        c.stopTimers();
        for (Party p : c.parties.values()) {
            p.stopTimers();
            p.state = PartyState.NULL;
        }
        c.parties.clear();
        c.transition(UniCallState.U0_NULL);
        byHandle.remove(c.id.value());
        byReference.remove(key(c.originator, c.reference));
        events.add(new UniEvent.CallCleared(c.id, cause, reason, peerUserUser));
    }

    private Party receivedParty(Call c, int ep) {
        Party p = c.parties.get(ep);
        if (c.state != UniCallState.U10_ACTIVE || p == null || !(p.state == PartyState.ADD_PARTY_RECEIVED
                || p.state == PartyState.PARTY_ALERTING_RECEIVED)) {
            return null;
        }
        return p;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sending

    private void send(Q2931Message m) {
        transmit(Q2931Codec.encode(m), m.type());
    }

    private void sendUnattached(Q2931Message m) {
        send(m);
    }

    private void transmit(byte[] encoded, MessageType type) {
        stats.countSent(type);
        switch (linkState) {
            case UP -> transmit(encoded);
            case ESTABLISHING -> pending.add(encoded);
            case DOWN -> stats.countDropped();
        }
    }

    private void transmit(byte[] encoded) {
        Status s = saal.send(encoded);
        if (!s.isSuccess()) {
            stats.countDropped();
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": SSCOP refused a message: " + s);
        }
    }

    private void sendStatus(Call c, CauseValue cause, Q2931Message about) {
        List<InformationElement> ies = new ArrayList<>();
        ies.add(new CallState(c.state.code()));
        ies.add(cause(cause));
        Optional<EndpointReference> ep = about.first(EndpointReference.class);
        if (ep.isPresent()) {
            Party p = c.parties.get(ep.get().value());
            ies.add(endpoint(c, ep.get().value()));
            ies.add(new EndpointState(p == null ? EndpointState.NULL : p.state.code()));
        }
        send(new io.jcondis.uni.q2931.Status(c.out(), MessageInstruction.DEFAULT, ies));
    }

    private List<InformationElement> firstPartyElements(Call c) {
        return c.pointToMultipoint ? List.of(endpoint(c, FIRST_PARTY)) : List.of();
    }

    /** The endpoint reference as this side sends it: flag 0 from the root, which allocated it. */
    private static EndpointReference endpoint(Call c, int value) {
        return new EndpointReference(!c.originator, value);
    }

    private Cause cause(CauseValue v) {
        return Cause.of(location, v);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Bookkeeping

    private <T> T deliver(T result) {
        flush();
        return result;
    }

    private Status notAccepted(Call c) {
        return Status.NOT_ACCEPTED.withDescription("call in " + c.state);
    }

    private void received(Call c, Q2931Message m) {
        events.add(new UniEvent.MessageReceived(c.id, m));
    }

    private void flush() {
        if (dispatching) {
            return;
        }
        dispatching = true;
        try {
            UniEvent e;
            while ((e = events.poll()) != null) {
                listener.onEvent(e);
            }
        } finally {
            dispatching = false;
        }
    }

    private Call lookup(UniCallId id) {
        Objects.requireNonNull(id, "call");
        return byHandle.get(id.value());
    }

    private static long key(boolean originator, int reference) {
        return (originator ? 1L << 32 : 0L) | reference;
    }

    private int allocateCallReference() {
        int range = CallReference.DUMMY_VALUE - 1;
        for (int i = 0; i < range; i++) {
            int v = nextCallReference;
            nextCallReference = v >= range ? 1 : v + 1;
            if (!byReference.containsKey(key(true, v))) {
                return v;
            }
        }
        return -1;
    }

    private Call newCall(boolean originator, int reference, boolean p2mp, AtmTrafficDescriptor td) {
        Call c = new Call(new UniCallId(nextHandle++), originator, reference, p2mp, td);
        byHandle.put(c.id.value(), c);
        byReference.put(key(originator, reference), c);
        return c;
    }

    /** One call. Fields are written only by the link's thread. */
    private final class Call {
        final UniCallId id;
        final boolean originator;
        final int reference;
        final boolean pointToMultipoint;
        final Map<Integer, Party> parties = new TreeMap<>();
        final TimerSlot t303 = new TimerSlot(UniTimer.T303, () -> onT303(this));
        final TimerSlot t308 = new TimerSlot(UniTimer.T308, () -> onT308(this));
        final TimerSlot t309 = new TimerSlot(UniTimer.T309, () -> onT309(this));
        final TimerSlot t310 = new TimerSlot(UniTimer.T310, () -> onClearingTimer(this, UniTimer.T310));
        final TimerSlot t313 = new TimerSlot(UniTimer.T313, () -> onClearingTimer(this, UniTimer.T313));
        final TimerSlot t322 = new TimerSlot(UniTimer.T322, () -> onT322(this));
        final TimerSlot t360 = new TimerSlot(UniTimer.T360, () -> onClearingTimer(this, UniTimer.T360));
        UniCallState state = UniCallState.U0_NULL;
        Setup setup;
        AtmTrafficDescriptor trafficDescriptor;
        /** Traffic descriptor this side asked for and the peer has not answered yet. */
        AtmTrafficDescriptor modifyOut;
        /** Traffic descriptor the peer asked for and this side's user has not answered yet. */
        AtmTrafficDescriptor modifyIn;
        Cause clearCause;
        ClearReason clearReason;
        /** User-user information of this side's RELEASE, repeated with it on T308. */
        Optional<UserUserInformation> clearUserUser = Optional.empty();
        int nextEndpoint = FIRST_PARTY + 1;
        int t303Expiries;
        int t308Expiries;
        int t322Expiries;
        /** CONNECT received, its CONNECT ACKNOWLEDGE held for {@link #acknowledgeConnect}. */
        boolean connectAckHeld;

        Call(UniCallId id, boolean originator, int reference, boolean p2mp, AtmTrafficDescriptor td) {
            this.id = id;
            this.originator = originator;
            this.reference = reference;
            this.pointToMultipoint = p2mp;
            this.trafficDescriptor = td;
        }

        /** The call reference this side sends: flag 0 from the originator (Q.2931 4.3). */
        CallReference out() {
            return new CallReference(!originator, reference);
        }

        void transition(UniCallState next) {
            if (!state.canMoveTo(next)) {
                throw new IllegalStateException(name + ": call " + id.value() + " cannot move " + state + " -> "
                        + next);
            }
            LOG.log(System.Logger.Level.TRACE, () -> name + ": call " + id.value() + " " + state + " -> " + next);
            state = next;
        }

        Party newParty(int ep) {
            Party p = new Party(this, ep);
            parties.put(ep, p);
            return p;
        }

        void stopTimers() {
            for (TimerSlot t : List.of(t303, t308, t309, t310, t313, t322, t360)) {
                t.stop();
            }
        }
    }

    /** One party of a point-to-multipoint call. */
    private final class Party {
        final int endpoint;
        final TimerSlot t398;
        final TimerSlot t399;
        PartyState state = PartyState.NULL;
        Cause dropCause;
        ClearReason dropReason;

        Party(Call call, int endpoint) {
            this.endpoint = endpoint;
            this.t398 = new TimerSlot(UniTimer.T398, () -> onT398(call, this));
            this.t399 = new TimerSlot(UniTimer.T399, () -> onT399(call, this));
        }

        void transition(PartyState next) {
            if (!state.canMoveTo(next)) {
                throw new IllegalStateException(name + ": party " + endpoint + " cannot move " + state + " -> "
                        + next);
            }
            state = next;
        }

        void stopTimers() {
            t398.stop();
            t399.stop();
        }
    }

    /**
     * One restartable timer. Each start has its own generation, so an expiry that raced with a stop or restart is
     * recognised and ignored even if {@link Timers.Cancellable#cancel()} could not cancel it.
     */
    private final class TimerSlot {
        private final UniTimer timer;
        private final Runnable onExpiry;
        private Timers.Cancellable handle;
        private int generation;
        private boolean running;

        TimerSlot(UniTimer timer, Runnable onExpiry) {
            this.timer = timer;
            this.onExpiry = onExpiry;
        }

        void start() {
            start(config.nanos(timer));
        }

        void start(long delayNs) {
            stop();
            running = true;
            runningTimers++;
            int gen = ++generation;
            handle = timers.schedule(delayNs, () -> expire(gen));
        }

        private void expire(int gen) {
            if (!running || gen != generation) {
                return;
            }
            running = false;
            runningTimers--;
            handle = null;
            if (timer != null) {
                stats.countExpiry(timer);
            }
            onExpiry.run();
            flush();
        }

        boolean running() {
            return running;
        }

        void stop() {
            if (running) {
                running = false;
                runningTimers--;
                generation++;
                handle.cancel();
                handle = null;
            }
        }
    }

    @Override
    public String toString() {
        return "UniLink[" + name + ", " + linkState + ", " + byHandle.size() + " calls]";
    }
}

package io.jcondis.uni.sscop;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.DecodeResult;
import io.jcondis.uni.codec.Octets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SSCOP entity (ITU-T Q.2110): the peer of one signalling association, with its state machine, assured data
 * transfer and connection maintenance. Transport- and time-agnostic: datagrams come in through
 * {@link #receive}, requests from the user through the methods named after the AA-signals, timer expiries through
 * the injected {@link Timers}; everything that goes out goes through {@link SscopOutput}.
 *
 * <h2>State machine (Q.2110 clauses 7.3 and 8)</h2>
 * The ten states of {@link SscopState} (diagram there). Connection control PDUs (BGN, END, RS, ER) are sent
 * with Timer_CC and retransmitted up to MaxCC times; a retransmission carries the same N(SQ), so the peer
 * recognises it and answers it again instead of starting over (Q.2110 clause 7.5, VT(SQ)/VR(SQ)).
 *
 * <h2>Assured data (Q.2110 clauses 7.4 and 7.8)</h2>
 * <pre>
 *  transmitter                                          receiver
 *  transmission queue -&gt; SD(N(S)=VT(S)) ----------------&gt;  VR(R) next in sequence, VR(H) next highest expected,
 *  transmission buffer: VT(A) .. VT(S)-1 (unacked)         receive buffer: out-of-sequence SDs in VR(R)..VR(MR)-1
 *  retransmission queue (sent first)                      SD N(S) = VR(R): deliver, then every buffered successor
 *  POLL(N(PS)=++VT(PS), N(S)=VT(S)) ------------------&gt;  SD N(S) &gt; VR(H): buffer, USTAT(VR(H), N(S))
 *         &lt;------------------ STAT(N(PS), N(MR)=VR(MR), N(R)=VR(R), gap list VR(R)..VR(H))
 *  STAT: release VT(A)..N(R)-1 and selectively acked SDs; VT(A) := N(R), VT(PA) := N(PS), VT(MS) := N(MR);
 *        retransmit each gap SD last sent before that POLL
 *  credit: an SD is sent only while VT(S) &lt; VT(MS); VR(MR) = VR(R) + receive window
 * </pre>
 * Sequence numbers are 24-bit and compared relative to VT(A), VT(PA) or VR(R) as Q.2110 clause 7.4 prescribes.
 * POLLs are sent on Timer_POLL, after every MaxPD SDs, and (an implementation choice) when the credit runs out
 * with SDs sent since the last POLL, so that the STAT reopens the window without waiting for Timer_POLL.
 *
 * <h2>Connection maintenance (Q.2110 clause 7.6)</h2>
 * In Data Transfer Ready exactly one of Timer_POLL (active phase: SDs outstanding), Timer_KEEP-ALIVE (transient
 * phase: POLLs though nothing is outstanding) and Timer_IDLE (idle phase) runs; Timer_NO-RESPONSE runs in the
 * active and transient phases and is restarted by every valid STAT. Active to transient when Timer_POLL expires
 * with nothing outstanding; transient to idle when the STAT answering the latest POLL arrives; idle to transient
 * when Timer_IDLE expires (a POLL is sent and Timer_NO-RESPONSE started); any phase to active when an SD is sent.
 * Timer_NO-RESPONSE expiring reports MAA-ERROR P, sends END and releases (AA-RELEASE.indication, source SSCOP).
 *
 * <h2>SSCOP over UDP (Q.2111 environment)</h2>
 * Q.2110 assumes an ATM connection that never reorders; UDP drops, duplicates and reorders. Wherever Q.2110 would
 * treat reordering or duplication as a protocol error (and start recovery, which discards data), this entity
 * drops the overtaken PDU and counts it instead ({@link SscopStatistics#stalePdus()},
 * {@link SscopStatistics#duplicateSds()}):
 * <ul>
 *   <li>an SD already delivered or already buffered is a duplicate, not MAA-ERROR Q;</li>
 *   <li>a POLL whose N(S) is below VR(H) was overtaken by later SDs: it is answered, VR(H) is kept;</li>
 *   <li>a STAT whose N(PS) is below VT(PA) answers an older POLL than one already answered: ignored; an N(R) or
 *       list element below VT(A) is clipped to VT(A); only values beyond what was ever sent (N(PS) above
 *       VT(PS), N(R) or an element above VT(S)) are errors (R, S, T) that start recovery;</li>
 *   <li>a USTAT never lowers VT(MS) (a STAT, ordered by N(PS), may);</li>
 *   <li>a data-transfer PDU (SD, POLL, STAT, USTAT) arriving in a state other than Idle and Data Transfer Ready
 *       is dropped and counted (Q.2110 releases the connection for some of them); in Idle it is answered with
 *       END as Q.2110 says.</li>
 * </ul>
 * Limitation: numbering restarts at 0 after resynchronisation and recovery; an SD of the previous numbering
 * delayed past the RS/RSAK or ER/ERAK handshake would be taken for new data. Transmission buffers are cleared on
 * release, resynchronisation and recovery (Q.2110 "Clear-buffers = yes"); the user learns of it by the
 * corresponding indication.
 *
 * <h2>Threading and re-entrancy</h2>
 * Not thread-safe: every method, and every task given to {@link Timers}, must run on one thread (or be otherwise
 * serialized). Signals caused by one input are queued and given to {@link SscopOutput#signal} in order once the
 * input has been processed, so the user always sees a consistent entity. The user may call requests from inside
 * {@code signal}: they take effect at once; signals they cause follow the ones already queued.
 *
 * <h2>Requests</h2>
 * Each returns {@link Status#SUCCESS} when accepted, or {@link Status#NOT_ACCEPTED} (with the state in the
 * description) when Q.2110 does not allow it in the current state; a refused request changes nothing.
 */
public final class Sscop {
    private static final System.Logger LOG = System.getLogger(Sscop.class.getName());
    private static final int HALF = SeqNum.MODULUS / 2;

    private final String name;
    private final SscopConfig config;
    private final Timers timers;
    private final SscopOutput out;

    private SscopState state = SscopState.IDLE;

    // Transmitter state variables (Q.2110 clause 7.4).
    private int vtS;
    private int vtPS;
    private int vtA;
    private int vtPA = 1;
    private int vtMS;
    private int vtPD;
    private int vtCC;
    private int vtSQ;
    // Receiver state variables. VR(SQ) -1: no N(SQ) seen yet, so the first BGN after start-up is never taken for a
    // retransmission.
    private int vrR;
    private int vrH;
    private int vrMR;
    private int vrSQ = -1;
    private boolean creditLacking;
    private int initialSequence;

    private final ArrayDeque<Octets> transmitQueue = new ArrayDeque<>();
    private final Map<Integer, TxEntry> transmitBuffer = new HashMap<>();
    private final ArrayDeque<Integer> retransmitQueue = new ArrayDeque<>();
    private final Map<Integer, Octets> receiveBuffer = new HashMap<>();
    /** The BGN, END, RS or ER that Timer_CC retransmits. */
    private SscopPdu ccPdu;

    private final Timer timerCc = new Timer(this::onTimerCc);
    private final Timer timerPoll = new Timer(this::onTimerPoll);
    private final Timer timerKeepAlive = new Timer(this::onTimerKeepAlive);
    private final Timer timerIdle = new Timer(this::onTimerIdle);
    private final Timer timerNoResponse = new Timer(this::onTimerNoResponse);

    private final ArrayDeque<AaSignal> pendingSignals = new ArrayDeque<>();
    private int depth;

    private long datagramsReceived;
    private long malformedDatagrams;
    private long pdusSent;
    private long sdsSent;
    private long sdsRetransmitted;
    private long sdsDelivered;
    private long duplicateSds;
    private long sdsBeyondCredit;
    private long stalePdus;
    private long pollsSent;
    private long statsSent;
    private long ustatsSent;
    private final Map<MaaError, Long> maaErrors = new EnumMap<>(MaaError.class);

    /**
     * @param name   a name for logs (for example the association's addresses)
     * @param config protocol parameters
     * @param timers clock and timers, on the thread that runs this entity
     * @param out    where PDUs, signals and error reports go
     */
    public Sscop(String name, SscopConfig config, Timers timers, SscopOutput out) {
        this.name = Objects.requireNonNull(name, "name");
        this.config = Objects.requireNonNull(config, "config");
        this.timers = Objects.requireNonNull(timers, "timers");
        this.out = Objects.requireNonNull(out, "out");
        // Q.2110 leaves VT(SQ)'s start to the implementation. Starting from the clock makes it unlikely (1 in 256)
        // that a restarted entity repeats the N(SQ) its peer saw last, which the peer would take for a
        // retransmitted BGN of a dead connection and reject. A manual clock at 0 starts at 0, as tests expect.
        this.vtSQ = (int) (timers.nanoTime() >>> 10) & SscopPdu.MAX_NSQ;
    }

    /** @return the current state */
    public SscopState state() {
        return state;
    }

    /** @return the protocol parameters */
    public SscopConfig config() {
        return config;
    }

    /** @return a snapshot of the counters and buffer occupancy */
    public SscopStatistics statistics() {
        return new SscopStatistics(datagramsReceived, malformedDatagrams, pdusSent, sdsSent, sdsRetransmitted,
                sdsDelivered, duplicateSds, sdsBeyondCredit, stalePdus, pollsSent, statsSent, ustatsSent, maaErrors,
                transmitQueue.size(), transmitBuffer.size(), receiveBuffer.size());
    }

    // ---------------------------------------------------------------------------------------------------------
    // Requests from the user (AA-signals, Q.2110 clause 6.1)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * AA-ESTABLISH.request: sends BGN and waits for BGAK.
     *
     * <p>Allowed states: 1 Idle, 4 Outgoing Disconnection Pending. Completes with {@link AaSignal.EstablishConfirm},
     * or {@link AaSignal.ReleaseIndication} if the peer rejects it or MaxCC BGNs go unanswered.
     *
     * @param uu SSCOP-UU for the peer (may be empty)
     * @return SUCCESS, or NOT_ACCEPTED in another state
     */
    public Status establish(Octets uu) {
        Objects.requireNonNull(uu, "uu");
        enter();
        try {
            if (state != SscopState.IDLE && state != SscopState.OUTGOING_DISCONNECTION_PENDING) {
                return refused("AA-ESTABLISH.request");
            }
            stopAllTimers();
            clearBuffers();
            vtSQ = (vtSQ + 1) & SscopPdu.MAX_NSQ;
            vrMR = config.receiveWindow();
            startCc(new SscopPdu.Bgn(vtSQ, vrMR, uu));
            moveTo(SscopState.OUTGOING_CONNECTION_PENDING);
            return Status.SUCCESS;
        } finally {
            exit();
        }
    }

    /**
     * AA-ESTABLISH.response: accepts the connection the peer asked for; sends BGAK and enters Data Transfer Ready.
     *
     * <p>Allowed state: 3 Incoming Connection Pending.
     *
     * @param uu SSCOP-UU for the peer (may be empty)
     * @return SUCCESS, or NOT_ACCEPTED in another state
     */
    public Status establishResponse(Octets uu) {
        Objects.requireNonNull(uu, "uu");
        enter();
        try {
            if (state != SscopState.INCOMING_CONNECTION_PENDING) {
                return refused("AA-ESTABLISH.response");
            }
            clearBuffers();
            initStateVariables();
            send(new SscopPdu.Bgak(vrMR, uu));
            enterDataTransfer();
            return Status.SUCCESS;
        } finally {
            exit();
        }
    }

    /**
     * AA-RELEASE.request: releases the connection (END, then wait for ENDAK), or, in state 3, refuses the
     * peer's request (BGREJ, straight to Idle, no confirmation). Unacknowledged and queued data is discarded.
     *
     * <p>Allowed states: 2, 3, 5 to 10. Completes with {@link AaSignal.ReleaseConfirm} (except in state 3).
     *
     * @param uu SSCOP-UU for the peer (may be empty)
     * @return SUCCESS, or NOT_ACCEPTED in state 1 or 4
     */
    public Status release(Octets uu) {
        Objects.requireNonNull(uu, "uu");
        enter();
        try {
            switch (state) {
                case IDLE, OUTGOING_DISCONNECTION_PENDING -> {
                    return refused("AA-RELEASE.request");
                }
                case INCOMING_CONNECTION_PENDING -> {
                    send(new SscopPdu.Bgrej(uu));
                    goIdle();
                }
                default -> {
                    stopAllTimers();
                    clearBuffers();
                    startCc(new SscopPdu.End(false, uu));
                    moveTo(SscopState.OUTGOING_DISCONNECTION_PENDING);
                }
            }
            return Status.SUCCESS;
        } finally {
            exit();
        }
    }

    /**
     * AA-DATA.request: queues one SDU for assured, in-sequence transfer.
     *
     * <p>Allowed state: 10 Data Transfer Ready.
     *
     * @param data the SDU
     * @return SUCCESS; NOT_ACCEPTED in another state; RESOURCES if the transmission queue is full
     */
    public Status send(Octets data) {
        Objects.requireNonNull(data, "data");
        enter();
        try {
            if (state != SscopState.DATA_TRANSFER_READY) {
                return refused("AA-DATA.request");
            }
            if (transmitQueue.size() >= config.maxTransmitQueue()) {
                return Status.RESOURCES.withDescription("transmission queue full: " + transmitQueue.size());
            }
            transmitQueue.add(data);
            serviceTransmit();
            return Status.SUCCESS;
        } finally {
            exit();
        }
    }

    /**
     * AA-RESYNC.request: resynchronises the connection (RS, wait for RSAK): sequence numbers restart at 0 and
     * both sides' buffers are cleared.
     *
     * <p>Allowed states: 7 to 10. Completes with {@link AaSignal.ResyncConfirm}.
     *
     * @param uu SSCOP-UU for the peer (may be empty)
     * @return SUCCESS, or NOT_ACCEPTED in another state
     */
    public Status resync(Octets uu) {
        Objects.requireNonNull(uu, "uu");
        enter();
        try {
            switch (state) {
                case OUTGOING_RECOVERY_PENDING, RECOVERY_RESPONSE_PENDING, INCOMING_RECOVERY_PENDING,
                        DATA_TRANSFER_READY -> {
                    stopAllTimers();
                    clearBuffers();
                    vtSQ = (vtSQ + 1) & SscopPdu.MAX_NSQ;
                    vrMR = config.receiveWindow();
                    startCc(new SscopPdu.Rs(vtSQ, vrMR, uu));
                    moveTo(SscopState.OUTGOING_RESYNC_PENDING);
                    return Status.SUCCESS;
                }
                default -> {
                    return refused("AA-RESYNC.request");
                }
            }
        } finally {
            exit();
        }
    }

    /**
     * AA-RESYNC.response: completes a resynchronisation the peer asked for (RSAK).
     *
     * <p>Allowed state: 6 Incoming Resynchronization Pending.
     *
     * @return SUCCESS, or NOT_ACCEPTED in another state
     */
    public Status resyncResponse() {
        enter();
        try {
            if (state != SscopState.INCOMING_RESYNC_PENDING) {
                return refused("AA-RESYNC.response");
            }
            initStateVariables();
            send(new SscopPdu.Rsak(vrMR));
            enterDataTransfer();
            return Status.SUCCESS;
        } finally {
            exit();
        }
    }

    /**
     * AA-RECOVER.response: resumes data transfer after a recovery (sends ERAK in state 9).
     *
     * <p>Allowed states: 8 Recovery Response Pending, 9 Incoming Recovery Pending.
     *
     * @return SUCCESS, or NOT_ACCEPTED in another state
     */
    public Status recoverResponse() {
        enter();
        try {
            if (state == SscopState.RECOVERY_RESPONSE_PENDING) {
                initStateVariables();
                enterDataTransfer();
            } else if (state == SscopState.INCOMING_RECOVERY_PENDING) {
                initStateVariables();
                send(new SscopPdu.Erak(vrMR));
                enterDataTransfer();
            } else {
                return refused("AA-RECOVER.response");
            }
            return Status.SUCCESS;
        } finally {
            exit();
        }
    }

    /**
     * AA-UNITDATA.request: sends one SDU unassured (UD PDU), in any state.
     *
     * @param data the SDU
     * @return SUCCESS
     */
    public Status unitdata(Octets data) {
        Objects.requireNonNull(data, "data");
        enter();
        try {
            send(new SscopPdu.Ud(data));
            return Status.SUCCESS;
        } finally {
            exit();
        }
    }

    /**
     * Stops the entity locally: timers stopped, buffers cleared, state Idle; nothing is sent and no signal is
     * given. For shutting an endpoint down; a connection the peer still believes in ends by its
     * Timer_NO-RESPONSE. Idempotent.
     */
    public void close() {
        enter();
        try {
            goIdle();
            pendingSignals.clear();
        } finally {
            exit();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Input from the lower layer (CPCS-UNITDATA.signal)
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Processes one received datagram. A datagram that does not decode as an SSCOP PDU is counted
     * ({@link SscopStatistics#malformedDatagrams()}, MAA-ERROR U), logged at DEBUG and dropped, with no change of
     * state.
     *
     * @param datagram the datagram's octets (not retained)
     */
    public void receive(byte[] datagram) {
        receive(datagram, 0, datagram.length);
    }

    /**
     * Processes one received datagram held in {@code bytes[offset, offset + length)}.
     *
     * @param bytes  the buffer (not retained)
     * @param offset first octet
     * @param length octets in the datagram
     * @see #receive(byte[])
     */
    public void receive(byte[] bytes, int offset, int length) {
        enter();
        try {
            datagramsReceived++;
            DecodeResult<SscopPdu> r = SscopCodec.decode(bytes, offset, length);
            if (r instanceof DecodeResult.Malformed<SscopPdu> bad) {
                malformedDatagrams++;
                LOG.log(System.Logger.Level.DEBUG, () -> name + ": dropped malformed datagram of " + length
                        + " octets: " + bad.reason() + " at " + bad.offset());
                maa(MaaError.U);
                return;
            }
            dispatch(r.orElseThrow());
        } finally {
            exit();
        }
    }

    private void dispatch(SscopPdu pdu) {
        if (pdu instanceof SscopPdu.Sd p) {
            onSd(p);
        } else if (pdu instanceof SscopPdu.Poll p) {
            onPoll(p);
        } else if (pdu instanceof SscopPdu.Stat p) {
            onStat(p);
        } else if (pdu instanceof SscopPdu.Ustat p) {
            onUstat(p);
        } else if (pdu instanceof SscopPdu.Bgn p) {
            onBgn(p);
        } else if (pdu instanceof SscopPdu.Bgak p) {
            onBgak(p);
        } else if (pdu instanceof SscopPdu.Bgrej p) {
            onBgrej(p);
        } else if (pdu instanceof SscopPdu.End p) {
            onEnd(p);
        } else if (pdu instanceof SscopPdu.Endak) {
            onEndak();
        } else if (pdu instanceof SscopPdu.Rs p) {
            onRs(p);
        } else if (pdu instanceof SscopPdu.Rsak p) {
            onRsak(p);
        } else if (pdu instanceof SscopPdu.Er p) {
            onEr(p);
        } else if (pdu instanceof SscopPdu.Erak p) {
            onErak(p);
        } else if (pdu instanceof SscopPdu.Ud p) {
            signal(new AaSignal.UnitdataIndication(p.information()));
        } else if (pdu instanceof SscopPdu.Md) {
            // MAA-UNITDATA: no layer-management user here; counted with the received datagrams only.
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": MD PDU ignored");
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Connection control PDUs
    // ---------------------------------------------------------------------------------------------------------

    private void onBgn(SscopPdu.Bgn p) {
        boolean retransmitted = p.nSq() == vrSQ;
        switch (state) {
            case IDLE -> {
                if (retransmitted) {
                    // A copy of the BGN of a connection already gone: tell the sender it will not be accepted.
                    send(new SscopPdu.Bgrej(Octets.EMPTY));
                    return;
                }
                acceptPeerBgn(p);
                moveTo(SscopState.INCOMING_CONNECTION_PENDING);
                signal(new AaSignal.EstablishIndication(p.uu()));
            }
            case OUTGOING_CONNECTION_PENDING -> {
                if (retransmitted) {
                    return;
                }
                // Both sides asked at once: Q.2110 makes it one connection, confirmed on both sides.
                timerCc.stop();
                acceptPeerBgn(p);
                initStateVariables();
                send(new SscopPdu.Bgak(vrMR, Octets.EMPTY));
                enterDataTransfer();
                signal(new AaSignal.EstablishConfirm(p.uu()));
            }
            case INCOMING_CONNECTION_PENDING -> {
                if (!retransmitted) {
                    acceptPeerBgn(p);
                    signal(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.USER));
                    signal(new AaSignal.EstablishIndication(p.uu()));
                }
            }
            case OUTGOING_DISCONNECTION_PENDING -> {
                if (retransmitted) {
                    // The peer missed our BGAK of a connection we are now releasing: answer both again.
                    send(new SscopPdu.Bgak(vrMR, Octets.EMPTY));
                    send(ccPdu);
                    return;
                }
                goIdle();
                acceptPeerBgn(p);
                moveTo(SscopState.INCOMING_CONNECTION_PENDING);
                signal(new AaSignal.ReleaseConfirm());
                signal(new AaSignal.EstablishIndication(p.uu()));
            }
            case OUTGOING_RESYNC_PENDING -> {
                if (retransmitted) {
                    send(new SscopPdu.Bgak(vrMR, Octets.EMPTY));
                    send(ccPdu);
                    return;
                }
                replaceByPeerConnection(p);
            }
            case INCOMING_RESYNC_PENDING, OUTGOING_RECOVERY_PENDING, RECOVERY_RESPONSE_PENDING,
                    INCOMING_RECOVERY_PENDING -> {
                if (retransmitted) {
                    maa(MaaError.B);
                    return;
                }
                replaceByPeerConnection(p);
            }
            case DATA_TRANSFER_READY -> {
                if (retransmitted) {
                    // The peer missed our BGAK; the connection is otherwise fine.
                    restartNoResponseIfRunning();
                    send(new SscopPdu.Bgak(vrMR, Octets.EMPTY));
                    return;
                }
                replaceByPeerConnection(p);
            }
            default -> throw new IllegalStateException(String.valueOf(state));
        }
    }

    private void acceptPeerBgn(SscopPdu.Bgn p) {
        vrSQ = p.nSq();
        vtMS = p.nMr();
    }

    /** A new BGN while a connection exists: the peer has started over. Q.2110: release, then a new indication. */
    private void replaceByPeerConnection(SscopPdu.Bgn p) {
        goIdle();
        acceptPeerBgn(p);
        moveTo(SscopState.INCOMING_CONNECTION_PENDING);
        signal(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.USER));
        signal(new AaSignal.EstablishIndication(p.uu()));
    }

    private void onBgak(SscopPdu.Bgak p) {
        switch (state) {
            case IDLE -> {
                maa(MaaError.C);
                sendEnd();
            }
            case OUTGOING_CONNECTION_PENDING -> {
                timerCc.stop();
                vtMS = p.nMr();
                initStateVariables();
                enterDataTransfer();
                signal(new AaSignal.EstablishConfirm(p.uu()));
            }
            case INCOMING_CONNECTION_PENDING, INCOMING_RESYNC_PENDING, OUTGOING_RECOVERY_PENDING,
                    RECOVERY_RESPONSE_PENDING, INCOMING_RECOVERY_PENDING -> maa(MaaError.C);
            // A duplicate of the BGAK that completed this connection, or one overtaken by our END or RS.
            case OUTGOING_DISCONNECTION_PENDING, OUTGOING_RESYNC_PENDING, DATA_TRANSFER_READY -> stalePdus++;
            default -> throw new IllegalStateException(String.valueOf(state));
        }
    }

    private void onBgrej(SscopPdu.Bgrej p) {
        switch (state) {
            case IDLE -> maa(MaaError.D);
            case OUTGOING_CONNECTION_PENDING -> {
                goIdle();
                signal(new AaSignal.ReleaseIndication(p.uu(), AaSignal.Source.USER));
            }
            case OUTGOING_DISCONNECTION_PENDING -> {
                goIdle();
                signal(new AaSignal.ReleaseConfirm());
            }
            default -> {
                maa(MaaError.D);
                goIdle();
                signal(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
            }
        }
    }

    private void onEnd(SscopPdu.End p) {
        switch (state) {
            case IDLE -> send(new SscopPdu.Endak());
            // Q.2110 ignores END here; our BGN retries continue and the peer answers them afresh.
            case OUTGOING_CONNECTION_PENDING -> stalePdus++;
            case OUTGOING_DISCONNECTION_PENDING -> {
                send(new SscopPdu.Endak());
                goIdle();
                signal(new AaSignal.ReleaseConfirm());
            }
            default -> {
                send(new SscopPdu.Endak());
                goIdle();
                signal(new AaSignal.ReleaseIndication(p.uu(),
                        p.sourceSscop() ? AaSignal.Source.SSCOP : AaSignal.Source.USER));
            }
        }
    }

    private void onEndak() {
        switch (state) {
            case IDLE, OUTGOING_CONNECTION_PENDING -> stalePdus++;
            case OUTGOING_DISCONNECTION_PENDING -> {
                goIdle();
                signal(new AaSignal.ReleaseConfirm());
            }
            default -> {
                maa(MaaError.F);
                goIdle();
                signal(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
            }
        }
    }

    private void onRs(SscopPdu.Rs p) {
        boolean retransmitted = p.nSq() == vrSQ;
        switch (state) {
            case IDLE -> {
                maa(MaaError.J);
                sendEnd();
            }
            case OUTGOING_CONNECTION_PENDING, OUTGOING_DISCONNECTION_PENDING -> stalePdus++;
            case INCOMING_CONNECTION_PENDING -> maa(MaaError.J);
            case OUTGOING_RESYNC_PENDING -> {
                if (retransmitted) {
                    return;
                }
                // Both sides resynchronise at once: one resynchronisation, confirmed on both sides.
                timerCc.stop();
                vrSQ = p.nSq();
                vtMS = p.nMr();
                initStateVariables();
                send(new SscopPdu.Rsak(vrMR));
                enterDataTransfer();
                signal(new AaSignal.ResyncConfirm());
            }
            case INCOMING_RESYNC_PENDING -> {
                if (!retransmitted) {
                    maa(MaaError.J);
                }
            }
            case OUTGOING_RECOVERY_PENDING, RECOVERY_RESPONSE_PENDING, INCOMING_RECOVERY_PENDING -> {
                if (retransmitted) {
                    maa(MaaError.J);
                    return;
                }
                peerResync(p);
            }
            case DATA_TRANSFER_READY -> {
                if (retransmitted) {
                    restartNoResponseIfRunning();
                    send(new SscopPdu.Rsak(vrMR));
                    return;
                }
                peerResync(p);
            }
            default -> throw new IllegalStateException(String.valueOf(state));
        }
    }

    private void peerResync(SscopPdu.Rs p) {
        stopAllTimers();
        clearBuffers();
        vrSQ = p.nSq();
        vtMS = p.nMr();
        moveTo(SscopState.INCOMING_RESYNC_PENDING);
        signal(new AaSignal.ResyncIndication(p.uu()));
    }

    private void onRsak(SscopPdu.Rsak p) {
        switch (state) {
            case IDLE -> {
                maa(MaaError.K);
                sendEnd();
            }
            case OUTGOING_RESYNC_PENDING -> {
                timerCc.stop();
                vtMS = p.nMr();
                initStateVariables();
                enterDataTransfer();
                signal(new AaSignal.ResyncConfirm());
            }
            case INCOMING_CONNECTION_PENDING, INCOMING_RESYNC_PENDING, OUTGOING_RECOVERY_PENDING,
                    RECOVERY_RESPONSE_PENDING, INCOMING_RECOVERY_PENDING -> maa(MaaError.K);
            case OUTGOING_CONNECTION_PENDING, OUTGOING_DISCONNECTION_PENDING, DATA_TRANSFER_READY -> stalePdus++;
            default -> throw new IllegalStateException(String.valueOf(state));
        }
    }

    private void onEr(SscopPdu.Er p) {
        boolean retransmitted = p.nSq() == vrSQ;
        switch (state) {
            case IDLE -> {
                maa(MaaError.L);
                sendEnd();
            }
            case OUTGOING_CONNECTION_PENDING, OUTGOING_DISCONNECTION_PENDING, OUTGOING_RESYNC_PENDING -> stalePdus++;
            case INCOMING_CONNECTION_PENDING, INCOMING_RESYNC_PENDING -> maa(MaaError.L);
            case OUTGOING_RECOVERY_PENDING -> {
                if (retransmitted) {
                    maa(MaaError.L);
                    return;
                }
                // Both sides started recovery at once.
                timerCc.stop();
                vrSQ = p.nSq();
                vtMS = p.nMr();
                send(new SscopPdu.Erak(vrMR));
                clearBuffers();
                moveTo(SscopState.RECOVERY_RESPONSE_PENDING);
                signal(new AaSignal.RecoverIndication());
            }
            case RECOVERY_RESPONSE_PENDING -> {
                if (retransmitted) {
                    send(new SscopPdu.Erak(vrMR));
                } else {
                    maa(MaaError.L);
                }
            }
            case INCOMING_RECOVERY_PENDING -> {
                if (!retransmitted) {
                    maa(MaaError.L);
                }
            }
            case DATA_TRANSFER_READY -> {
                if (retransmitted) {
                    restartNoResponseIfRunning();
                    send(new SscopPdu.Erak(vrMR));
                    return;
                }
                stopAllTimers();
                clearBuffers();
                vrSQ = p.nSq();
                vtMS = p.nMr();
                moveTo(SscopState.INCOMING_RECOVERY_PENDING);
                signal(new AaSignal.RecoverIndication());
            }
            default -> throw new IllegalStateException(String.valueOf(state));
        }
    }

    private void onErak(SscopPdu.Erak p) {
        switch (state) {
            case IDLE -> {
                maa(MaaError.M);
                sendEnd();
            }
            case OUTGOING_RECOVERY_PENDING -> {
                timerCc.stop();
                vtMS = p.nMr();
                clearBuffers();
                moveTo(SscopState.RECOVERY_RESPONSE_PENDING);
                signal(new AaSignal.RecoverIndication());
            }
            case INCOMING_CONNECTION_PENDING, INCOMING_RESYNC_PENDING, INCOMING_RECOVERY_PENDING -> maa(MaaError.M);
            case OUTGOING_CONNECTION_PENDING, OUTGOING_DISCONNECTION_PENDING, OUTGOING_RESYNC_PENDING,
                    RECOVERY_RESPONSE_PENDING, DATA_TRANSFER_READY -> stalePdus++;
            default -> throw new IllegalStateException(String.valueOf(state));
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Data transfer PDUs
    // ---------------------------------------------------------------------------------------------------------

    /** Whether a data-transfer PDU can be processed; if not, it has been dealt with as the state requires. */
    private boolean acceptDataPdu(MaaError unexpected) {
        switch (state) {
            case DATA_TRANSFER_READY -> {
                return true;
            }
            case IDLE -> {
                maa(unexpected);
                sendEnd();
            }
            case INCOMING_CONNECTION_PENDING, INCOMING_RESYNC_PENDING, INCOMING_RECOVERY_PENDING -> {
                // Q.2110 releases here; over UDP the PDU is most likely a straggler of the numbering just left.
                maa(unexpected);
                stalePdus++;
            }
            default -> stalePdus++;
        }
        return false;
    }

    private void onSd(SscopPdu.Sd p) {
        if (!acceptDataPdu(MaaError.A)) {
            return;
        }
        int ns = p.nS();
        int window = SeqNum.offset(vrMR, vrR);
        int d = SeqNum.offset(ns, vrR);
        if (d >= HALF) {
            duplicateSds++;
            return;
        }
        if (d >= window) {
            // The peer overran the credit we gave it (or a datagram from another numbering arrived): Q.2110
            // discards the SD and reports the gap up to VR(MR) once.
            sdsBeyondCredit++;
            if (SeqNum.lt(vrH, vrMR, vrR)) {
                sendUstat(vrH, vrMR);
                vrH = vrMR;
            }
            return;
        }
        if (ns == vrR) {
            int oldR = vrR;
            deliver(ns, p.information());
            vrR = SeqNum.add(vrR, 1);
            Octets next;
            while ((next = receiveBuffer.remove(vrR)) != null) {
                deliver(vrR, next);
                vrR = SeqNum.add(vrR, 1);
            }
            if (SeqNum.lt(vrH, vrR, oldR)) {
                vrH = vrR;
            }
            vrMR = SeqNum.add(vrR, config.receiveWindow());
            return;
        }
        if (receiveBuffer.containsKey(ns)) {
            duplicateSds++;
            return;
        }
        receiveBuffer.put(ns, p.information());
        if (ns == vrH) {
            vrH = SeqNum.add(ns, 1);
        } else if (SeqNum.lt(vrH, ns, vrR)) {
            sendUstat(vrH, ns);
            vrH = SeqNum.add(ns, 1);
        }
    }

    private void deliver(int ns, Octets data) {
        sdsDelivered++;
        signal(new AaSignal.DataIndication(data, ns));
    }

    private void onPoll(SscopPdu.Poll p) {
        if (!acceptDataPdu(MaaError.G)) {
            return;
        }
        int d = SeqNum.offset(p.nS(), vrR);
        if (d < HALF) {
            if (d > SeqNum.offset(vrMR, vrR)) {
                // The peer claims to have sent beyond our credit: not reordering, a real sequence error.
                maa(MaaError.Q);
                startRecovery();
                return;
            }
            if (SeqNum.lt(vrH, p.nS(), vrR)) {
                vrH = p.nS();
            }
        }
        // N(S) below VR(H) (or below VR(R)): the POLL was overtaken by later SDs. Q.2110 calls it error Q; over
        // UDP it is ordinary, so VR(H) is kept and the POLL answered.
        sendStat(p.nPs());
    }

    private void sendStat(int nPs) {
        List<Integer> list = new ArrayList<>();
        int span = SeqNum.offset(vrH, vrR);
        int i = 0;
        while (i < span) {
            if (!receiveBuffer.containsKey(SeqNum.add(vrR, i))) {
                list.add(SeqNum.add(vrR, i));
                while (i < span && !receiveBuffer.containsKey(SeqNum.add(vrR, i))) {
                    i++;
                }
                list.add(SeqNum.add(vrR, i));
            } else {
                while (i < span && receiveBuffer.containsKey(SeqNum.add(vrR, i))) {
                    i++;
                }
            }
        }
        int max = config.maxStat();
        if (list.size() <= max) {
            statsSent++;
            send(new SscopPdu.Stat(nPs, vrMR, vrR, list));
            return;
        }
        // Q.2110: a list longer than MaxSTAT goes in several STATs; each repeats the last element of the one
        // before, so every STAT starts with the start of a gap (MaxSTAT is odd).
        for (int start = 0; start < list.size() - 1; start += max - 1) {
            statsSent++;
            send(new SscopPdu.Stat(nPs, vrMR, vrR, list.subList(start, Math.min(start + max, list.size()))));
        }
    }

    private void sendUstat(int first, int second) {
        ustatsSent++;
        send(new SscopPdu.Ustat(vrMR, vrR, first, second));
    }

    /** Where {@code x} lies against the transmitter's window [VT(A), VT(S)]. */
    private enum Position { BEHIND, INSIDE, AHEAD }

    private Position txPosition(int x) {
        if (SeqNum.offset(x, vtA) <= SeqNum.offset(vtS, vtA)) {
            return Position.INSIDE;
        }
        return SeqNum.offset(vtA, x) < HALF ? Position.BEHIND : Position.AHEAD;
    }

    private void onStat(SscopPdu.Stat p) {
        if (!acceptDataPdu(MaaError.H)) {
            return;
        }
        int nPs = p.nPs();
        boolean noPollOutstanding = SeqNum.offset(vtPS, vtPA) >= HALF;
        if (!noPollOutstanding && SeqNum.offset(nPs, vtPA) <= SeqNum.offset(vtPS, vtPA)) {
            processStat(p);
        } else if (SeqNum.offset(vtPA, nPs) > 0 && SeqNum.offset(vtPA, nPs) < HALF) {
            // Answers a POLL older than one already answered: overtaken or duplicated.
            stalePdus++;
        } else {
            maa(MaaError.R);
            startRecovery();
        }
    }

    private void processStat(SscopPdu.Stat p) {
        Position nrPosition = txPosition(p.nR());
        if (nrPosition == Position.AHEAD) {
            maa(MaaError.S);
            startRecovery();
            return;
        }
        List<Integer> list = p.list();
        // Validate the whole list before acting on any of it, so a bad STAT changes nothing but the state.
        int previous = vtA;
        for (int e : list) {
            Position pos = txPosition(e);
            if (pos == Position.AHEAD) {
                maa(MaaError.S);
                startRecovery();
                return;
            }
            int clipped = pos == Position.BEHIND ? vtA : e;
            if (SeqNum.lt(clipped, previous, vtA)) {
                maa(MaaError.S);
                startRecovery();
                return;
            }
            previous = clipped;
        }
        if (nrPosition == Position.INSIDE) {
            acknowledgeUpTo(p.nR());
        }
        vtPA = p.nPs();
        updateCredit(p.nMr());
        int retransmits = 0;
        for (int k = 0; k + 1 < list.size(); k += 2) {
            int gapStart = clip(list.get(k));
            int gapEnd = clip(list.get(k + 1));
            for (int sn = gapStart; sn != gapEnd; sn = SeqNum.add(sn, 1)) {
                TxEntry e = transmitBuffer.get(sn);
                // Only SDs last sent before the POLL this STAT answers: a later copy may still be on its way.
                if (e != null && !e.queued && sentBeforePoll(e, p.nPs())) {
                    e.queued = true;
                    retransmitQueue.add(sn);
                    retransmits++;
                }
            }
            if (k + 2 < list.size()) {
                int receivedEnd = clip(list.get(k + 2));
                for (int sn = gapEnd; sn != receivedEnd; sn = SeqNum.add(sn, 1)) {
                    transmitBuffer.remove(sn);
                }
            }
        }
        if (retransmits > 0) {
            maa(MaaError.V);
        }
        restartNoResponseIfRunning();
        if (timerKeepAlive.running() && p.nPs() == vtPS) {
            // Transient phase and the latest POLL answered: the peer is alive and nothing is outstanding.
            timerKeepAlive.stop();
            timerNoResponse.stop();
            timerIdle.start(config.timerIdleNs());
        }
        serviceTransmit();
    }

    /** Whether {@code e} was last sent before POLL {@code nPs}, i.e. its VT(PS) then was below {@code nPs}. */
    private static boolean sentBeforePoll(TxEntry e, int nPs) {
        int d = SeqNum.offset(nPs, e.pollSeq);
        return d > 0 && d < HALF;
    }

    private int clip(int x) {
        return txPosition(x) == Position.BEHIND ? vtA : x;
    }

    private void onUstat(SscopPdu.Ustat p) {
        if (!acceptDataPdu(MaaError.I)) {
            return;
        }
        Position nr = txPosition(p.nR());
        Position first = txPosition(p.listElement1());
        Position second = txPosition(p.listElement2());
        if (nr == Position.AHEAD || first == Position.AHEAD || second == Position.AHEAD) {
            maa(MaaError.T);
            startRecovery();
            return;
        }
        if (nr == Position.INSIDE) {
            acknowledgeUpTo(p.nR());
        }
        // A USTAT is not ordered against STATs: it may only widen the credit, never narrow it.
        if (SeqNum.offset(p.nMr(), vtA) < HALF && SeqNum.le(vtMS, p.nMr(), vtA)) {
            updateCredit(p.nMr());
        }
        int gapStart = clip(p.listElement1());
        int gapEnd = clip(p.listElement2());
        if (!SeqNum.lt(gapStart, gapEnd, vtA)) {
            stalePdus++;
            serviceTransmit();
            return;
        }
        int retransmits = 0;
        for (int sn = gapStart; sn != gapEnd; sn = SeqNum.add(sn, 1)) {
            TxEntry e = transmitBuffer.get(sn);
            if (e != null && !e.queued) {
                e.queued = true;
                retransmitQueue.add(sn);
                retransmits++;
            }
        }
        if (retransmits > 0) {
            maa(MaaError.V);
        }
        serviceTransmit();
    }

    /** Releases the SDs VT(A) .. nR-1 from the transmission buffer; VT(A) := nR. */
    private void acknowledgeUpTo(int nR) {
        while (vtA != nR) {
            transmitBuffer.remove(vtA);
            vtA = SeqNum.add(vtA, 1);
        }
    }

    private void updateCredit(int nMr) {
        vtMS = nMr;
        if (creditLacking && hasCredit()) {
            creditLacking = false;
            maa(MaaError.X);
        }
    }

    private boolean hasCredit() {
        int credit = SeqNum.offset(vtMS, vtA);
        return credit < HALF && SeqNum.offset(vtS, vtA) < credit;
    }

    /** Sends what may be sent: retransmissions first, then new SDs while the peer's credit lasts. */
    private void serviceTransmit() {
        if (state != SscopState.DATA_TRANSFER_READY) {
            return;
        }
        while (true) {
            Integer sn = retransmitQueue.poll();
            if (sn != null) {
                TxEntry e = transmitBuffer.get(sn);
                if (e == null || !e.queued) {
                    continue;
                }
                e.queued = false;
                e.pollSeq = vtPS;
                sdsRetransmitted++;
                send(new SscopPdu.Sd(sn, e.data));
                afterSdSent();
                continue;
            }
            if (transmitQueue.isEmpty()) {
                return;
            }
            if (!hasCredit()) {
                if (!creditLacking) {
                    creditLacking = true;
                    maa(MaaError.W);
                }
                if (vtPD > 0) {
                    // Ask for the STAT that reopens the window now rather than at the next Timer_POLL.
                    sendPoll();
                    timerPoll.start(config.timerPollNs());
                }
                return;
            }
            Octets data = transmitQueue.poll();
            transmitBuffer.put(vtS, new TxEntry(data, vtPS));
            sdsSent++;
            send(new SscopPdu.Sd(vtS, data));
            vtS = SeqNum.add(vtS, 1);
            afterSdSent();
        }
    }

    private void afterSdSent() {
        vtPD++;
        if (!timerPoll.running()) {
            // Leaving the idle or transient phase: the peer must now answer within Timer_NO-RESPONSE again.
            if (timerIdle.running()) {
                timerIdle.stop();
                timerNoResponse.start(config.timerNoResponseNs());
            } else {
                timerKeepAlive.stop();
            }
            timerPoll.start(config.timerPollNs());
        }
        if (vtPD >= config.maxPd()) {
            sendPoll();
            timerPoll.start(config.timerPollNs());
        }
    }

    private void sendPoll() {
        vtPS = SeqNum.add(vtPS, 1);
        vtPD = 0;
        pollsSent++;
        send(new SscopPdu.Poll(vtPS, vtS));
    }

    private boolean outstanding() {
        return vtA != vtS || !retransmitQueue.isEmpty() || !transmitQueue.isEmpty();
    }

    /** Protocol error in Data Transfer Ready: start recovery (ER, Q.2110 clause 8, "error recovery"). */
    private void startRecovery() {
        stopAllTimers();
        clearBuffers();
        vtSQ = (vtSQ + 1) & SscopPdu.MAX_NSQ;
        vrMR = config.receiveWindow();
        startCc(new SscopPdu.Er(vtSQ, vrMR));
        moveTo(SscopState.OUTGOING_RECOVERY_PENDING);
    }

    // ---------------------------------------------------------------------------------------------------------
    // Timers
    // ---------------------------------------------------------------------------------------------------------

    private void onTimerCc() {
        if (vtCC < config.maxCc()) {
            vtCC++;
            send(ccPdu);
            timerCc.start(config.timerCcNs());
            return;
        }
        maa(MaaError.O);
        switch (state) {
            case OUTGOING_DISCONNECTION_PENDING -> {
                goIdle();
                signal(new AaSignal.ReleaseConfirm());
            }
            case OUTGOING_CONNECTION_PENDING, OUTGOING_RESYNC_PENDING, OUTGOING_RECOVERY_PENDING -> {
                sendEnd();
                goIdle();
                signal(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
            }
            default -> throw new IllegalStateException("Timer_CC running in " + state);
        }
    }

    private void onTimerPoll() {
        sendPoll();
        if (outstanding()) {
            timerPoll.start(config.timerPollNs());
        } else {
            timerKeepAlive.start(config.timerKeepAliveNs());
        }
    }

    private void onTimerKeepAlive() {
        sendPoll();
        timerKeepAlive.start(config.timerKeepAliveNs());
    }

    private void onTimerIdle() {
        timerNoResponse.start(config.timerNoResponseNs());
        sendPoll();
        timerKeepAlive.start(config.timerKeepAliveNs());
    }

    private void onTimerNoResponse() {
        maa(MaaError.P);
        sendEnd();
        goIdle();
        signal(new AaSignal.ReleaseIndication(Octets.EMPTY, AaSignal.Source.SSCOP));
    }

    private void restartNoResponseIfRunning() {
        // Only in the active and transient phases: in the idle phase nobody polls, so it must stay stopped.
        if (timerNoResponse.running()) {
            timerNoResponse.start(config.timerNoResponseNs());
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------

    /**
     * Test seam: the value sequence numbers start from instead of 0, so that tests cross the 2^24 wrap without
     * sending 16 million SDs. Both peers of a test must use the same value. Never set outside tests.
     */
    void initialSequenceForTest(int n) {
        initialSequence = n & SeqNum.MASK;
    }

    private void initStateVariables() {
        vtS = initialSequence;
        vtPS = initialSequence;
        vtA = initialSequence;
        vtPA = SeqNum.add(initialSequence, 1);
        vtPD = 0;
        vrR = initialSequence;
        vrH = initialSequence;
        vrMR = SeqNum.add(initialSequence, config.receiveWindow());
        creditLacking = false;
    }

    private void enterDataTransfer() {
        moveTo(SscopState.DATA_TRANSFER_READY);
        timerPoll.start(config.timerPollNs());
        timerNoResponse.start(config.timerNoResponseNs());
        serviceTransmit();
    }

    private void startCc(SscopPdu pdu) {
        ccPdu = pdu;
        vtCC = 1;
        send(pdu);
        timerCc.start(config.timerCcNs());
    }

    private void goIdle() {
        stopAllTimers();
        clearBuffers();
        ccPdu = null;
        moveTo(SscopState.IDLE);
    }

    private void stopAllTimers() {
        timerCc.stop();
        timerPoll.stop();
        timerKeepAlive.stop();
        timerIdle.stop();
        timerNoResponse.stop();
    }

    private void clearBuffers() {
        transmitQueue.clear();
        transmitBuffer.clear();
        retransmitQueue.clear();
        receiveBuffer.clear();
    }

    /** END with the S bit set: SSCOP itself gives up (Q.2110 clause 7.2). Not retransmitted. */
    private void sendEnd() {
        send(new SscopPdu.End(true, Octets.EMPTY));
    }

    private void send(SscopPdu pdu) {
        pdusSent++;
        byte[] bytes = SscopCodec.encode(pdu);
        try {
            out.transmit(bytes);
        } catch (RuntimeException e) {
            // A failing lower layer looks like loss to SSCOP, which recovers from loss.
            LOG.log(System.Logger.Level.WARNING, name + ": transmit failed for " + pdu.type(), e);
        }
    }

    private void maa(MaaError code) {
        maaErrors.merge(code, 1L, Long::sum);
        try {
            out.maaError(code);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, name + ": maaError handler failed", e);
        }
    }

    private Status refused(String request) {
        return Status.NOT_ACCEPTED.withDescription(request + " not allowed in state " + state.number() + " "
                + state);
    }

    private void moveTo(SscopState next) {
        if (!state.canMoveTo(next)) {
            throw new IllegalStateException(name + ": no Q.2110 transition from " + state + " to " + next);
        }
        if (next != state) {
            LOG.log(System.Logger.Level.TRACE, () -> name + ": " + state + " -> " + next);
        }
        state = next;
    }

    private void signal(AaSignal s) {
        pendingSignals.add(s);
    }

    private void enter() {
        depth++;
    }

    private void exit() {
        if (--depth > 0) {
            return;
        }
        // Outermost input done: hand the queued signals over. Requests the user makes from inside signal()
        // re-enter (depth 1 again), act at once, and append their own signals behind these.
        depth++;
        try {
            AaSignal s;
            while ((s = pendingSignals.poll()) != null) {
                try {
                    out.signal(s);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, name + ": user failed on " + s, e);
                }
            }
        } finally {
            depth--;
        }
    }

    /** An SD in the transmission buffer (sent, not yet acknowledged). */
    private static final class TxEntry {
        private final Octets data;
        /** VT(PS) when this SD was last sent: it was sent before the POLLs numbered above this. */
        private int pollSeq;
        /** Whether it waits in the retransmission queue. */
        private boolean queued;

        TxEntry(Octets data, int pollSeq) {
            this.data = data;
            this.pollSeq = pollSeq;
        }
    }

    /** One SSCOP timer: at most one expiry pending; a stopped or restarted timer ignores its older expiries. */
    private final class Timer {
        private final Runnable onExpiry;
        private Timers.Cancellable handle;
        private long generation;
        private boolean running;

        Timer(Runnable onExpiry) {
            this.onExpiry = onExpiry;
        }

        void start(long delayNs) {
            stop();
            running = true;
            long gen = ++generation;
            handle = timers.schedule(delayNs, () -> fire(gen));
        }

        void stop() {
            if (running) {
                running = false;
                generation++;
                handle.cancel();
                handle = null;
            }
        }

        boolean running() {
            return running;
        }

        private void fire(long gen) {
            if (!running || gen != generation) {
                return;
            }
            running = false;
            handle = null;
            enter();
            try {
                onExpiry.run();
            } finally {
                exit();
            }
        }
    }
}

package io.jcondis.uni.sscop;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * The states of an SSCOP entity (Q.2110 clause 7.3), numbered as there, and the one table of legal moves that
 * {@link Sscop} checks on every change of state. Staying in a state is always legal and not listed.
 *
 * <pre>
 *  (1) Idle ---- establish() / BGN ----------------&gt; (2) Outgoing Connection Pending
 *  (1) Idle ---- BGN ------------------------------&gt; (3) Incoming Connection Pending
 *  (2) ---------- BGAK, or a crossing BGN / BGAK ---&gt; (10) Data Transfer Ready
 *  (3) ---------- establishResponse() / BGAK -------&gt; (10)
 *  (10) --------- release() / END -----------------&gt; (4) Outgoing Disconnection Pending
 *  (4) ---------- ENDAK, END, BGREJ, MaxCC ---------&gt; (1)
 *  (10) --------- resync() / RS -------------------&gt; (5) Outgoing Resynchronization Pending
 *  (5) ---------- RSAK, or a crossing RS / RSAK ----&gt; (10)
 *  (10) --------- RS ------------------------------&gt; (6) Incoming Resynchronization Pending
 *  (6) ---------- resyncResponse() / RSAK ----------&gt; (10)
 *  (10) --------- protocol error / ER -------------&gt; (7) Outgoing Recovery Pending
 *  (7) ---------- ERAK, or a crossing ER / ERAK ----&gt; (8) Recovery Response Pending
 *  (8) ---------- recoverResponse() ----------------&gt; (10)
 *  (10) --------- ER ------------------------------&gt; (9) Incoming Recovery Pending
 *  (9) ---------- recoverResponse() / ERAK ---------&gt; (10)
 *  (7), (8), (9)  resync() / RS, or RS -------------&gt; (5), (6)
 *  (2) to (10)    release() / END ------------------&gt; (4)   (in (3): BGREJ, straight to (1))
 *  (2) to (10)    END, BGREJ, ENDAK, MaxCC, Timer_NO-RESPONSE, close() --&gt; (1)
 *  (3) to (10)    a new BGN (not a retransmission) -&gt; (3) (via (1): release, then establish indication)
 * </pre>
 * Clause references: Q.2110 clause 7.3 (states), clause 8.2 (SDL diagrams per state).
 */
public enum SscopState {
    /** (1) Idle: no connection. */
    IDLE(1),
    /** (2) Outgoing Connection Pending: BGN sent, waiting for BGAK (Timer_CC running). */
    OUTGOING_CONNECTION_PENDING(2),
    /** (3) Incoming Connection Pending: BGN received, waiting for the user's AA-ESTABLISH.response. */
    INCOMING_CONNECTION_PENDING(3),
    /** (4) Outgoing Disconnection Pending: END sent, waiting for ENDAK (Timer_CC running). */
    OUTGOING_DISCONNECTION_PENDING(4),
    /** (5) Outgoing Resynchronization Pending: RS sent, waiting for RSAK (Timer_CC running). */
    OUTGOING_RESYNC_PENDING(5),
    /** (6) Incoming Resynchronization Pending: RS received, waiting for the user's AA-RESYNC.response. */
    INCOMING_RESYNC_PENDING(6),
    /** (7) Outgoing Recovery Pending: ER sent after a protocol error, waiting for ERAK (Timer_CC running). */
    OUTGOING_RECOVERY_PENDING(7),
    /** (8) Recovery Response Pending: recovery acknowledged, waiting for the user's AA-RECOVER.response. */
    RECOVERY_RESPONSE_PENDING(8),
    /** (9) Incoming Recovery Pending: ER received, waiting for the user's AA-RECOVER.response. */
    INCOMING_RECOVERY_PENDING(9),
    /** (10) Data Transfer Ready: the connection is up; assured data flows. */
    DATA_TRANSFER_READY(10);

    private static final Map<SscopState, EnumSet<SscopState>> MOVES = new EnumMap<>(SscopState.class);

    static {
        // Releasing (to 1), being asked for a new connection (to 3) and releasing ourselves (to 4) are open to
        // every state with a connection or an attempt at one; the rest is what Q.2110 clause 8 draws.
        EnumSet<SscopState> common = EnumSet.of(IDLE, INCOMING_CONNECTION_PENDING, OUTGOING_DISCONNECTION_PENDING);
        MOVES.put(IDLE, EnumSet.of(OUTGOING_CONNECTION_PENDING, INCOMING_CONNECTION_PENDING));
        MOVES.put(OUTGOING_CONNECTION_PENDING, EnumSet.of(IDLE, OUTGOING_DISCONNECTION_PENDING, DATA_TRANSFER_READY));
        MOVES.put(INCOMING_CONNECTION_PENDING, EnumSet.of(IDLE, OUTGOING_DISCONNECTION_PENDING, DATA_TRANSFER_READY));
        MOVES.put(OUTGOING_DISCONNECTION_PENDING,
                EnumSet.of(IDLE, OUTGOING_CONNECTION_PENDING, INCOMING_CONNECTION_PENDING));
        MOVES.put(OUTGOING_RESYNC_PENDING, with(common, DATA_TRANSFER_READY));
        MOVES.put(INCOMING_RESYNC_PENDING, with(common, DATA_TRANSFER_READY));
        MOVES.put(OUTGOING_RECOVERY_PENDING,
                with(common, RECOVERY_RESPONSE_PENDING, OUTGOING_RESYNC_PENDING, INCOMING_RESYNC_PENDING));
        MOVES.put(RECOVERY_RESPONSE_PENDING,
                with(common, DATA_TRANSFER_READY, OUTGOING_RESYNC_PENDING, INCOMING_RESYNC_PENDING));
        MOVES.put(INCOMING_RECOVERY_PENDING,
                with(common, DATA_TRANSFER_READY, OUTGOING_RESYNC_PENDING, INCOMING_RESYNC_PENDING));
        MOVES.put(DATA_TRANSFER_READY, with(common, OUTGOING_RESYNC_PENDING, INCOMING_RESYNC_PENDING,
                OUTGOING_RECOVERY_PENDING, INCOMING_RECOVERY_PENDING));
    }

    private final int number;

    SscopState(int number) {
        this.number = number;
    }

    /** @return the state's number in Q.2110 (1 to 10) */
    public int number() {
        return number;
    }

    /**
     * @param next a state
     * @return whether Q.2110 has a transition from this state to {@code next} (always true for this state)
     */
    public boolean canMoveTo(SscopState next) {
        return next == this || MOVES.get(this).contains(next);
    }

    private static EnumSet<SscopState> with(EnumSet<SscopState> base, SscopState... more) {
        EnumSet<SscopState> s = EnumSet.copyOf(base);
        for (SscopState m : more) {
            s.add(m);
        }
        return s;
    }
}

package io.jcondis.wan.tapi;

import io.jcondis.api.wan.Tapi;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * The state of a TAPI call as its miniport reports it (LINE_CALLSTATE, contract 3.7), plus the two states only
 * NDISTAPI knows: {@link #NEW} (allocated, no state reported yet) and {@link #DEALLOCATED} (after
 * OID_TAPI_CLOSE_CALL; terminal). A call is in exactly one state.
 * <pre>
 *                 +--&gt; OFFERING --&gt; ACCEPTED --+
 *   NEW ----------+                            +--&gt; CONNECTED &lt;--&gt; ONHOLD/CONFERENCED...
 *                 +--&gt; DIALTONE/DIALING/PROCEEDING/RINGBACK --+        |
 *                            |                                         v
 *                            +--&gt; BUSY / SPECIALINFO ---------&gt; DISCONNECTED --&gt; IDLE --&gt; DEALLOCATED
 *   (any state but DEALLOCATED may go to DISCONNECTED, IDLE or DEALLOCATED; UNKNOWN may go anywhere)
 * </pre>
 * A repeated state is legal (the miniport may report a new mode). Anything else the miniport indicates is a
 * contract violation that changes nothing.
 */
public enum TapiCallState {
    /** Allocated by NDISTAPI; the miniport has not reported a state yet. */
    NEW(0),
    /** LINECALLSTATE_IDLE: dropped; the handle stays valid until close-call (R40). */
    IDLE(Tapi.LINECALLSTATE_IDLE),
    /** LINECALLSTATE_OFFERING. */
    OFFERING(Tapi.LINECALLSTATE_OFFERING),
    /** LINECALLSTATE_ACCEPTED. */
    ACCEPTED(Tapi.LINECALLSTATE_ACCEPTED),
    /** LINECALLSTATE_DIALTONE. */
    DIALTONE(Tapi.LINECALLSTATE_DIALTONE),
    /** LINECALLSTATE_DIALING. */
    DIALING(Tapi.LINECALLSTATE_DIALING),
    /** LINECALLSTATE_RINGBACK. */
    RINGBACK(Tapi.LINECALLSTATE_RINGBACK),
    /** LINECALLSTATE_BUSY. */
    BUSY(Tapi.LINECALLSTATE_BUSY),
    /** LINECALLSTATE_SPECIALINFO. */
    SPECIALINFO(Tapi.LINECALLSTATE_SPECIALINFO),
    /** LINECALLSTATE_CONNECTED. */
    CONNECTED(Tapi.LINECALLSTATE_CONNECTED),
    /** LINECALLSTATE_PROCEEDING. */
    PROCEEDING(Tapi.LINECALLSTATE_PROCEEDING),
    /** LINECALLSTATE_ONHOLD. */
    ONHOLD(Tapi.LINECALLSTATE_ONHOLD),
    /** LINECALLSTATE_CONFERENCED. */
    CONFERENCED(Tapi.LINECALLSTATE_CONFERENCED),
    /** LINECALLSTATE_ONHOLDPENDCONF. */
    ONHOLDPENDCONF(Tapi.LINECALLSTATE_ONHOLDPENDCONF),
    /** LINECALLSTATE_ONHOLDPENDTRANSFER. */
    ONHOLDPENDTRANSFER(Tapi.LINECALLSTATE_ONHOLDPENDTRANSFER),
    /** LINECALLSTATE_DISCONNECTED: the far end or the network ended the call; state kept until close-call (R42). */
    DISCONNECTED(Tapi.LINECALLSTATE_DISCONNECTED),
    /** LINECALLSTATE_UNKNOWN. */
    UNKNOWN(Tapi.LINECALLSTATE_UNKNOWN),
    /** After OID_TAPI_CLOSE_CALL: the handles are invalid (R41). Terminal. */
    DEALLOCATED(0);

    private static final Map<TapiCallState, EnumSet<TapiCallState>> MOVES = new EnumMap<>(TapiCallState.class);

    static {
        EnumSet<TapiCallState> ends = EnumSet.of(DISCONNECTED, IDLE, UNKNOWN, DEALLOCATED);
        EnumSet<TapiCallState> setup = EnumSet.of(DIALTONE, DIALING, PROCEEDING, RINGBACK);
        EnumSet<TapiCallState> held = EnumSet.of(CONNECTED, ONHOLD, CONFERENCED, ONHOLDPENDCONF, ONHOLDPENDTRANSFER);
        MOVES.put(NEW, union(ends, setup, EnumSet.of(OFFERING, BUSY, SPECIALINFO, CONNECTED)));
        MOVES.put(OFFERING, union(ends, EnumSet.of(OFFERING, ACCEPTED, CONNECTED)));
        MOVES.put(ACCEPTED, union(ends, EnumSet.of(ACCEPTED, CONNECTED)));
        for (TapiCallState s : setup) {
            MOVES.put(s, union(ends, setup, EnumSet.of(BUSY, SPECIALINFO, CONNECTED)));
        }
        MOVES.put(BUSY, union(ends, EnumSet.of(BUSY, SPECIALINFO)));
        MOVES.put(SPECIALINFO, union(ends, EnumSet.of(BUSY, SPECIALINFO)));
        for (TapiCallState s : held) {
            MOVES.put(s, union(ends, held));
        }
        MOVES.put(DISCONNECTED, EnumSet.of(DISCONNECTED, IDLE, DEALLOCATED));
        MOVES.put(IDLE, EnumSet.of(IDLE, DEALLOCATED));
        MOVES.put(UNKNOWN, EnumSet.complementOf(EnumSet.of(NEW)));
        MOVES.put(DEALLOCATED, EnumSet.noneOf(TapiCallState.class));
    }

    private final int bit;

    TapiCallState(int bit) {
        this.bit = bit;
    }

    @SafeVarargs
    private static EnumSet<TapiCallState> union(EnumSet<TapiCallState>... sets) {
        EnumSet<TapiCallState> u = EnumSet.noneOf(TapiCallState.class);
        for (EnumSet<TapiCallState> s : sets) {
            u.addAll(s);
        }
        return u;
    }

    /** @return the LINECALLSTATE_* bit (0 for NEW and DEALLOCATED) */
    public int bit() {
        return bit;
    }

    /** @return true when the transition table allows moving from this state to {@code next} */
    public boolean canMoveTo(TapiCallState next) {
        return MOVES.get(this).contains(next);
    }

    /** @return true for DISCONNECTED, IDLE and DEALLOCATED: the call carries no connection any more */
    public boolean isEnded() {
        return this == DISCONNECTED || this == IDLE || this == DEALLOCATED;
    }

    /** @return the state with exactly this LINECALLSTATE_* bit, or null for 0, several bits or unknown bits */
    public static TapiCallState fromBit(long bit) {
        if (bit == 0 || Long.bitCount(bit) != 1) {
            return null;
        }
        for (TapiCallState s : values()) {
            if (s.bit == bit) {
                return s;
            }
        }
        return null;
    }
}

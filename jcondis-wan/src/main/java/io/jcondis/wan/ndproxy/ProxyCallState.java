package io.jcondis.wan.ndproxy;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;

/**
 * The CoNDIS side of one TAPI call, as NDPROXY (the CoNDIS client) sees it. The TAPI side (the LINECALLSTATE_*
 * NDPROXY reports to NDISTAPI) is kept apart: a call is DISCONNECTED for TAPI while its CoNDIS close is still
 * CLOSING, and stays known to TAPI (R42) long after it is CLOSED here.
 * <pre>
 *   IDLE (VC made) --makeCall--&gt; MAKING --complete SUCCESS--&gt; CONNECTED --closeCall--&gt; CLOSING --&gt; CLOSED
 *     |                              +--complete failure / VC deleted-----------------------------&gt; CLOSED
 *     +--drop before the make-call starts: VC deleted----------------------------------------------&gt; CLOSED
 *   OFFERED (incoming, pended K4) --lineAnswer--&gt; ANSWERING --call connected--&gt; CONNECTED
 *     |  +--drop / not answered: reject (the CM deletes its VC)-----------------------------------&gt; CLOSED
 *     +--incoming close before the answer: closeCall--&gt; CLOSING
 * </pre>
 */
enum ProxyCallState {
    /** A VC NDPROXY created for an outgoing call; no make-call yet. */
    IDLE,
    /** NdisClMakeCall pending (R37: no close until it completes). */
    MAKING,
    /** An incoming call NDPROXY holds pending until the application answers (K4, R49). */
    OFFERED,
    /** The application answered; incoming-call-complete sent, call-connected awaited. */
    ANSWERING,
    /** Connected: the link is up and data flows. */
    CONNECTED,
    /** NdisClCloseCall pending. */
    CLOSING,
    /** Nothing left on the CoNDIS side (our VC deleted, or the CM's VC handed back). Terminal. */
    CLOSED;

    private static final Map<ProxyCallState, EnumSet<ProxyCallState>> MOVES = new EnumMap<>(ProxyCallState.class);

    static {
        MOVES.put(IDLE, EnumSet.of(MAKING, CLOSED));
        MOVES.put(MAKING, EnumSet.of(CONNECTED, CLOSED));
        MOVES.put(OFFERED, EnumSet.of(ANSWERING, CLOSING, CLOSED));
        MOVES.put(ANSWERING, EnumSet.of(CONNECTED, CLOSING, CLOSED));
        MOVES.put(CONNECTED, EnumSet.of(CLOSING));
        MOVES.put(CLOSING, EnumSet.of(CLOSED));
        MOVES.put(CLOSED, EnumSet.noneOf(ProxyCallState.class));
    }

    /** @return true when the table allows the move */
    boolean canMoveTo(ProxyCallState next) {
        return MOVES.get(this).contains(next);
    }
}

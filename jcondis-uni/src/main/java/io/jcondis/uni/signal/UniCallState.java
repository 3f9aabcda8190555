package io.jcondis.uni.signal;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Call states of Q.2931 clause 2.1 (user side names; the network side's N-states have the same codes and, in this
 * symmetric engine, the same meaning), with the one table of legal moves that {@link UniLink} checks on every
 * transition.
 *
 * <pre>
 *  originating side                              terminating side
 *  U0 --setup: SETUP, T303--&gt; U1                  U0 --SETUP--&gt; U6
 *  U1 --CALL PROCEEDING, T310--&gt; U3               U6 --callProceeding: CALL PROCEEDING--&gt; U9
 *  U1/U3 --ALERTING--&gt; U4                        U6/U9 --alerting: ALERTING--&gt; U7
 *  U1/U3/U4 --CONNECT: CONNECT ACK--&gt; U10        U6/U7/U9 --connect: CONNECT, T313--&gt; U8
 *                                                U8 --CONNECT ACKNOWLEDGE--&gt; U10
 *  any but U0, U6, U11 --release: RELEASE, T308--&gt; U11 --RELEASE COMPLETE or RELEASE--&gt; U0
 *  U6 --release: RELEASE COMPLETE (call rejected)--&gt; U0
 *  any but U0 --RELEASE--&gt; U12 --RELEASE COMPLETE sent--&gt; U0;   any --RELEASE COMPLETE--&gt; U0
 *  any --local clearing (T303/T308 exhausted, link failure, T309)--&gt; U0
 * </pre>
 * A call leaves {@link #U0_NULL} once, at creation; reaching it again ends the call for good (the link forgets it).
 */
public enum UniCallState {
    /** U0 Null: no call. */
    U0_NULL(0),
    /** U1 Call Initiated: SETUP sent, waiting for an answer. */
    U1_CALL_INITIATED(1),
    /** U3 Outgoing Call Proceeding: the peer said CALL PROCEEDING. */
    U3_OUTGOING_CALL_PROCEEDING(3),
    /** U4 Call Delivered: the peer said ALERTING. */
    U4_CALL_DELIVERED(4),
    /** U6 Call Present: SETUP received, the user has not answered yet. */
    U6_CALL_PRESENT(6),
    /** U7 Call Received: ALERTING sent. */
    U7_CALL_RECEIVED(7),
    /** U8 Connect Request: CONNECT sent, waiting for CONNECT ACKNOWLEDGE. */
    U8_CONNECT_REQUEST(8),
    /** U9 Incoming Call Proceeding: CALL PROCEEDING sent. */
    U9_INCOMING_CALL_PROCEEDING(9),
    /** U10 Active. */
    U10_ACTIVE(10),
    /** U11 Release Request: RELEASE sent, waiting for RELEASE COMPLETE. */
    U11_RELEASE_REQUEST(11),
    /** U12 Release Indication: RELEASE received (RELEASE COMPLETE is sent at once). */
    U12_RELEASE_INDICATION(12);

    private static final Map<UniCallState, Set<UniCallState>> NEXT = new EnumMap<>(UniCallState.class);

    static {
        NEXT.put(U0_NULL, EnumSet.of(U1_CALL_INITIATED, U6_CALL_PRESENT));
        NEXT.put(U1_CALL_INITIATED, EnumSet.of(U3_OUTGOING_CALL_PROCEEDING, U4_CALL_DELIVERED, U10_ACTIVE,
                U11_RELEASE_REQUEST, U12_RELEASE_INDICATION, U0_NULL));
        NEXT.put(U3_OUTGOING_CALL_PROCEEDING, EnumSet.of(U4_CALL_DELIVERED, U10_ACTIVE, U11_RELEASE_REQUEST,
                U12_RELEASE_INDICATION, U0_NULL));
        NEXT.put(U4_CALL_DELIVERED, EnumSet.of(U10_ACTIVE, U11_RELEASE_REQUEST, U12_RELEASE_INDICATION, U0_NULL));
        NEXT.put(U6_CALL_PRESENT, EnumSet.of(U7_CALL_RECEIVED, U8_CONNECT_REQUEST, U9_INCOMING_CALL_PROCEEDING,
                U11_RELEASE_REQUEST, U12_RELEASE_INDICATION, U0_NULL));
        NEXT.put(U7_CALL_RECEIVED, EnumSet.of(U8_CONNECT_REQUEST, U11_RELEASE_REQUEST, U12_RELEASE_INDICATION,
                U0_NULL));
        NEXT.put(U8_CONNECT_REQUEST, EnumSet.of(U10_ACTIVE, U11_RELEASE_REQUEST, U12_RELEASE_INDICATION, U0_NULL));
        NEXT.put(U9_INCOMING_CALL_PROCEEDING, EnumSet.of(U7_CALL_RECEIVED, U8_CONNECT_REQUEST, U11_RELEASE_REQUEST,
                U12_RELEASE_INDICATION, U0_NULL));
        NEXT.put(U10_ACTIVE, EnumSet.of(U11_RELEASE_REQUEST, U12_RELEASE_INDICATION, U0_NULL));
        NEXT.put(U11_RELEASE_REQUEST, EnumSet.of(U0_NULL));
        NEXT.put(U12_RELEASE_INDICATION, EnumSet.of(U0_NULL));
    }

    private final int code;

    UniCallState(int code) {
        this.code = code;
    }

    /** @return the call state value coded in the call state information element */
    public int code() {
        return code;
    }

    /**
     * @param next a state
     * @return whether the table allows moving from this state to {@code next}
     */
    public boolean canMoveTo(UniCallState next) {
        return NEXT.get(this).contains(next);
    }

    /** @return the states this one may move to (unmodifiable) */
    public Set<UniCallState> next() {
        return Collections.unmodifiableSet(NEXT.get(this));
    }

    /** @return whether the call is being cleared (U11 or U12) */
    public boolean clearing() {
        return this == U11_RELEASE_REQUEST || this == U12_RELEASE_INDICATION;
    }

    /**
     * @param code a call state value
     * @return the state with that code, or {@code null} if none
     */
    public static UniCallState fromCode(int code) {
        for (UniCallState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}

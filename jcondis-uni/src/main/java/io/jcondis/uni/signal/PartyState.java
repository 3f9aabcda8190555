package io.jcondis.uni.signal;

import io.jcondis.uni.q2931.EndpointState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Party (leaf) states of a point-to-multipoint call (Q.2971 clause 2.2), with the one table of legal moves.
 *
 * <pre>
 *  root side                                          leaf side
 *  Null --addParty: ADD PARTY, T399--&gt; AddPartyInit.  Null --ADD PARTY--&gt; AddPartyReceived
 *  AddPartyInitiated --ALERTING--&gt; AlertingDelivered  AddPartyReceived --alerting--&gt; AlertingReceived
 *  AddPartyInit./AlertingDel. --ADD PARTY ACK (or CONNECT, first party)--&gt; Active
 *  AddPartyInit./AlertingDel. --ADD PARTY REJECT--&gt; Null
 *                                 AddPartyRcvd/AlertingRcvd --acceptAddParty: ADD PARTY ACK--&gt; Active
 *                                 AddPartyRcvd/AlertingRcvd --rejectAddParty: ADD PARTY REJECT--&gt; Null
 *  any --dropParty: DROP PARTY, T398--&gt; DropPartyInitiated --DROP PARTY ACK or T398--&gt; Null
 *  any --DROP PARTY--&gt; DropPartyReceived --DROP PARTY ACK sent--&gt; Null
 * </pre>
 * A party whose last move is to {@link #NULL} is forgotten; when the last party of an active call goes, the call
 * is released.
 */
public enum PartyState {
    /** Null. */
    NULL(EndpointState.NULL),
    /** Add Party Initiated: ADD PARTY (or the SETUP, for the first party) sent. */
    ADD_PARTY_INITIATED(EndpointState.ADD_PARTY_INITIATED),
    /** Party Alerting Delivered: the leaf alerts (root side). */
    PARTY_ALERTING_DELIVERED(EndpointState.PARTY_ALERTING_DELIVERED),
    /** Add Party Received: ADD PARTY (or the SETUP) received. */
    ADD_PARTY_RECEIVED(EndpointState.ADD_PARTY_RECEIVED),
    /** Party Alerting Received: this leaf alerts (leaf side). */
    PARTY_ALERTING_RECEIVED(EndpointState.PARTY_ALERTING_RECEIVED),
    /** Active. */
    ACTIVE(EndpointState.ACTIVE),
    /** Drop Party Initiated: DROP PARTY sent. */
    DROP_PARTY_INITIATED(EndpointState.DROP_PARTY_INITIATED),
    /** Drop Party Received: DROP PARTY received (DROP PARTY ACKNOWLEDGE is sent at once). */
    DROP_PARTY_RECEIVED(EndpointState.DROP_PARTY_RECEIVED);

    private static final Map<PartyState, Set<PartyState>> NEXT = new EnumMap<>(PartyState.class);

    static {
        Set<PartyState> drop = EnumSet.of(DROP_PARTY_INITIATED, DROP_PARTY_RECEIVED, NULL);
        NEXT.put(NULL, EnumSet.of(ADD_PARTY_INITIATED, ADD_PARTY_RECEIVED));
        NEXT.put(ADD_PARTY_INITIATED, with(drop, PARTY_ALERTING_DELIVERED, ACTIVE));
        NEXT.put(PARTY_ALERTING_DELIVERED, with(drop, ACTIVE));
        NEXT.put(ADD_PARTY_RECEIVED, with(drop, PARTY_ALERTING_RECEIVED, ACTIVE));
        NEXT.put(PARTY_ALERTING_RECEIVED, with(drop, ACTIVE));
        NEXT.put(ACTIVE, EnumSet.copyOf(drop));
        NEXT.put(DROP_PARTY_INITIATED, EnumSet.of(NULL));
        NEXT.put(DROP_PARTY_RECEIVED, EnumSet.of(NULL));
    }

    private final int code;

    PartyState(int code) {
        this.code = code;
    }

    private static Set<PartyState> with(Set<PartyState> base, PartyState... more) {
        Set<PartyState> s = EnumSet.copyOf(base);
        s.addAll(EnumSet.of(more[0], more));
        return s;
    }

    /** @return the party state value coded in the endpoint state information element */
    public int code() {
        return code;
    }

    /**
     * @param next a state
     * @return whether the table allows moving from this state to {@code next}
     */
    public boolean canMoveTo(PartyState next) {
        return NEXT.get(this).contains(next);
    }

    /** @return the states this one may move to (unmodifiable) */
    public Set<PartyState> next() {
        return Collections.unmodifiableSet(NEXT.get(this));
    }

    /** @return whether the party is waiting for the answer to an ADD PARTY (either side) */
    public boolean adding() {
        return this == ADD_PARTY_INITIATED || this == PARTY_ALERTING_DELIVERED || this == ADD_PARTY_RECEIVED
                || this == PARTY_ALERTING_RECEIVED;
    }
}

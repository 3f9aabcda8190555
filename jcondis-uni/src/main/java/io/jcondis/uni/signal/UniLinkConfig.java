package io.jcondis.uni.signal;

import io.jcondis.uni.q2931.Q2931Timers;
import java.time.Duration;
import java.util.Objects;

/**
 * Side and timer values of one {@link UniLink}. {@link #defaults(Side)} takes the values of {@link Q2931Timers}
 * (Q.2931 clause 9, Q.2971 clause 9, Q.2963.1) for the given side.
 *
 * @param side  which side of the UNI this link plays
 * @param t303  SETUP answer timer
 * @param t308  RELEASE answer timer
 * @param t309  signalling-link re-establishment timer for active calls
 * @param t310  CALL PROCEEDING to ALERTING/CONNECT timer
 * @param t313  CONNECT answer timer
 * @param t322  STATUS ENQUIRY answer timer
 * @param t360  MODIFY REQUEST answer timer
 * @param t398  DROP PARTY answer timer
 * @param t399  ADD PARTY answer timer
 * @param networkModify the jcondis extension of Q.2963.1 for a network-initiated QoS change (docs/uni.md, GAP
 *              decision "QoS change towards the owner"): on the network side, {@link UniLink#modify} may send MODIFY
 *              REQUEST towards the call's owner; on the user side, the owner accepts such a MODIFY REQUEST (answers
 *              MODIFY ACKNOWLEDGE or REJECT) instead of refusing it with cause 63. Off in {@link #defaults(Side)}
 *              (plain Q.2963.1: only the owner modifies); jcondis nodes and fabrics turn it on
 */
public record UniLinkConfig(Side side, Duration t303, Duration t308, Duration t309, Duration t310, Duration t313,
                            Duration t322, Duration t360, Duration t398, Duration t399, boolean networkModify) {

    /**
     * A configuration without the network-modify extension.
     *
     * @param side the side
     * @param t303 SETUP answer timer
     * @param t308 RELEASE answer timer
     * @param t309 link re-establishment timer
     * @param t310 CALL PROCEEDING timer
     * @param t313 CONNECT answer timer
     * @param t322 STATUS ENQUIRY answer timer
     * @param t360 MODIFY REQUEST answer timer
     * @param t398 DROP PARTY answer timer
     * @param t399 ADD PARTY answer timer
     */
    public UniLinkConfig(Side side, Duration t303, Duration t308, Duration t309, Duration t310, Duration t313,
                         Duration t322, Duration t360, Duration t398, Duration t399) {
        this(side, t303, t308, t309, t310, t313, t322, t360, t398, t399, false);
    }

    /** @throws IllegalArgumentException if a duration is not positive */
    public UniLinkConfig {
        Objects.requireNonNull(side, "side");
        for (Duration d : new Duration[] {t303, t308, t309, t310, t313, t322, t360, t398, t399}) {
            Objects.requireNonNull(d, "timer");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("timer values must be positive: " + d);
            }
        }
    }

    /**
     * @param side the side
     * @return the recommendation's defaults for that side
     */
    public static UniLinkConfig defaults(Side side) {
        boolean user = side == Side.USER;
        return new UniLinkConfig(side, Q2931Timers.T303, Q2931Timers.T308, Q2931Timers.T309,
                user ? Q2931Timers.T310_USER : Q2931Timers.T310_NETWORK, Q2931Timers.T313, Q2931Timers.T322,
                Q2931Timers.T360, Q2931Timers.T398, user ? Q2931Timers.T399_USER : Q2931Timers.T399_NETWORK);
    }

    /**
     * @param on whether the network-modify extension is on
     * @return a copy with it
     */
    public UniLinkConfig withNetworkModify(boolean on) {
        return new UniLinkConfig(side, t303, t308, t309, t310, t313, t322, t360, t398, t399, on);
    }

    /**
     * @param timer a timer
     * @return its value in nanoseconds
     */
    public long nanos(UniTimer timer) {
        Duration d = switch (timer) {
            case T303 -> t303;
            case T308 -> t308;
            case T309 -> t309;
            case T310 -> t310;
            case T313 -> t313;
            case T322 -> t322;
            case T360 -> t360;
            case T398 -> t398;
            case T399 -> t399;
        };
        return d.toNanos();
    }
}

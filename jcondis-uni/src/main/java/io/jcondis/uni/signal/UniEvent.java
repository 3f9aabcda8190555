package io.jcondis.uni.signal;

import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.Cause;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.UserUserInformation;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link UniLink} tells its user, in order, through {@link UniListener#onEvent}.
 *
 * <p>Every call the user learns of (by {@link UniLink#setup} or a {@link MessageReceived} carrying SETUP) ends
 * with exactly one {@link CallCleared}; every party added ends with one {@link PartyCleared} unless its call
 * is cleared first (clearing a call clears its parties without further events). Every message a call accepts is
 * reported by a {@link MessageReceived} with the decoded elements; outcomes follow it ({@link CallActive},
 * {@link CallCleared}, ...). Every timer expiry is reported by a {@link TimerExpired} before its outcome.
 */
public sealed interface UniEvent {

    /** Why a call or party was cleared. */
    enum ClearReason {
        /** This side's user asked (release, reject, drop). */
        LOCAL,
        /** The peer cleared (RELEASE, RELEASE COMPLETE, ADD PARTY REJECT, DROP PARTY). */
        PEER,
        /** A timer ran out (T303, T308, T310, T313, T322, T360, T398, T399). */
        TIMER,
        /** The signalling association failed (Q.2931 5.6.9; T309 for active calls). */
        LINK_FAILURE,
        /** A protocol error (unexpected or malformed message, STATUS with an incompatible state). */
        PROTOCOL_ERROR
    }

    /** The signalling association is up (AA-ESTABLISH confirm or indication). */
    record LinkUp() implements UniEvent {
    }

    /** The signalling association went down (AA-RELEASE.indication, or establishment failed). */
    record LinkDown() implements UniEvent {
    }

    /**
     * A message was received for a call and accepted in its state.
     *
     * @param call    the call
     * @param message the decoded message, with every element
     */
    record MessageReceived(UniCallId call, Q2931Message message) implements UniEvent {
        /** @throws NullPointerException if an argument is {@code null} */
        public MessageReceived {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The call reached U10 Active (CONNECT received, or CONNECT ACKNOWLEDGE received after CONNECT).
     *
     * @param call the call
     */
    record CallActive(UniCallId call) implements UniEvent {
    }

    /**
     * The call is gone (U0); its handle is now stale.
     *
     * @param call     the call
     * @param cause    the cause sent or received (cause 31 if the peer sent none)
     * @param reason   why
     * @param userUser the user-user information (Q.2957) of the peer's RELEASE or RELEASE COMPLETE that cleared the
     *                 call ({@link ClearReason#PEER}); empty when the peer sent none or the call ended otherwise
     */
    record CallCleared(UniCallId call, Cause cause, ClearReason reason, Optional<UserUserInformation> userUser)
            implements UniEvent {
        /** @throws NullPointerException if an argument is {@code null} */
        public CallCleared {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(userUser, "userUser");
        }

        /**
         * Without user-user information.
         *
         * @param call   the call
         * @param cause  the cause
         * @param reason why
         */
        public CallCleared(UniCallId call, Cause cause, ClearReason reason) {
            this(call, cause, reason, Optional.empty());
        }

        /** @return the cause value, if standard */
        public Optional<CauseValue> causeValue() {
            return cause.standardValue();
        }
    }

    /**
     * A party of a point-to-multipoint call became active.
     *
     * @param call              the call
     * @param endpointReference the party's endpoint reference value
     */
    record PartyActive(UniCallId call, int endpointReference) implements UniEvent {
    }

    /**
     * A party is gone (Null) while its call goes on (or is released because it was the last party).
     *
     * @param call              the call
     * @param endpointReference the party's endpoint reference value
     * @param cause             the cause sent or received
     * @param reason            why
     * @param userUser          the user-user information (Q.2957) of the peer's DROP PARTY that cleared the party;
     *                          empty when the peer sent none or the party ended otherwise
     */
    record PartyCleared(UniCallId call, int endpointReference, Cause cause, ClearReason reason,
                        Optional<UserUserInformation> userUser) implements UniEvent {
        /** @throws NullPointerException if an argument is {@code null} */
        public PartyCleared {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(userUser, "userUser");
        }

        /**
         * Without user-user information.
         *
         * @param call              the call
         * @param endpointReference the party's endpoint reference value
         * @param cause             the cause
         * @param reason            why
         */
        public PartyCleared(UniCallId call, int endpointReference, Cause cause, ClearReason reason) {
            this(call, endpointReference, cause, reason, Optional.empty());
        }
    }

    /**
     * The answer to this side's MODIFY REQUEST (Q.2963.1) arrived, or T360 ran out.
     *
     * @param call              the call
     * @param accepted          whether the new traffic descriptor is in force
     * @param trafficDescriptor the descriptor in force now
     * @param cause             the cause of a rejection or failure, empty when accepted
     */
    record ModifyCompleted(UniCallId call, boolean accepted, AtmTrafficDescriptor trafficDescriptor,
                           Optional<Cause> cause) implements UniEvent {
        /** @throws NullPointerException if an argument is {@code null} */
        public ModifyCompleted {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(trafficDescriptor, "trafficDescriptor");
            Objects.requireNonNull(cause, "cause");
        }
    }

    /**
     * A call-control timer expired; the outcome follows as its own event(s).
     *
     * @param call              the call
     * @param timer             which timer
     * @param expiry            1 for the first expiry, 2 for the second (T303, T308, T322)
     * @param endpointReference the party, for T398 and T399; -1 otherwise
     */
    record TimerExpired(UniCallId call, UniTimer timer, int expiry, int endpointReference) implements UniEvent {
    }

    /**
     * A received message was not accepted: malformed, for an unknown call reference, or not compatible with the call
     * state. The response the recommendation asks for has been sent.
     *
     * @param call            the call, empty if none
     * @param messageTypeCode the message type, -1 if undecodable
     * @param cause           the diagnosis (cause 81, 96, 97, 99, 100, 101, ...)
     * @param detail          what was wrong, for logs
     */
    record ProtocolError(Optional<UniCallId> call, int messageTypeCode, CauseValue cause, String detail)
            implements UniEvent {
        /** @throws NullPointerException if an argument is {@code null} */
        public ProtocolError {
            Objects.requireNonNull(call, "call");
            Objects.requireNonNull(cause, "cause");
            Objects.requireNonNull(detail, "detail");
        }
    }
}

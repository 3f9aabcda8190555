/**
 * Q.2931 call control over SSCOP: one {@link io.jcondis.uni.signal.UniLink} per signalling association, owning the
 * point-to-point and point-to-multipoint (Q.2971) calls on it and their modification (Q.2963.1).
 *
 * <ul>
 *   <li>{@link io.jcondis.uni.signal.UniLink}: the engine: requests from its user, AA-signals from its SSCOP entity,
 *       timer expiries in; Q.2931 messages (AA-DATA requests) and {@link io.jcondis.uni.signal.UniEvent}s out.</li>
 *   <li>{@link io.jcondis.uni.signal.UniCallState}, {@link io.jcondis.uni.signal.PartyState}: the call states of
 *       Q.2931 clause 2 and the party states of Q.2971, each one enum with its transition table.</li>
 *   <li>{@link io.jcondis.uni.signal.Saal}: the engine's view of the signalling AAL (an {@code Sscop}).</li>
 * </ul>
 */
package io.jcondis.uni.signal;

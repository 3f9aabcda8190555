package io.jcondis.uni.signal;

/**
 * Which side of the UNI a {@link UniLink} plays. Call control is symmetric (either side may originate calls, the
 * call reference flag tells originator from responder); the side only selects what Q.2931 defines differently for
 * the two sides: the T310 and T399 values (Q.2931 Table 9-1/9-2, Q.2971 clause 9) and the location coded in the
 * causes this side generates (user, or private network serving the local user).
 */
public enum Side {
    /** The user side (terminal equipment). */
    USER,
    /** The network side (switch). */
    NETWORK
}

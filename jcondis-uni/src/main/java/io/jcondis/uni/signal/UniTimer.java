package io.jcondis.uni.signal;

/** The call-control timers a {@link UniLink} runs (Q.2931 clause 9, Q.2971 clause 9, Q.2963.1). */
public enum UniTimer {
    /** SETUP sent; first expiry resends SETUP, second sends RELEASE COMPLETE (cause 102) and clears. */
    T303,
    /** RELEASE sent; first expiry resends RELEASE, second releases the call reference locally. */
    T308,
    /** Signalling link lost with the call active; expiry clears the call (cause 27), re-establishment stops it. */
    T309,
    /** CALL PROCEEDING received; expiry clears the call with RELEASE (cause 102). */
    T310,
    /** CONNECT sent; CONNECT ACKNOWLEDGE stops it, expiry clears the call with RELEASE (cause 102). */
    T313,
    /** STATUS ENQUIRY sent; STATUS stops it; first expiry resends, second clears the call (cause 41). */
    T322,
    /** MODIFY REQUEST sent (Q.2963.1); MODIFY ACKNOWLEDGE or REJECT stops it, expiry clears the call (cause 102). */
    T360,
    /** DROP PARTY sent (Q.2971); DROP PARTY ACKNOWLEDGE stops it, expiry releases the party locally. */
    T398,
    /** ADD PARTY sent (Q.2971); ADD PARTY ACKNOWLEDGE or REJECT stops it, expiry drops the party (cause 102). */
    T399
}

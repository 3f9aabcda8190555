package io.jcondis.uni.q2931;

import java.time.Duration;

/**
 * Default values of the Q.2931 call-control timers and the Q.2971 party timers.
 *
 * <p>Source: ITU-T Q.2931 (02/95) clause 9 (Table 9-1 network side, Table 9-2 user side) and Q.2971 (10/95)
 * clause 9. The values were cross-checked against the defaults of the public FreeBSD ngatm (libunimsg) UNI 4.0
 * implementation ({@code netnatm/sig/unidef.h}), which follows those tables. Where the recommendation gives a
 * range or differs between the user and network side, both constants are given.
 */
public final class Q2931Timers {
    /** T303: started when SETUP is sent; on first expiry SETUP is sent once more. Default 4 s. */
    public static final Duration T303 = Duration.ofSeconds(4);
    /** Number of T303 expiries before the call is cleared (SETUP is sent at most twice). */
    public static final int T303_EXPIRIES = 2;
    /** T308: started when RELEASE is sent; on first expiry RELEASE is sent once more. Default 30 s. */
    public static final Duration T308 = Duration.ofSeconds(30);
    /** Number of T308 expiries before the call reference is released locally. */
    public static final int T308_EXPIRIES = 2;
    /** T309: started when the SAAL connection fails; active calls are cleared on expiry. Default 10 s. */
    public static final Duration T309 = Duration.ofSeconds(10);
    /** T310, user side: started when CALL PROCEEDING is received; range 30-120 s, default 30 s. */
    public static final Duration T310_USER = Duration.ofSeconds(30);
    /** T310, network side: started when CALL PROCEEDING is received. Default 10 s. */
    public static final Duration T310_NETWORK = Duration.ofSeconds(10);
    /** T313 (user side): started when CONNECT is sent, stopped by CONNECT ACKNOWLEDGE. Default 4 s. */
    public static final Duration T313 = Duration.ofSeconds(4);
    /** T316: started when RESTART is sent. Default 2 min. */
    public static final Duration T316 = Duration.ofMinutes(2);
    /** T322: started when STATUS ENQUIRY is sent. Default 4 s. */
    public static final Duration T322 = Duration.ofSeconds(4);
    /** T397 (Q.2971): started when PARTY ALERTING is received. Default 3 min. */
    public static final Duration T397 = Duration.ofMinutes(3);
    /** T398 (Q.2971): started when DROP PARTY is sent, stopped by DROP PARTY ACKNOWLEDGE. Default 4 s. */
    public static final Duration T398 = Duration.ofSeconds(4);
    /** T399 (Q.2971), user side: started when ADD PARTY is sent; T303 + T310 user side, so 34 s by default. */
    public static final Duration T399_USER = T303.plus(T310_USER);
    /** T399 (Q.2971), network side: started when ADD PARTY is sent; T303 + T310 network side = 14 s. */
    public static final Duration T399_NETWORK = T303.plus(T310_NETWORK);

    /**
     * T360 (Q.2963.1): started when MODIFY REQUEST is sent, stopped by MODIFY ACKNOWLEDGE or MODIFY REJECT; on
     * expiry the call is cleared with cause 102. Default 30 s.
     */
    public static final Duration T360 = Duration.ofSeconds(30);

    private Q2931Timers() {
    }
}

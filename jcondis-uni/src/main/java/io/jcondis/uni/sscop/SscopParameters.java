package io.jcondis.uni.sscop;

import java.time.Duration;

/**
 * Default SSCOP protocol parameters (the timers and counters Q.2110 defines).
 *
 * <p>Q.2110 defines the parameters but leaves their values to the SSCOP user's layer management. The values here
 * are the ones used for the signalling AAL at the UNI (SSCF-UNI, ITU-T Q.2130, as implemented for ATM Forum
 * UNI 3.1/4.0 signalling); the only public source they were checked against is the default table of the FreeBSD
 * ngatm SSCOP ({@code netnatm/saal/sscoppriv.h}). ITU-T Q.2111 (SSCOP over IP) was not available to check
 * whether it recommends different values for IP paths with longer round-trip times: treat these as starting
 * points and make them configurable.
 */
public final class SscopParameters {
    /** Timer_CC: retransmission interval for unacknowledged BGN, END, RS and ER PDUs. 1 s. */
    public static final Duration TIMER_CC = Duration.ofMillis(1000);
    /** Timer_POLL: interval between POLL PDUs while SD PDUs are outstanding. 750 ms. */
    public static final Duration TIMER_POLL = Duration.ofMillis(750);
    /** Timer_KEEP-ALIVE: interval between POLL PDUs when nothing is outstanding (transient phase). 2 s. */
    public static final Duration TIMER_KEEP_ALIVE = Duration.ofMillis(2000);
    /** Timer_NO-RESPONSE: longest time without a STAT PDU before the connection is declared failed. 7 s. */
    public static final Duration TIMER_NO_RESPONSE = Duration.ofMillis(7000);
    /** Timer_IDLE: length of the idle phase before keep-alive polling resumes. 15 s. */
    public static final Duration TIMER_IDLE = Duration.ofMillis(15000);
    /** MaxCC: maximum number of BGN, END, ER or RS retransmissions (VT(CC) limit). 4. */
    public static final int MAX_CC = 4;
    /** MaxPD: SD PDUs sent between two POLLs (VT(PD) limit). 25. */
    public static final int MAX_PD = 25;
    /** MaxSTAT: maximum number of list elements in one STAT PDU (odd, at least 3). 67. */
    public static final int MAX_STAT = 67;

    private SscopParameters() {
    }
}

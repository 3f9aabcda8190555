package io.jcondis.uni.sscop;

/**
 * The protocol parameters of one {@link Sscop} entity (Q.2110 clauses 7.6 timers, 7.7 parameters, 7.8 credit).
 * Immutable; {@link #defaults()} takes the values of {@link SscopParameters}.
 *
 * @param timerCcNs         Timer_CC: interval between retransmissions of BGN, END, RS and ER
 * @param timerPollNs       Timer_POLL: interval between POLLs while SDs are outstanding (active phase)
 * @param timerKeepAliveNs  Timer_KEEP-ALIVE: interval between POLLs when nothing is outstanding (transient phase)
 * @param timerNoResponseNs Timer_NO-RESPONSE: longest time without a STAT before the connection is given up
 * @param timerIdleNs       Timer_IDLE: length of the idle phase, after which keep-alive polling resumes
 * @param maxCc             MaxCC: transmissions of BGN, END, RS or ER before giving up
 * @param maxPd             MaxPD: SDs sent between two POLLs at most
 * @param maxStat           MaxSTAT: list elements per STAT PDU at most (odd, at least 3); longer lists are split
 * @param receiveWindow     credit granted to the peer: VR(MR) = VR(R) + receiveWindow (1 .. 2^23 - 1)
 * @param maxTransmitQueue  SDUs an AA-DATA.request may queue before it is refused with RESOURCES
 */
public record SscopConfig(long timerCcNs, long timerPollNs, long timerKeepAliveNs, long timerNoResponseNs,
                          long timerIdleNs, int maxCc, int maxPd, int maxStat, int receiveWindow,
                          int maxTransmitQueue) {

    /** Default credit: enough for a burst of signalling messages, small enough to bound the buffers. */
    public static final int DEFAULT_RECEIVE_WINDOW = 128;
    /** Default limit of the transmission queue. */
    public static final int DEFAULT_MAX_TRANSMIT_QUEUE = 65_536;

    /** @throws IllegalArgumentException if a value is out of range */
    public SscopConfig {
        positive(timerCcNs, "timerCcNs");
        positive(timerPollNs, "timerPollNs");
        positive(timerKeepAliveNs, "timerKeepAliveNs");
        positive(timerNoResponseNs, "timerNoResponseNs");
        positive(timerIdleNs, "timerIdleNs");
        positive(maxCc, "maxCc");
        positive(maxPd, "maxPd");
        positive(maxTransmitQueue, "maxTransmitQueue");
        if (maxStat < 3 || maxStat % 2 == 0) {
            throw new IllegalArgumentException("maxStat must be odd and at least 3: " + maxStat);
        }
        // Half the sequence space at most: window-relative comparisons need the other half to tell old from new.
        if (receiveWindow < 1 || receiveWindow >= SeqNum.MODULUS / 2) {
            throw new IllegalArgumentException("receiveWindow out of range: " + receiveWindow);
        }
    }

    /** @return the defaults of {@link SscopParameters}, a window of 128 and a queue of 65536 SDUs */
    public static SscopConfig defaults() {
        return new SscopConfig(SscopParameters.TIMER_CC.toNanos(), SscopParameters.TIMER_POLL.toNanos(),
                SscopParameters.TIMER_KEEP_ALIVE.toNanos(), SscopParameters.TIMER_NO_RESPONSE.toNanos(),
                SscopParameters.TIMER_IDLE.toNanos(), SscopParameters.MAX_CC, SscopParameters.MAX_PD,
                SscopParameters.MAX_STAT, DEFAULT_RECEIVE_WINDOW, DEFAULT_MAX_TRANSMIT_QUEUE);
    }

    /**
     * @param window the credit to grant the peer
     * @return a copy with that receive window
     */
    public SscopConfig withReceiveWindow(int window) {
        return new SscopConfig(timerCcNs, timerPollNs, timerKeepAliveNs, timerNoResponseNs, timerIdleNs, maxCc,
                maxPd, maxStat, window, maxTransmitQueue);
    }

    /**
     * @param n the largest number of list elements in one STAT PDU
     * @return a copy with that MaxSTAT
     */
    public SscopConfig withMaxStat(int n) {
        return new SscopConfig(timerCcNs, timerPollNs, timerKeepAliveNs, timerNoResponseNs, timerIdleNs, maxCc,
                maxPd, n, receiveWindow, maxTransmitQueue);
    }

    /**
     * @param n SDUs the transmission queue holds at most
     * @return a copy with that limit
     */
    public SscopConfig withMaxTransmitQueue(int n) {
        return new SscopConfig(timerCcNs, timerPollNs, timerKeepAliveNs, timerNoResponseNs, timerIdleNs, maxCc,
                maxPd, maxStat, receiveWindow, n);
    }

    private static void positive(long v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + v);
        }
    }
}

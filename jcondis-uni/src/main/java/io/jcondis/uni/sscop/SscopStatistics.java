package io.jcondis.uni.sscop;

import java.util.Map;

/**
 * A snapshot of one {@link Sscop} entity's counters and buffer occupancy. Counters only grow over the entity's
 * life; the buffer figures are current (all zero once the entity is idle: nothing is kept across connections).
 *
 * @param datagramsReceived  datagrams given to {@link Sscop#receive}
 * @param malformedDatagrams of those, the ones that did not decode as an SSCOP PDU (dropped, no state change)
 * @param pdusSent           PDUs handed to {@link SscopOutput#transmit}
 * @param sdsSent            SD PDUs sent for the first time
 * @param sdsRetransmitted   SD PDUs sent again after a STAT or USTAT reported them missing
 * @param sdsDelivered       SDUs given to the user (AA-DATA.indication)
 * @param duplicateSds       SD PDUs dropped because their N(S) was already delivered or buffered
 * @param sdsBeyondCredit    SD PDUs dropped because their N(S) was at or above VR(MR): the peer overran its credit
 * @param stalePdus          POLL, STAT and USTAT PDUs ignored as overtaken by newer ones (reordered or duplicated)
 * @param pollsSent          POLL PDUs sent
 * @param statsSent          STAT PDUs sent
 * @param ustatsSent         USTAT PDUs sent
 * @param maaErrors          MAA-ERROR reports by code (codes never reported are absent)
 * @param transmitQueued     SDUs waiting in the transmission queue now
 * @param transmitBuffered   SDs sent and not yet acknowledged now (the transmission buffer)
 * @param receiveBuffered    SDs received out of sequence and held now (the receive buffer)
 */
public record SscopStatistics(long datagramsReceived, long malformedDatagrams, long pdusSent, long sdsSent,
                              long sdsRetransmitted, long sdsDelivered, long duplicateSds, long sdsBeyondCredit,
                              long stalePdus, long pollsSent, long statsSent, long ustatsSent,
                              Map<MaaError, Long> maaErrors, int transmitQueued, int transmitBuffered,
                              int receiveBuffered) {

    /** Copies the map. */
    public SscopStatistics {
        maaErrors = Map.copyOf(maaErrors);
    }

    /**
     * @param code an MAA-ERROR code
     * @return how often it was reported
     */
    public long maaErrors(MaaError code) {
        return maaErrors.getOrDefault(code, 0L);
    }
}

package io.jcondis.uni.data;

import io.jcondis.api.FlowSpec;

/**
 * The traffic contract a VC's sender is shaped to: the dual leaky bucket of ITU-T I.371 (GCRA on the peak rate
 * with its tolerance, GCRA on the sustainable rate with the burst tolerance), counted in bytes as
 * {@link FlowSpec} counts them.
 *
 * <p><b>Units.</b> Rates are bytes per second and bursts are bytes, of CPCS-SDU payload (the {@code Packet}
 * bytes a client sends; the frame header, PAD, trailer and UDP/IP headers are not counted), like FLOWSPEC's
 * TokenRate, TokenBucketSize and PeakBandwidth. {@link #UNLIMITED} means "not policed".
 *
 * <p><b>Meaning.</b> Over any interval of length {@code d} seconds the sender emits at most
 * {@code sustainedBurstBytes + sustainedRateBps * d} bytes and at most {@code peakBurstBytes + peakRateBps * d}
 * bytes. A frame larger than a burst may still leave when that bucket is full; it is charged in full, so the
 * long-run rate holds. See {@link DualTokenBucket}.
 *
 * @param peakRateBps         peak rate (PCR as bytes/s), at least 1, or {@link #UNLIMITED}
 * @param peakBurstBytes      peak bucket depth (the CDVT as bytes), at least 1
 * @param sustainedRateBps    sustainable rate (SCR as bytes/s), at least 1, or {@link #UNLIMITED}
 * @param sustainedBurstBytes sustainable bucket depth (burst tolerance as bytes), at least 1
 */
public record TrafficContract(long peakRateBps, long peakBurstBytes, long sustainedRateBps,
                              long sustainedBurstBytes) {
    /** A rate that is not policed. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** Largest bucket depth, 2^32 bytes (a FLOWSPEC ULONG); larger values are clamped by {@link #fromFlowSpec}. */
    public static final long MAX_BURST_BYTES = 1L << 32;
    /** No shaping at all (best effort). */
    public static final TrafficContract UNSHAPED = new TrafficContract(UNLIMITED, VcFrameCodec.MAX_PAYLOAD_BYTES,
            UNLIMITED, VcFrameCodec.MAX_PAYLOAD_BYTES);

    /** @throws IllegalArgumentException if a value is out of range */
    public TrafficContract {
        if (peakRateBps < 1 || sustainedRateBps < 1) {
            throw new IllegalArgumentException("rates must be at least 1 byte/s: peak=" + peakRateBps
                    + ", sustained=" + sustainedRateBps);
        }
        if (peakBurstBytes < 1 || peakBurstBytes > MAX_BURST_BYTES || sustainedBurstBytes < 1
                || sustainedBurstBytes > MAX_BURST_BYTES) {
            throw new IllegalArgumentException("bursts must be 1.." + MAX_BURST_BYTES + " bytes: peak="
                    + peakBurstBytes + ", sustained=" + sustainedBurstBytes);
        }
    }

    /**
     * The contract for one direction of a call. Fields left at {@code QOS_NOT_SPECIFIED} or 0 are not policed:
     * <ul>
     *   <li>peak rate: {@code peakBandwidthBps};</li>
     *   <li>peak burst: {@code maxSduSizeBytes}, or the largest frame, so one whole SDU may leave at once;</li>
     *   <li>sustained rate: {@code tokenRateBps}, or the peak rate;</li>
     *   <li>sustained burst: {@code tokenBucketSizeBytes}, or the peak burst.</li>
     * </ul>
     *
     * @param flow the flowspec (bytes/s and bytes)
     * @return the contract
     */
    public static TrafficContract fromFlowSpec(FlowSpec flow) {
        long peak = specified(flow.peakBandwidthBps()) ? flow.peakBandwidthBps() : UNLIMITED;
        long peakBurst = specified(flow.maxSduSizeBytes()) ? flow.maxSduSizeBytes() : VcFrameCodec.MAX_PAYLOAD_BYTES;
        long rate = specified(flow.tokenRateBps()) ? flow.tokenRateBps() : peak;
        long burst = specified(flow.tokenBucketSizeBytes()) ? flow.tokenBucketSizeBytes() : peakBurst;
        return new TrafficContract(peak, Math.min(peakBurst, MAX_BURST_BYTES), rate, Math.min(burst, MAX_BURST_BYTES));
    }

    /**
     * @param peakRateBps      peak rate, bytes/s
     * @param sustainedRateBps sustainable rate, bytes/s
     * @param burstBytes       sustainable bucket depth, bytes; also the peak bucket depth
     * @return a shaped contract
     */
    public static TrafficContract of(long peakRateBps, long sustainedRateBps, long burstBytes) {
        return new TrafficContract(peakRateBps, burstBytes, sustainedRateBps, burstBytes);
    }

    /** @return {@code true} if neither rate is policed */
    public boolean unshaped() {
        return peakRateBps == UNLIMITED && sustainedRateBps == UNLIMITED;
    }

    private static boolean specified(long v) {
        return v != FlowSpec.NOT_SPECIFIED && v > 0;
    }
}

package io.jcondis.uni.data;

/**
 * The dual leaky bucket of ITU-T I.371 for a {@link TrafficContract}: two GCRAs (virtual scheduling form), one on
 * the peak rate and one on the sustainable rate, over frames of varying size counted in bytes. Time comes from
 * the caller (a {@code nanoTime}-like clock), so tests drive it with a manual clock.
 *
 * <p>Each bucket keeps a theoretical arrival time TAT. A frame of {@code s} bytes costs
 * {@code inc = ceil(s * 1e9 / rate)} ns; the tolerance is {@code L = burst * 1e9 / rate} ns. The frame conforms at
 * time {@code t} when {@code max(t, TAT) + inc - t <= L} (the bucket holds {@code s} tokens), or, for a frame
 * larger than the burst, when {@code TAT <= t} (the bucket is full). Sending it sets
 * {@code TAT = max(t, TAT) + inc}. Rounding the cost up keeps the long-run rate at or below the contract.
 *
 * <pre>
 *   tokens(t) = burst - rate * (TAT - t)     frame conforms when tokens(t) &gt;= s  (or tokens = burst)
 *   |&lt;-- L --&gt;|
 *   t ------- TAT ----&gt; time                  each frame pushes TAT by s / rate
 * </pre>
 *
 * <p>Not thread-safe: owned by the thread that sends on the VC (the data endpoint's event loop).
 */
public final class DualTokenBucket {
    private static final long NS_PER_S = 1_000_000_000L;
    /** Tolerances are capped so that {@code now + L} cannot overflow for any nanoTime-like clock in practice. */
    private static final long MAX_TOLERANCE_NS = Long.MAX_VALUE / 8;

    private final TrafficContract contract;
    private final long peakToleranceNs;
    private final long sustainedToleranceNs;
    private long peakTatNs;
    private long sustainedTatNs;

    /**
     * Both buckets start full.
     *
     * @param contract the contract
     * @param nowNs    the current time
     */
    public DualTokenBucket(TrafficContract contract, long nowNs) {
        this.contract = contract;
        this.peakToleranceNs = tolerance(contract.peakBurstBytes(), contract.peakRateBps());
        this.sustainedToleranceNs = tolerance(contract.sustainedBurstBytes(), contract.sustainedRateBps());
        this.peakTatNs = nowNs;
        this.sustainedTatNs = nowNs;
    }

    /** @return the contract */
    public TrafficContract contract() {
        return contract;
    }

    /**
     * @param bytes frame size
     * @param nowNs the current time
     * @return the earliest time, at or after {@code nowNs}, at which the frame conforms to both buckets
     */
    public long eligibleAtNs(int bytes, long nowNs) {
        long peak = eligible(peakTatNs, cost(bytes, contract.peakRateBps()), peakToleranceNs);
        long sustained = eligible(sustainedTatNs, cost(bytes, contract.sustainedRateBps()), sustainedToleranceNs);
        return Math.max(nowNs, Math.max(peak, sustained));
    }

    /**
     * @param bytes frame size
     * @param nowNs the current time
     * @return {@code true} if a frame of that size may be sent now
     */
    public boolean conforms(int bytes, long nowNs) {
        return eligibleAtNs(bytes, nowNs) == nowNs;
    }

    /**
     * Charges a frame sent at {@code nowNs} (whether or not it conformed: the caller decides).
     *
     * @param bytes frame size
     * @param nowNs the current time
     */
    public void consume(int bytes, long nowNs) {
        peakTatNs = Math.max(nowNs, peakTatNs) + cost(bytes, contract.peakRateBps());
        sustainedTatNs = Math.max(nowNs, sustainedTatNs) + cost(bytes, contract.sustainedRateBps());
    }

    private static long eligible(long tatNs, long incNs, long toleranceNs) {
        return incNs <= toleranceNs ? tatNs + incNs - toleranceNs : tatNs;
    }

    private static long cost(int bytes, long rateBps) {
        if (rateBps == TrafficContract.UNLIMITED) {
            return 0;
        }
        return (bytes * NS_PER_S + rateBps - 1) / rateBps;
    }

    private static long tolerance(long burstBytes, long rateBps) {
        if (rateBps == TrafficContract.UNLIMITED) {
            return 0;
        }
        // burst <= 2^32 and 1e9 < 2^30, so the product fits a long.
        return Math.min(burstBytes * NS_PER_S / rateBps, MAX_TOLERANCE_NS);
    }
}

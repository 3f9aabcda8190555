package io.jcondis.api;

/**
 * FLOWSPEC (Winsock QoS): one direction's traffic description. All fields are ULONGs on the wire; here they
 * are {@code long}s so that out-of-range values (negative, above {@code 0xFFFFFFFF}) can be represented and
 * refused by the runtime with {@code NDIS_STATUS_INVALID_DATA} instead of being silently truncated.
 * {@link #NOT_SPECIFIED} (QOS_NOT_SPECIFIED) leaves a field to the call manager.
 *
 * @param tokenRateBps          sustained rate, bytes per second
 * @param tokenBucketSizeBytes  bucket depth, bytes
 * @param peakBandwidthBps      peak rate, bytes per second
 * @param latencyUs             maximum latency, microseconds
 * @param delayVariationUs      delay variation, microseconds
 * @param serviceType           one of the {@code SERVICETYPE_*} values
 * @param maxSduSizeBytes       largest packet, bytes
 * @param minimumPolicedSizeBytes smallest policed packet, bytes
 */
public record FlowSpec(long tokenRateBps, long tokenBucketSizeBytes, long peakBandwidthBps, long latencyUs,
                       long delayVariationUs, long serviceType, long maxSduSizeBytes, long minimumPolicedSizeBytes) {
    /** QOS_NOT_SPECIFIED. */
    public static final long NOT_SPECIFIED = 0xFFFFFFFFL;
    /** SERVICETYPE_NOTRAFFIC. */
    public static final long SERVICETYPE_NOTRAFFIC = 0x0;
    /** SERVICETYPE_BESTEFFORT. */
    public static final long SERVICETYPE_BESTEFFORT = 0x1;
    /** SERVICETYPE_CONTROLLEDLOAD. */
    public static final long SERVICETYPE_CONTROLLEDLOAD = 0x2;
    /** SERVICETYPE_GUARANTEED. */
    public static final long SERVICETYPE_GUARANTEED = 0x3;
    /** SERVICETYPE_NOCHANGE. */
    public static final long SERVICETYPE_NOCHANGE = 0x6;

    /** A flowspec with nothing specified and best-effort service. */
    public static final FlowSpec BEST_EFFORT = new FlowSpec(NOT_SPECIFIED, NOT_SPECIFIED, NOT_SPECIFIED,
            NOT_SPECIFIED, NOT_SPECIFIED, SERVICETYPE_BESTEFFORT, NOT_SPECIFIED, NOT_SPECIFIED);

    /**
     * @param peakBandwidthBps peak rate, bytes per second
     * @param tokenRateBps     sustained rate, bytes per second
     * @param maxSduSizeBytes  largest packet
     * @return a guaranteed-service flowspec with those values, the rest not specified
     */
    public static FlowSpec guaranteed(long peakBandwidthBps, long tokenRateBps, long maxSduSizeBytes) {
        return new FlowSpec(tokenRateBps, NOT_SPECIFIED, peakBandwidthBps, NOT_SPECIFIED, NOT_SPECIFIED,
                SERVICETYPE_GUARANTEED, maxSduSizeBytes, NOT_SPECIFIED);
    }

    /**
     * @return the first field outside the ULONG range or with an unknown service type, or {@code null} when
     *         every field is well-formed
     */
    public String invalidField() {
        long[] v = {tokenRateBps, tokenBucketSizeBytes, peakBandwidthBps, latencyUs, delayVariationUs, serviceType,
            maxSduSizeBytes, minimumPolicedSizeBytes};
        String[] n = {"tokenRate", "tokenBucketSize", "peakBandwidth", "latency", "delayVariation", "serviceType",
            "maxSduSize", "minimumPolicedSize"};
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] > NOT_SPECIFIED) {
                return n[i] + "=" + v[i] + " is outside 0..0xFFFFFFFF";
            }
        }
        boolean known = serviceType <= 0x6 || serviceType == 0x9 || serviceType == 0xA || serviceType == 0xD
                || serviceType == NOT_SPECIFIED;
        return known ? null : "serviceType=0x" + Long.toHexString(serviceType) + " is not a SERVICETYPE value";
    }

    /** @return the peak rate the call asks to reserve (0 when not specified) */
    public long reservedBps() {
        return peakBandwidthBps == NOT_SPECIFIED ? 0 : peakBandwidthBps;
    }

    @Override
    public String toString() {
        return "FlowSpec{peak=" + fmt(peakBandwidthBps) + ", rate=" + fmt(tokenRateBps) + ", sdu="
                + fmt(maxSduSizeBytes) + ", service=" + fmt(serviceType) + "}";
    }

    private static String fmt(long v) {
        return v == NOT_SPECIFIED ? "-" : Long.toString(v);
    }
}

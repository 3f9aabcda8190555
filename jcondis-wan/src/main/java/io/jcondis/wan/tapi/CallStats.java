package io.jcondis.wan.tapi;

/**
 * NDISWAN's counters for a call's data link. Kept from the first line-up until close-call, also after the link
 * went down and after a drop (R40).
 *
 * @param framesSent     frames the miniport completed with SUCCESS
 * @param bytesSent      their bytes
 * @param framesReceived frames indicated up
 * @param bytesReceived  their bytes
 * @param sendErrors     sends that completed with a failure
 * @param linkSpeedBps   speed of the last line-up, bit/s (0 before any)
 * @param linkUp         whether a link is up now
 */
public record CallStats(long framesSent, long bytesSent, long framesReceived, long bytesReceived, long sendErrors,
                        long linkSpeedBps, boolean linkUp) {
}

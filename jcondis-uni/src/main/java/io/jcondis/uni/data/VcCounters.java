package io.jcondis.uni.data;

/**
 * A snapshot of one VC's counters on a {@link UdpDataEndpoint}. A sender fills the send side, a receiver the
 * receive side; bytes are payload (CPCS-SDU) bytes, as the traffic contract counts them.
 *
 * @param framesSent     frames handed to the socket (a point-to-multipoint frame counts once, however many leaves)
 * @param bytesSent      their payload bytes
 * @param framesReceived frames delivered to the receiver's sink
 * @param bytesReceived  their payload bytes
 * @param framesDelayed  frames that waited in the shaping queue for the contract
 * @param framesDropped  frames lost here: refused with RESOURCES (queue full), aborted by close, failed or sent
 *                       with no leaf; received frames whose sink threw
 */
public record VcCounters(long framesSent, long bytesSent, long framesReceived, long bytesReceived,
                         long framesDelayed, long framesDropped) {
}

package io.jcondis.uni.data;

/**
 * A snapshot of a {@link UdpDataEndpoint}'s own counters: every datagram received ends in exactly one of
 * {@code delivered}, {@code foreignSource}, {@code truncated}, {@code malformed}, {@code unknownVc}.
 *
 * @param datagramsReceived every datagram read from the socket
 * @param datagramsSent     datagrams written (one per leaf for point-to-multipoint)
 * @param delivered         frames handed to a receiver
 * @param foreignSource     datagrams from an address no receiver is open for (not decoded)
 * @param truncated         datagrams too short for their framing ({@link FrameError#truncation()})
 * @param malformed         datagrams with bad contents: HEC, PTI, CRC, length, CPI
 * @param unknownVc         well-formed frames from a known peer on a VPI/VCI with no receiver
 */
public record DataEndpointCounters(long datagramsReceived, long datagramsSent, long delivered, long foreignSource,
                                   long truncated, long malformed, long unknownVc) {
}

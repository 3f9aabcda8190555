/**
 * Tools for tests of the UNI driver over real sockets, kept in main code so that process-level tests, other
 * modules and the node itself (a capture option) can use them:
 *
 * <ul>
 *   <li>{@link io.jcondis.uni.testing.UdpFaultRelay}: a loopback UDP relay between two endpoints that drops,
 *       duplicates, delays and reorders datagrams by seeded probabilities, counts what it did, and can be paused
 *       and killed;</li>
 *   <li>{@link io.jcondis.uni.testing.PcapWriter}: a pcap file of UDP datagrams (Ethernet or raw IP link
 *       type) that tshark and Wireshark read; it is a {@link io.jcondis.uni.data.DatagramTap}, so it can record
 *       the relay's traffic, a {@link io.jcondis.uni.data.UdpDataEndpoint}'s, or any Netty datagram pipeline's
 *       through {@link io.jcondis.uni.testing.PcapCaptureHandler};</li>
 *   <li>{@link io.jcondis.uni.testing.Tshark}: runs tshark on such a capture, bounded in time, for the wire
 *       conformance tests of this module and of jcondis-node.</li>
 * </ul>
 *
 * <p>Nothing here is used by the driver's normal operation.
 */
package io.jcondis.uni.testing;

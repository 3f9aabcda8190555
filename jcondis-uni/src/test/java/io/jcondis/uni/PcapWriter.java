package io.jcondis.uni;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The original test-only pcap writer's interface (UDP datagrams from 10.0.0.1 to 10.0.0.2, one second apart, in
 * Ethernet), kept for tests written against it; the work is done by {@link io.jcondis.uni.testing.PcapWriter}.
 */
final class PcapWriter {
    private static final long T0_NS = 1_700_000_000L * 1_000_000_000L;

    private final io.jcondis.uni.testing.PcapWriter pcap =
            io.jcondis.uni.testing.PcapWriter.inMemory(io.jcondis.uni.testing.PcapWriter.LinkType.ETHERNET);
    private final InetAddress from;
    private final InetAddress to;

    PcapWriter() {
        try {
            from = InetAddress.getByAddress(new byte[] {10, 0, 0, 1});
            to = InetAddress.getByAddress(new byte[] {10, 0, 0, 2});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Appends one UDP datagram from 10.0.0.1:srcPort to 10.0.0.2:dstPort.
     *
     * @param srcPort source UDP port
     * @param dstPort destination UDP port
     * @param payload UDP payload
     */
    void udp(int srcPort, int dstPort, byte[] payload) {
        try {
            pcap.write(new InetSocketAddress(from, srcPort), new InetSocketAddress(to, dstPort),
                    ByteBuffer.wrap(payload), T0_NS + pcap.packets() * 1_000_000_000L);
        } catch (IOException e) {
            throw new IllegalStateException("in-memory pcap cannot fail", e);
        }
    }

    void writeTo(Path file) throws IOException {
        pcap.writeTo(file);
    }
}

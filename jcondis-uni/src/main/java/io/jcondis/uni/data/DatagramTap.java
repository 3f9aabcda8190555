package io.jcondis.uni.data;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Observes datagrams as they cross a socket, for captures ({@code io.jcondis.uni.testing.PcapWriter}) and
 * diagnostics. Called on the I/O thread of the socket, possibly from several sockets' threads at once: an
 * implementation must be thread-safe, fast and non-throwing (an exception is logged and otherwise ignored), and
 * must not keep {@code payload} beyond the call.
 */
@FunctionalInterface
public interface DatagramTap {
    /**
     * @param source      the sender's address
     * @param destination the receiver's address
     * @param payload     the UDP payload between position and limit (read-only, valid during the call only)
     * @param epochNanos  wall-clock time, nanoseconds since 1970-01-01T00:00Z
     */
    void onDatagram(InetSocketAddress source, InetSocketAddress destination, ByteBuffer payload, long epochNanos);

    /** @return the wall-clock time now, nanoseconds since 1970-01-01T00:00Z (microsecond precision on Linux) */
    static long epochNanosNow() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}

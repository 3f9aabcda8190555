package io.jcondis.bench.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw-socket baseline for calls: plain UDP datagrams exchanged in the order and direction of a Q.2931
 * point-to-point call set-up and release, with no protocol behind them.
 *
 * <pre>
 *   originator (A)                       responder (B)
 *      1 SETUP             ----------&gt;
 *                          &lt;----------   2 CALL PROCEEDING
 *                          &lt;----------   3 CONNECT
 *      4 CONNECT ACK       ----------&gt;
 *      5 RELEASE           ----------&gt;
 *                          &lt;----------   6 RELEASE COMPLETE
 * </pre>
 *
 * Six datagrams per call, two round trips on the critical path (A waits for CONNECT, then for RELEASE COMPLETE),
 * as in {@code UniLink}'s ladder. Each datagram is {@code [code:1][call:8][zeros]} padded to the configured size.
 * The SSCOP POLL/STAT exchanges of a real link are not in the ladder: they come every MaxPD (25) SDs, off the
 * call's critical path (0.48 datagrams per call); NetBench measures and prints how many the real link sent.
 *
 * <p>Blocking {@link DatagramSocket}s with a receive timeout, so every wait is bounded. Not thread-safe: one
 * thread per side.
 */
final class Ladder {
    /** Datagrams per call. */
    static final int MESSAGES = 6;
    static final int SETUP = 1;
    static final int CALL_PROCEEDING = 2;
    static final int CONNECT = 3;
    static final int CONNECT_ACK = 4;
    static final int RELEASE = 5;
    static final int RELEASE_COMPLETE = 6;
    /** Smallest datagram: code and call number. */
    static final int MIN_SIZE = 9;

    private Ladder() {
    }

    /** One side's socket with its send and receive buffers and counters. */
    abstract static class Side implements AutoCloseable {
        final DatagramSocket socket;
        final AtomicLong sent = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        private final byte[] out;
        private final byte[] in;
        private final DatagramPacket outPacket;
        private final DatagramPacket inPacket;
        /** Call number and sender of the last datagram received (the side's own thread only). */
        long lastCall;
        InetSocketAddress lastFrom;

        Side(int size, int timeoutMs) throws IOException {
            if (size < MIN_SIZE) {
                throw new IllegalArgumentException("ladder datagrams need at least " + MIN_SIZE + " bytes");
            }
            socket = new DatagramSocket(new InetSocketAddress(NetBench.LOOPBACK, 0));
            socket.setSoTimeout(timeoutMs);
            out = new byte[size];
            in = new byte[Math.max(size, 2048)];
            outPacket = new DatagramPacket(out, size);
            inPacket = new DatagramPacket(in, in.length);
        }

        /** @return the bound address */
        InetSocketAddress address() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        void send(InetSocketAddress to, int code, long call) throws IOException {
            out[0] = (byte) code;
            ByteBuffer.wrap(out, 1, 8).putLong(call);
            outPacket.setSocketAddress(to);
            socket.send(outPacket);
            sent.incrementAndGet();
        }

        /** @return the code of the next datagram; its call number in {@link #lastCall} */
        int receive() throws IOException {
            inPacket.setLength(in.length);
            socket.receive(inPacket);
            received.incrementAndGet();
            lastFrom = (InetSocketAddress) inPacket.getSocketAddress();
            lastCall = inPacket.getLength() >= MIN_SIZE ? ByteBuffer.wrap(in, 1, 8).getLong() : -1;
            return inPacket.getLength() >= MIN_SIZE ? in[0] : -1;
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    /** A: runs one call at a time. */
    static final class Originator extends Side {
        private final InetSocketAddress peer;
        private long nextCall;

        /**
         * @param peer      the responder
         * @param size      bytes per datagram
         * @param timeoutMs bound on each wait for the responder
         */
        Originator(InetSocketAddress peer, int size, int timeoutMs) throws IOException {
            super(size, timeoutMs);
            this.peer = peer;
        }

        /**
         * One call: SETUP, wait for CONNECT, CONNECT ACK and RELEASE, wait for RELEASE COMPLETE.
         *
         * @throws SocketTimeoutException when the responder does not answer in time (a lost datagram)
         */
        void call() throws IOException {
            long call = nextCall++;
            send(peer, SETUP, call);
            await(CONNECT, call);
            send(peer, CONNECT_ACK, call);
            send(peer, RELEASE, call);
            await(RELEASE_COMPLETE, call);
        }

        private void await(int code, long call) throws IOException {
            // Bounded: every receive has the socket timeout, and at most 4 datagrams precede the awaited one.
            for (int i = 0; i < 4; i++) {
                if (receive() == code && lastCall == call) {
                    return;
                }
            }
            throw new IOException("ladder: message " + code + " of call " + call + " did not come");
        }
    }

    /** B: answers SETUP with CALL PROCEEDING and CONNECT, RELEASE with RELEASE COMPLETE, ignores the rest. */
    static final class Responder extends Side {
        private volatile boolean stopped;

        /**
         * @param size      bytes per datagram
         * @param pollMs    how often the serving loop checks whether it was stopped
         */
        Responder(int size, int pollMs) throws IOException {
            super(size, pollMs);
        }

        /** Serves until {@link #stop()} or the socket closes. */
        void serve() {
            while (!stopped) {
                try {
                    int code = receive();
                    if (code == SETUP) {
                        send(lastFrom, CALL_PROCEEDING, lastCall);
                        send(lastFrom, CONNECT, lastCall);
                    } else if (code == RELEASE) {
                        send(lastFrom, RELEASE_COMPLETE, lastCall);
                    }
                } catch (SocketTimeoutException e) {
                    // Idle: check the flag again.
                    continue;
                } catch (IOException e) {
                    return;
                }
            }
        }

        void stop() {
            stopped = true;
        }
    }
}

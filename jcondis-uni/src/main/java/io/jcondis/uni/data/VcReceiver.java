package io.jcondis.uni.data;

import io.jcondis.api.Packet;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One VC's receive side on a {@link UdpDataEndpoint}: frames from one peer on one VPI/VCI go to a sink, on the
 * endpoint's event loop. Opened by {@link UdpDataEndpoint#openReceiver}.
 *
 * <p>Thread-safe: {@link #counters()} and {@link #close()} may be called from any thread. After {@code close}
 * returns, frames for the pair count as unknown VC (a frame already being delivered on the loop may still
 * reach the sink).
 */
public final class VcReceiver implements AutoCloseable {
    private final UdpDataEndpoint endpoint;
    private final InetSocketAddress peer;
    private final VcId vc;
    private final UdpDataEndpoint.Receiver sink;
    private final AtomicLong frames = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    VcReceiver(UdpDataEndpoint endpoint, InetSocketAddress peer, VcId vc, UdpDataEndpoint.Receiver sink) {
        this.endpoint = endpoint;
        this.peer = peer;
        this.vc = vc;
        this.sink = sink;
    }

    /** @return the peer address frames come from */
    public InetSocketAddress peer() {
        return peer;
    }

    /** @return the VPI/VCI */
    public VcId vc() {
        return vc;
    }

    /** @return a snapshot of the receive-side counters; any thread */
    public VcCounters counters() {
        return new VcCounters(0, 0, frames.get(), bytes.get(), 0, dropped.get());
    }

    /** Stops delivery to the sink. Idempotent; any thread. */
    @Override
    public void close() {
        endpoint.removeReceiver(this);
    }

    /** Loop only. */
    void deliver(VcFrame frame) {
        Packet packet = Packet.wrap(frame.payloadBytes());
        try {
            sink.onReceive(vc, packet);
            frames.incrementAndGet();
            bytes.addAndGet(packet.length());
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
            System.getLogger(VcReceiver.class.getName()).log(System.Logger.Level.WARNING,
                    "receiver of " + vc + " from " + peer + " failed", e);
        }
    }

    @Override
    public String toString() {
        return "VcReceiver{" + vc + " from " + peer + "}";
    }
}

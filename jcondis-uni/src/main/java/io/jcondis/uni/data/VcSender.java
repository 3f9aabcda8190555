package io.jcondis.uni.data;

import io.jcondis.api.Packet;
import io.jcondis.api.Status;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One VC's send side on a {@link UdpDataEndpoint}: a traffic contract, a bounded shaping queue and one or more
 * leaves (peer address, VPI/VCI). A point-to-point sender has one leaf; a point-to-multipoint root has any
 * number, and each frame is shaped once and written to every leaf. It backs the CoNDIS send path: a
 * {@link Packet} goes in, a send-complete comes out.
 *
 * <h2>Contract</h2>
 * {@link #send} may be called from any thread and never blocks. It answers at once:
 * <ul>
 *   <li>{@link Status#PENDING}: accepted; {@link UdpDataEndpoint.SendCompletion#onSendComplete} follows exactly
 *       once on the event loop, in send order (except that frames aborted by {@link #close()} may complete
 *       before earlier frames still being written);</li>
 *   <li>{@link Status#INVALID_LENGTH}: the payload is empty or longer than {@link VcFrameCodec#MAX_PAYLOAD_BYTES};
 *       </li>
 *   <li>{@link Status#RESOURCES}: {@link UdpDataEndpoint.Config#queueFrames()} frames are already waiting or
 *       being written (the queue does not grow; the frame is counted as dropped);</li>
 *   <li>{@link Status#CLOSING}: the sender or the endpoint is closed.</li>
 * </ul>
 * No completion follows any answer but PENDING. Frames that conform to the contract and find the queue empty
 * are written at once; others wait, in order, until they conform. Leaves present when a frame leaves the queue
 * receive it; a frame leaving while there is no leaf completes with SUCCESS and is counted as dropped.
 *
 * <p>Allowed states: open. {@link #close()} stops accepting, completes waiting frames with CLOSING and leaves
 * frames being written to complete normally; idempotent.
 */
public final class VcSender implements AutoCloseable {
    /** A destination of the sender's frames. */
    private record Leaf(InetSocketAddress address, VcId vc) {
    }

    private final UdpDataEndpoint endpoint;
    private final UdpDataEndpoint.SendCompletion completion;
    private final TrafficContract contract;
    // Event loop only (created on construction, used on the loop).
    private final ShapingQueue<Packet> queue;
    // Any thread: leaves are added and dropped by call control, read by the loop per frame.
    private final CopyOnWriteArrayList<Leaf> leaves = new CopyOnWriteArrayList<>();
    // Frames between a PENDING answer and their completion; incremented by senders, decremented by the loop.
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong framesSent = new AtomicLong();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    // The shaping queue's delay counter, copied on the loop after each offer so that any thread may read it.
    private volatile long delayed;
    private volatile boolean closed;

    VcSender(UdpDataEndpoint endpoint, TrafficContract contract, UdpDataEndpoint.SendCompletion completion) {
        this.endpoint = endpoint;
        this.contract = contract;
        this.completion = completion;
        this.queue = new ShapingQueue<>(new DualTokenBucket(contract, endpoint.timers().nanoTime()),
                endpoint.queueFrames(), endpoint.timers(), Packet::length, this::transmit);
    }

    /** @return the traffic contract */
    public TrafficContract contract() {
        return contract;
    }

    /**
     * Sends a frame with CPCS-UU 0. See the class contract for the answers.
     *
     * @param packet the payload; the caller must not touch it until its completion (R31)
     * @return PENDING, INVALID_LENGTH, RESOURCES or CLOSING
     */
    public Status send(Packet packet) {
        Objects.requireNonNull(packet, "packet");
        if (closed) {
            return Status.CLOSING;
        }
        if (packet.length() < 1 || packet.length() > VcFrameCodec.MAX_PAYLOAD_BYTES) {
            return Status.INVALID_LENGTH;
        }
        if (outstanding.incrementAndGet() > endpoint.queueFrames()) {
            outstanding.decrementAndGet();
            dropped.incrementAndGet();
            return Status.RESOURCES;
        }
        if (!endpoint.execute(() -> onSend(packet))) {
            outstanding.decrementAndGet();
            return Status.CLOSING;
        }
        return Status.PENDING;
    }

    /**
     * Adds a leaf. Any thread; frames leaving the queue from now on reach it.
     *
     * @param peer the leaf's data address
     * @param vc   the VPI/VCI the leaf receives on
     * @return SUCCESS, INVALID_PARAMETER if the leaf is already present, CLOSING if the sender is closed
     */
    public Status addLeaf(InetSocketAddress peer, VcId vc) {
        if (closed) {
            return Status.CLOSING;
        }
        Leaf leaf = new Leaf(Objects.requireNonNull(peer, "peer"), Objects.requireNonNull(vc, "vc"));
        return leaves.addIfAbsent(leaf) ? Status.SUCCESS
                : Status.INVALID_PARAMETER.withDescription("leaf " + vc + " at " + peer + " already present");
    }

    /**
     * Drops a leaf. Any thread; frames leaving the queue from now on do not reach it.
     *
     * @param peer the leaf's data address
     * @param vc   its VPI/VCI
     * @return SUCCESS, or INVALID_PARAMETER if there is no such leaf
     */
    public Status dropLeaf(InetSocketAddress peer, VcId vc) {
        return leaves.remove(new Leaf(peer, vc)) ? Status.SUCCESS
                : Status.INVALID_PARAMETER.withDescription("no leaf " + vc + " at " + peer);
    }

    /** @return the number of leaves */
    public int leafCount() {
        return leaves.size();
    }

    /** @return a snapshot of the send-side counters; any thread */
    public VcCounters counters() {
        return new VcCounters(framesSent.get(), bytesSent.get(), 0, 0, delayed, dropped.get());
    }

    /** Stops the sender; waiting frames complete with CLOSING on the loop. Idempotent; any thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        endpoint.removeSender(this);
        // If the loop is gone, nothing waits on it any more: there is nothing to abort.
        endpoint.execute(this::abortWaiting);
    }

    private void onSend(Packet packet) {
        Status s = queue.offer(packet);
        delayed = queue.delayed();
        if (s.is(Status.Code.CLOSING) || s.is(Status.Code.RESOURCES)) {
            complete(packet, s);
        }
    }

    private void abortWaiting() {
        for (Packet p : queue.close()) {
            complete(p, Status.CLOSING);
        }
    }

    /** Called by the shaping queue on the loop when the frame conforms. */
    private void transmit(Packet packet) {
        List<Leaf> to = List.copyOf(leaves);
        if (to.isEmpty()) {
            dropped.incrementAndGet();
            complete(packet, Status.SUCCESS);
            return;
        }
        byte[] first = VcFrameCodec.encode(to.get(0).vc(), 0, packet.payload());
        Transmission t = new Transmission(packet, to.size());
        for (int i = 0; i < to.size(); i++) {
            byte[] d = first;
            if (i > 0) {
                d = first.clone();
                VcFrameCodec.rewriteHeader(d, to.get(i).vc());
            }
            endpoint.write(d, to.get(i).address()).addListener(t);
        }
        endpoint.flush();
    }

    private void complete(Packet packet, Status status) {
        outstanding.decrementAndGet();
        if (!status.isSuccess()) {
            dropped.incrementAndGet();
        }
        packet.status(status);
        try {
            completion.onSendComplete(packet, status);
        } catch (RuntimeException e) {
            System.getLogger(VcSender.class.getName()).log(System.Logger.Level.WARNING, "send completion failed", e);
        }
    }

    /** One frame's writes to its leaves; completes the frame when the last write is done. Loop only. */
    private final class Transmission implements ChannelFutureListener {
        private final Packet packet;
        private int remaining;
        private Status status = Status.SUCCESS;

        Transmission(Packet packet, int writes) {
            this.packet = packet;
            this.remaining = writes;
        }

        @Override
        public void operationComplete(ChannelFuture future) {
            if (!future.isSuccess() && status.isSuccess()) {
                status = Status.FAILURE.withDescription(String.valueOf(future.cause()));
            }
            if (--remaining == 0) {
                if (status.isSuccess()) {
                    framesSent.incrementAndGet();
                    bytesSent.addAndGet(packet.length());
                }
                complete(packet, status);
            }
        }
    }

    @Override
    public String toString() {
        return "VcSender{" + contract + ", leaves=" + leaves + "}";
    }
}

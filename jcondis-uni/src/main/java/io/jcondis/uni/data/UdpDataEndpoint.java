package io.jcondis.uni.data;

import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import io.jcondis.uni.sscop.EventLoopTimers;
import io.jcondis.uni.sscop.Timers;
import io.jcondis.uni.sscop.UdpChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The VC data plane of a node on one UDP socket: frames ({@link VcFrameCodec}) of every VC of the node, to and
 * from every peer, one frame per datagram.
 *
 * <pre>
 *  client thread                     event loop (data-&lt;name&gt;)                     UDP
 *  VcSender.send(Packet) --post--&gt;  ShapingQueue + DualTokenBucket --frame--&gt; leaf 1 .. leaf n
 *       (PENDING)                    SendCompletion.onSendComplete(packet, status)
 *                                    decode --&gt; (source, VPI/VCI) --&gt; VcReceiver sink  &lt;-- peers
 *                                        \--&gt; counted and dropped: foreign source, truncated, malformed, unknown VC
 * </pre>
 *
 * <h2>Threading</h2>
 * The endpoint owns one Netty event loop (one thread, {@code data-<name>}), which runs every receive, every
 * shaping timer, every write and every callback ({@link Receiver}, {@link SendCompletion}). Callbacks must not
 * block; they may call {@link VcSender#send} (it posts, so no re-entrancy into the queue). Every public method
 * may be called from any thread: {@link VcSender#send} checks what it can at once and posts the frame to the
 * loop; opening and closing receivers updates concurrent tables the loop reads; counters are atomic and may be
 * read at any time (snapshots, each field exact, the set not taken at one instant).
 *
 * <h2>Addressing</h2>
 * VPI/VCI values are link-local, so a receiver is opened for a pair (peer address, VPI/VCI); a sender sends to
 * one (peer address, VPI/VCI) or, as a point-to-multipoint root, to each of its leaves. A datagram from an
 * address no receiver is open for is counted as a foreign source and dropped undecoded; from a known peer, a
 * datagram that is not a frame is counted as truncated or malformed, and a frame on a VPI/VCI with no receiver
 * as unknown VC. All are logged at DEBUG and change nothing else.
 *
 * <h2>Lifecycle</h2>
 * {@link #bind} opens the socket; {@link #close()} closes every sender (waiting frames complete with
 * {@link Status#CLOSING}), the socket and the loop. Idempotent.
 */
public final class UdpDataEndpoint implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UdpDataEndpoint.class.getName());
    private static final int RECEIVED = 0;
    private static final int SENT = 1;
    private static final int DELIVERED = 2;
    private static final int FOREIGN = 3;
    private static final int TRUNCATED = 4;
    private static final int MALFORMED = 5;
    private static final int UNKNOWN_VC = 6;

    /** Where a VC's frames go. */
    @FunctionalInterface
    public interface Receiver {
        /**
         * One frame received. Called on the event loop; must not block.
         *
         * @param vc     the VPI/VCI it came on
         * @param packet its payload (a fresh copy; the sink owns it)
         */
        void onReceive(VcId vc, Packet packet);
    }

    /** Where a sender's send completions go. */
    @FunctionalInterface
    public interface SendCompletion {
        /**
         * A frame accepted by {@link VcSender#send} with {@link Status#PENDING} is done: exactly once per such
         * frame, in send order (see {@link VcSender}). {@code packet.status()} is already set to {@code status}.
         * Called on the event loop; must not block.
         *
         * @param packet the packet, which the sender owns again
         * @param status {@link Status#SUCCESS} (written to the socket), {@link Status#CLOSING} (sender closed
         *               before it left) or {@link Status#FAILURE} (the socket refused it)
         */
        void onSendComplete(Packet packet, Status status);
    }

    /**
     * Endpoint settings.
     *
     * @param queueFrames       frames a sender may hold between {@code send} and completion (shaping queue and
     *                          writes in progress); beyond this {@code send} answers RESOURCES
     * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF requested (the kernel may cap them)
     * @param tap               observer of every datagram sent and received, or {@code null}
     */
    public record Config(int queueFrames, int socketBufferBytes, DatagramTap tap) {
        /** @throws IllegalArgumentException if a value is out of range */
        public Config {
            if (queueFrames < 1 || socketBufferBytes < 1) {
                throw new IllegalArgumentException("queueFrames and socketBufferBytes must be positive");
            }
        }

        /** @return 1024 frames per VC, 4 MiB socket buffers, no tap */
        public static Config defaults() {
            return new Config(1024, 4 << 20, null);
        }

        /**
         * @param frames per-VC queue bound
         * @return a copy with that bound
         */
        public Config withQueueFrames(int frames) {
            return new Config(frames, socketBufferBytes, tap);
        }

        /**
         * @param datagramTap observer of every datagram
         * @return a copy with that tap
         */
        public Config withTap(DatagramTap datagramTap) {
            return new Config(queueFrames, socketBufferBytes, datagramTap);
        }
    }

    private final String name;
    private final Config config;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel channel;
    private final Timers timers;
    // Written by any thread (open/close of receivers), read by the loop: peer -> (VPI/VCI -> receiver).
    private final Map<InetSocketAddress, Map<VcId, VcReceiver>> receivers = new ConcurrentHashMap<>();
    private final Set<VcSender> senders = ConcurrentHashMap.newKeySet();
    private final AtomicLongArray counters = new AtomicLongArray(7);
    private volatile boolean closed;

    private UdpDataEndpoint(String name, InetSocketAddress local, Config config) throws InterruptedException {
        this.name = name;
        this.config = config;
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("data-" + name, true));
        loop = group.next();
        timers = new EventLoopTimers(loop);
        try {
            channel = UdpChannels.bind(loop, local, config.socketBufferBytes(), this::onDatagram);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    /**
     * Binds a UDP socket and starts the endpoint's event loop.
     *
     * @param name   a name for the thread and logs
     * @param local  where to bind (port 0: chosen by the system)
     * @param config settings
     * @return the endpoint
     * @throws InterruptedException if interrupted while binding
     * @throws io.netty.channel.ChannelException or another runtime exception if the socket cannot be bound
     */
    public static UdpDataEndpoint bind(String name, InetSocketAddress local, Config config)
            throws InterruptedException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(config, "config");
        return new UdpDataEndpoint(name, local, config);
    }

    /** @return the bound local address (with the port the system chose) */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Opens a point-to-point sender: frames to one peer on one VPI/VCI, shaped to {@code contract}.
     *
     * @param vc         the VPI/VCI the peer receives on
     * @param peer       the peer's data address
     * @param contract   the traffic contract ({@link TrafficContract#UNSHAPED} for none)
     * @param completion where send completions go
     * @return the sender, ready at once
     * @throws IllegalStateException if the endpoint is closed
     */
    public VcSender openSender(VcId vc, InetSocketAddress peer, TrafficContract contract,
                               SendCompletion completion) {
        VcSender s = openRootSender(contract, completion);
        s.addLeaf(peer, vc);
        return s;
    }

    /**
     * Opens a point-to-multipoint root sender with no leaf yet: each frame is shaped once, then replicated to
     * every leaf present when it leaves the shaping queue ({@link VcSender#addLeaf}, {@link VcSender#dropLeaf}).
     *
     * @param contract   the traffic contract of the root
     * @param completion where send completions go
     * @return the sender
     * @throws IllegalStateException if the endpoint is closed
     */
    public VcSender openRootSender(TrafficContract contract, SendCompletion completion) {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(completion, "completion");
        if (closed) {
            throw new IllegalStateException("endpoint " + name + " is closed");
        }
        VcSender s = new VcSender(this, contract, completion);
        senders.add(s);
        return s;
    }

    /**
     * Opens a receiver: frames from {@code peer} on {@code vc} go to {@code sink}.
     *
     * @param peer the peer's data address (the source address of its datagrams)
     * @param vc   the VPI/VCI
     * @param sink where frames go
     * @return {@link Status#SUCCESS} and the receiver, {@code VC_NOT_AVAILABLE} if a receiver is already open for
     *         that pair, or {@link Status#CLOSING} if the endpoint is closed
     */
    public Result<VcReceiver> openReceiver(InetSocketAddress peer, VcId vc, Receiver sink) {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(vc, "vc");
        Objects.requireNonNull(sink, "sink");
        if (closed) {
            return Result.failed(Status.CLOSING);
        }
        VcReceiver r = new VcReceiver(this, peer, vc, sink);
        VcReceiver[] existing = new VcReceiver[1];
        receivers.compute(peer, (p, byVc) -> {
            Map<VcId, VcReceiver> m = byVc == null ? new ConcurrentHashMap<>() : byVc;
            existing[0] = m.putIfAbsent(vc, r);
            return m;
        });
        if (existing[0] != null) {
            return Result.failed(Status.of(Status.Code.VC_NOT_AVAILABLE)
                    .withDescription("a receiver is open for " + vc + " from " + peer));
        }
        return new Result<>(Status.SUCCESS, r);
    }

    /** @return a snapshot of the endpoint's counters; any thread */
    public DataEndpointCounters counters() {
        return new DataEndpointCounters(counters.get(RECEIVED), counters.get(SENT), counters.get(DELIVERED),
                counters.get(FOREIGN), counters.get(TRUNCATED), counters.get(MALFORMED), counters.get(UNKNOWN_VC));
    }

    /**
     * Closes every sender (waiting frames complete with CLOSING), then the socket and the event loop. Waits at
     * most a few seconds. Idempotent; any thread except the endpoint's own loop.
     */
    @Override
    public void close() {
        closed = true;
        for (VcSender s : senders) {
            s.close();
        }
        receivers.clear();
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public String toString() {
        return "UdpDataEndpoint{" + name + ", " + channel.localAddress() + "}";
    }

    // ---- used by VcSender and VcReceiver ----

    int queueFrames() {
        return config.queueFrames();
    }

    Timers timers() {
        return timers;
    }

    boolean inLoop() {
        return loop.inEventLoop();
    }

    /**
     * Runs a task on the loop.
     *
     * @return {@code false} if the loop no longer runs tasks (endpoint closed)
     */
    boolean execute(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Writes one datagram; the caller flushes. Loop only. */
    ChannelFuture write(byte[] datagram, InetSocketAddress to) {
        counters.incrementAndGet(SENT);
        tap(localAddress(), to, ByteBuffer.wrap(datagram));
        return channel.write(new DatagramPacket(Unpooled.wrappedBuffer(datagram), to));
    }

    void flush() {
        channel.flush();
    }

    void removeSender(VcSender s) {
        senders.remove(s);
    }

    void removeReceiver(VcReceiver r) {
        receivers.computeIfPresent(r.peer(), (p, byVc) -> {
            byVc.remove(r.vc(), r);
            return byVc.isEmpty() ? null : byVc;
        });
    }

    private void onDatagram(DatagramPacket packet) {
        counters.incrementAndGet(RECEIVED);
        InetSocketAddress from = packet.sender();
        ByteBuf content = packet.content();
        ByteBuffer bytes = content.nioBuffer(content.readerIndex(), content.readableBytes());
        tap(from, localAddress(), bytes);
        Map<VcId, VcReceiver> byVc = receivers.get(from);
        if (byVc == null) {
            counters.incrementAndGet(FOREIGN);
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": dropped datagram of " + bytes.remaining()
                    + " bytes from unknown source " + from);
            return;
        }
        FrameResult r = VcFrameCodec.decode(bytes);
        if (r instanceof FrameResult.Bad bad) {
            counters.incrementAndGet(bad.error().truncation() ? TRUNCATED : MALFORMED);
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": dropped datagram of " + bytes.remaining()
                    + " bytes from " + from + ": " + bad.error() + " at offset " + bad.offset());
            return;
        }
        VcFrame frame = ((FrameResult.Ok) r).frame();
        VcReceiver receiver = byVc.get(frame.vc());
        if (receiver == null) {
            counters.incrementAndGet(UNKNOWN_VC);
            LOG.log(System.Logger.Level.DEBUG, () -> name + ": dropped frame for unknown VC " + frame.vc()
                    + " from " + from);
            return;
        }
        counters.incrementAndGet(DELIVERED);
        receiver.deliver(frame);
    }

    private void tap(InetSocketAddress from, InetSocketAddress to, ByteBuffer bytes) {
        DatagramTap t = config.tap();
        if (t == null) {
            return;
        }
        try {
            t.onDatagram(from, to, bytes.asReadOnlyBuffer(), DatagramTap.epochNanosNow());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, name + ": datagram tap failed", e);
        }
    }
}

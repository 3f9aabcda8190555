package io.jcondis.uni.testing;

import io.jcondis.uni.data.DatagramTap;
import io.jcondis.uni.sscop.UdpChannels;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A UDP relay on loopback between two endpoints A and B that injects faults: it drops, duplicates, delays and
 * reorders datagrams by seeded probabilities, counts what it did, and can be paused (a cut cable: everything is
 * dropped) and killed ({@link #close()}: its sockets go away, so senders may see ICMP port unreachable).
 *
 * <pre>
 *   A --&gt; [socket a-side]  --faults(A_TO_B)--&gt; [socket b-side] --&gt; B
 *   A &lt;-- [socket a-side] &lt;--faults(B_TO_A)--  [socket b-side] &lt;-- B
 * </pre>
 *
 * A is told to send to {@link #addressForA()} and B to {@link #addressForB()}; each then sees the relay as its
 * peer. Datagrams reaching a side from anyone but that side's endpoint are counted as foreign and dropped.
 *
 * <p><b>Faults</b>, drawn per datagram in arrival order from one {@link SplittableRandom} per direction seeded from
 * {@code seed}, with a fixed number of draws per datagram (so the n-th datagram of a direction always meets the
 * same fate for a seed, whatever the timing): drop with {@link Faults#drop()}; otherwise send a second copy with
 * {@link Faults#duplicate()}; each copy is then delayed with {@link Faults#delay()} by a uniform 0..
 * {@link Faults#maxDelayNs()}, or else held back with {@link Faults#reorder()} until the next datagram of that
 * direction has been forwarded (or {@link Faults#maxDelayNs()} has passed), or else forwarded at once.
 *
 * <p><b>Capture.</b> An optional {@link DatagramTap} sees every datagram as it reaches the relay, before any
 * fault, with the original sender as source and the far endpoint as destination (the path as if there were no
 * relay): a {@link PcapWriter} there records what each side sent.
 *
 * <p><b>Threading.</b> One Netty event loop thread ({@code relay-<name>}) does all the work; every public method
 * may be called from any thread. Counters are atomic snapshots.
 */
public final class UdpFaultRelay implements AutoCloseable {
    /** The two directions. */
    public enum Direction {
        /** From A to B. */
        A_TO_B,
        /** From B to A. */
        B_TO_A
    }

    /**
     * Fault probabilities, each 0..1.
     *
     * @param drop       a datagram is dropped
     * @param duplicate  a datagram that is not dropped is sent twice
     * @param delay      a copy is delayed by up to {@code maxDelayNs}
     * @param reorder    a copy that is not delayed is held back behind the next datagram
     * @param maxDelayNs longest delay, and longest hold of a reordered datagram, at least 1 ms
     */
    public record Faults(double drop, double duplicate, double delay, double reorder, long maxDelayNs) {
        /** No faults: a plain relay. */
        public static final Faults NONE = new Faults(0, 0, 0, 0, TimeUnit.MILLISECONDS.toNanos(10));

        /** @throws IllegalArgumentException if a probability is outside 0..1 or the delay is below 1 ms */
        public Faults {
            for (double p : new double[] {drop, duplicate, delay, reorder}) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("probability outside 0..1: " + p);
                }
            }
            if (maxDelayNs < TimeUnit.MILLISECONDS.toNanos(1)) {
                throw new IllegalArgumentException("maxDelayNs below 1 ms: " + maxDelayNs);
            }
        }
    }

    /**
     * What the relay did, over both directions.
     *
     * @param received   datagrams that reached the relay from A or B (including while paused)
     * @param forwarded  datagrams sent on (copies included)
     * @param dropped    datagrams dropped by the drop probability
     * @param duplicated datagrams sent twice
     * @param delayed    copies delayed
     * @param reordered  copies held back behind a later datagram
     * @param blackholed datagrams dropped while paused
     * @param foreign    datagrams from neither endpoint, dropped
     */
    public record Counters(long received, long forwarded, long dropped, long duplicated, long delayed,
                           long reordered, long blackholed, long foreign) {
    }

    private static final int RECEIVED = 0;
    private static final int FORWARDED = 1;
    private static final int DROPPED = 2;
    private static final int DUPLICATED = 3;
    private static final int DELAYED = 4;
    private static final int REORDERED = 5;
    private static final int BLACKHOLED = 6;
    private static final int FOREIGN = 7;

    private final InetSocketAddress endpointA;
    private final InetSocketAddress endpointB;
    private final DatagramTap tap;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Side sideA;
    private final Side sideB;
    private final AtomicLongArray counters = new AtomicLongArray(8);
    // Any thread writes, the loop reads.
    private volatile Faults faults;
    private volatile boolean paused;

    /** One socket of the relay, facing one endpoint, and the fault state of the direction leaving it. */
    private final class Side {
        final Direction direction;
        final InetSocketAddress endpoint;
        final SplittableRandom random;
        Channel channel;
        Side opposite;
        // Loop only: a datagram held back for reordering, and its release timer's generation.
        ByteBuf held;
        long heldGeneration;

        Side(Direction direction, InetSocketAddress endpoint, long seed) {
            this.direction = direction;
            this.endpoint = endpoint;
            this.random = new SplittableRandom(seed);
        }
    }

    private UdpFaultRelay(String name, InetSocketAddress a, InetSocketAddress b, Faults faults, long seed,
                          DatagramTap tap) throws InterruptedException {
        this.endpointA = a;
        this.endpointB = b;
        this.faults = faults;
        this.tap = tap;
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("relay-" + name, true));
        loop = group.next();
        sideA = new Side(Direction.A_TO_B, a, seed * 31 + 1);
        sideB = new Side(Direction.B_TO_A, b, seed * 31 + 2);
        sideA.opposite = sideB;
        sideB.opposite = sideA;
        try {
            sideA.channel = bind(sideA);
            sideB.channel = bind(sideB);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
            throw e;
        }
    }

    /**
     * Starts a relay on two sockets of the loopback interface (ports chosen by the system).
     *
     * @param name   a name for the thread
     * @param a      endpoint A's address
     * @param b      endpoint B's address
     * @param faults the faults, for both directions
     * @param seed   seed of the fault draws
     * @param tap    observer of every datagram reaching the relay, or {@code null}
     * @return the running relay
     * @throws InterruptedException if interrupted while binding
     */
    public static UdpFaultRelay start(String name, InetSocketAddress a, InetSocketAddress b, Faults faults,
                                      long seed, DatagramTap tap) throws InterruptedException {
        return new UdpFaultRelay(Objects.requireNonNull(name, "name"), Objects.requireNonNull(a, "a"),
                Objects.requireNonNull(b, "b"), Objects.requireNonNull(faults, "faults"), seed, tap);
    }

    /** @return where A must send (A's peer address) */
    public InetSocketAddress addressForA() {
        return (InetSocketAddress) sideA.channel.localAddress();
    }

    /** @return where B must send (B's peer address) */
    public InetSocketAddress addressForB() {
        return (InetSocketAddress) sideB.channel.localAddress();
    }

    /** @param next the faults from now on (both directions); any thread */
    public void faults(Faults next) {
        this.faults = Objects.requireNonNull(next, "next");
    }

    /** Drops every datagram from now on, as if the cable were cut; any thread. */
    public void pause() {
        paused = true;
    }

    /** Forwards again after {@link #pause()}; any thread. */
    public void resume() {
        paused = false;
    }

    /** @return a snapshot of the counters; any thread */
    public Counters counters() {
        return new Counters(counters.get(RECEIVED), counters.get(FORWARDED), counters.get(DROPPED),
                counters.get(DUPLICATED), counters.get(DELAYED), counters.get(REORDERED), counters.get(BLACKHOLED),
                counters.get(FOREIGN));
    }

    /** Kills the relay: closes both sockets and the loop (datagrams delayed or held are lost). Idempotent. */
    @Override
    public void close() {
        sideA.channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        sideB.channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private Channel bind(Side side) throws InterruptedException {
        return UdpChannels.bind(loop, new InetSocketAddress(side.endpoint.getAddress(), 0), 0,
                packet -> onDatagram(side, packet));
    }

    private void onDatagram(Side from, DatagramPacket packet) {
        if (!packet.sender().equals(from.endpoint)) {
            counters.incrementAndGet(FOREIGN);
            return;
        }
        counters.incrementAndGet(RECEIVED);
        ByteBuf content = packet.content();
        Faults f = faults;
        // Always the same number of draws per datagram, so that fates depend only on the seed and the order.
        SplittableRandom r = from.random;
        boolean drop = r.nextDouble() < f.drop();
        boolean duplicate = r.nextDouble() < f.duplicate();
        double[] copyDraws = {r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble(), r.nextDouble(),
            r.nextDouble()};
        boolean paused = this.paused;
        if (paused) {
            counters.incrementAndGet(BLACKHOLED);
        } else if (drop) {
            counters.incrementAndGet(DROPPED);
        } else if (duplicate) {
            counters.incrementAndGet(DUPLICATED);
        }
        // The tap runs after the datagram's fate is counted, so a tap-driven test sees consistent counters.
        if (tap != null) {
            ByteBuffer view = content.nioBuffer(content.readerIndex(), content.readableBytes()).asReadOnlyBuffer();
            tap.onDatagram(from.endpoint, from.opposite.endpoint, view, DatagramTap.epochNanosNow());
        }
        if (paused || drop) {
            return;
        }
        for (int copy = 0; copy < (duplicate ? 2 : 1); copy++) {
            ByteBuf bytes = Unpooled.copiedBuffer(content);
            if (copyDraws[3 * copy] < f.delay()) {
                counters.incrementAndGet(DELAYED);
                long delayNs = (long) (copyDraws[3 * copy + 1] * f.maxDelayNs());
                loop.schedule(() -> forward(from, bytes), delayNs, TimeUnit.NANOSECONDS);
            } else if (copyDraws[3 * copy + 2] < f.reorder() && from.held == null) {
                counters.incrementAndGet(REORDERED);
                from.held = bytes;
                long generation = ++from.heldGeneration;
                loop.schedule(() -> releaseHeld(from, generation), f.maxDelayNs(), TimeUnit.NANOSECONDS);
            } else {
                forward(from, bytes);
                releaseHeld(from, from.heldGeneration);
            }
        }
    }

    private void releaseHeld(Side from, long generation) {
        if (from.held != null && generation == from.heldGeneration) {
            ByteBuf b = from.held;
            from.held = null;
            forward(from, b);
        }
    }

    /** Sends a datagram out of the opposite side to the far endpoint. */
    private void forward(Side from, ByteBuf bytes) {
        Side out = from.opposite;
        if (!out.channel.isActive()) {
            bytes.release();
            return;
        }
        counters.incrementAndGet(FORWARDED);
        out.channel.writeAndFlush(new DatagramPacket(bytes, out.endpoint));
    }
}

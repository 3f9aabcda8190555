package io.jcondis.uni.sscop;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * One {@link Sscop} entity on a UDP socket: SSCOP over IP as Q.2111 describes it, one SSCOP PDU per UDP datagram
 * (the datagram is the CPCS-SDU; SSCOP's trailer carries everything else, so there is no extra framing).
 *
 * <pre>
 *   user thread --request--&gt; [event loop: Sscop] --PDU--&gt; DatagramChannel --UDP--&gt; peer
 *   user.onSignal(sscop, s) &lt;-- (on the event loop)  &lt;--PDU-- DatagramChannel &lt;--UDP-- peer
 * </pre>
 *
 * <h2>Threading</h2>
 * Each endpoint owns one Netty event loop (one thread, {@code sscop-<name>}). The entity, its timers (scheduled on
 * that loop) and every datagram it receives run on that thread only, so the entity needs no locking. Requests
 * made from other threads ({@link #establish}, {@link #send}, {@link #call}, ...) are posted to the loop and
 * complete their future there. The {@link User} is called on the loop with the entity itself, and may call the
 * entity's requests directly (for example {@link Sscop#establishResponse}); it must not block.
 *
 * <h2>Peers and stray datagrams</h2>
 * The endpoint talks to one peer address, given by {@link #peer}. Datagrams from any other source are counted
 * ({@link #foreignDatagrams()}) and dropped; datagrams from the peer that are not SSCOP PDUs are counted and
 * dropped by the entity ({@link SscopStatistics#malformedDatagrams()}). Until a peer is set, PDUs the entity sends
 * are dropped (it looks like loss to SSCOP).
 */
public final class SscopUdpEndpoint implements AutoCloseable {

    /** The SSCOP user of an endpoint. */
    @FunctionalInterface
    public interface User {
        /**
         * An AA-signal from the entity. Called on the endpoint's event loop; may call {@code sscop}'s requests;
         * must not block.
         *
         * @param sscop  the entity
         * @param signal the indication or confirmation
         */
        void onSignal(Sscop sscop, AaSignal signal);
    }

    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel channel;
    private final Sscop sscop;
    // Written by any thread through peer(), read on the loop: volatile is enough for a single reference.
    private volatile InetSocketAddress peer;
    // Event loop only.
    private long foreignDatagrams;

    private SscopUdpEndpoint(String name, InetSocketAddress local, SscopConfig config, User user,
                             EventLoop shared) throws InterruptedException {
        // A shared loop belongs to the caller (group stays null: close() leaves it running).
        group = shared == null ? new NioEventLoopGroup(1, new DefaultThreadFactory("sscop-" + name, true)) : null;
        loop = shared == null ? group.next() : shared;
        sscop = new Sscop(name, config, new EventLoopTimers(loop), new Output(user));
        try {
            channel = UdpChannels.bind(loop, local, 0, this::onDatagram);
        } catch (InterruptedException | RuntimeException e) {
            if (group != null) {
                group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            }
            throw e;
        }
    }

    /**
     * Binds a UDP socket and creates an idle entity on it.
     *
     * @param name   a name for the thread and logs
     * @param local  where to bind (port 0: chosen by the system)
     * @param config protocol parameters
     * @param user   the SSCOP user
     * @return the endpoint
     * @throws InterruptedException if interrupted while binding
     * @throws io.netty.channel.ChannelException or another runtime exception if the socket cannot be bound
     */
    public static SscopUdpEndpoint bind(String name, InetSocketAddress local, SscopConfig config, User user)
            throws InterruptedException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(user, "user");
        return new SscopUdpEndpoint(name, local, config, user, null);
    }

    /**
     * Binds a UDP socket and creates an idle entity on it, run by a loop the caller owns: several endpoints (and
     * their users, such as the links of a switch) then share one thread. {@link #close()} leaves the loop running.
     *
     * @param name   a name for logs
     * @param local  where to bind (port 0: chosen by the system)
     * @param config protocol parameters
     * @param user   the SSCOP user
     * @param loop   the event loop that runs the socket, the entity, its timers and the user
     * @return the endpoint
     * @throws InterruptedException if interrupted while binding
     * @throws io.netty.channel.ChannelException or another runtime exception if the socket cannot be bound
     */
    public static SscopUdpEndpoint bind(String name, InetSocketAddress local, SscopConfig config, User user,
                                        EventLoop loop) throws InterruptedException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(loop, "loop");
        return new SscopUdpEndpoint(name, local, config, user, loop);
    }

    /**
     * The entity itself, for users that run on the endpoint's loop (for example to build a
     * {@code Saal.over(sscop)}). Its methods must be called on that loop only.
     *
     * @return the entity
     */
    public Sscop sscop() {
        return sscop;
    }

    /** @return datagrams dropped because they did not come from the peer; on the endpoint's loop only */
    public long foreignDatagramCount() {
        return foreignDatagrams;
    }

    /** @return the bound local address (with the port the system chose) */
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Sets the one remote address this endpoint exchanges datagrams with. May be called from any thread.
     *
     * @param remote the peer's address
     */
    public void peer(InetSocketAddress remote) {
        this.peer = Objects.requireNonNull(remote, "remote");
    }

    /**
     * AA-ESTABLISH.request on the event loop.
     *
     * @param uu SSCOP-UU
     * @return the request's status
     */
    public CompletableFuture<Status> establish(Octets uu) {
        return call(s -> s.establish(uu));
    }

    /**
     * AA-RELEASE.request on the event loop.
     *
     * @param uu SSCOP-UU
     * @return the request's status
     */
    public CompletableFuture<Status> release(Octets uu) {
        return call(s -> s.release(uu));
    }

    /**
     * AA-DATA.request on the event loop.
     *
     * @param data the SDU
     * @return the request's status
     */
    public CompletableFuture<Status> send(Octets data) {
        return call(s -> s.send(data));
    }

    /**
     * Runs {@code action} with the entity on the event loop (any request, {@link Sscop#statistics()},
     * {@link Sscop#state()}).
     *
     * @param action what to do
     * @param <T>    its result type
     * @return its result, or its exception, once it has run
     */
    public <T> CompletableFuture<T> call(Function<Sscop, T> action) {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(action.apply(sscop));
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    /** @return datagrams dropped because they did not come from the peer (a snapshot, on the event loop) */
    public CompletableFuture<Long> foreignDatagrams() {
        return call(s -> foreignDatagrams);
    }

    /**
     * Stops the entity locally (no PDU, no signal; see {@link Sscop#close()}), closes the socket and stops the
     * event loop (unless it was given by the caller). Idempotent; waits at most a few seconds. On a shared loop it
     * may also be called from that loop (it then does not wait).
     */
    @Override
    public void close() {
        if (loop.inEventLoop()) {
            sscop.close();
            channel.close();
            return;
        }
        if (!loop.isShuttingDown()) {
            loop.execute(sscop::close);
        }
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private void onDatagram(DatagramPacket packet) {
        InetSocketAddress from = packet.sender();
        if (!from.equals(peer)) {
            foreignDatagrams++;
            return;
        }
        ByteBuf content = packet.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        sscop.receive(bytes);
    }

    /** The entity's outputs: PDUs to the socket, signals to the user. Called on the loop. */
    private final class Output implements SscopOutput {
        private final User user;

        Output(User user) {
            this.user = user;
        }

        @Override
        public void transmit(byte[] pdu) {
            InetSocketAddress to = peer;
            if (to != null && channel != null) {
                // Fire and forget: a failed send is loss, which SSCOP already recovers from.
                channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(pdu), to));
            }
        }

        @Override
        public void signal(AaSignal signal) {
            user.onSignal(sscop, signal);
        }
    }
}

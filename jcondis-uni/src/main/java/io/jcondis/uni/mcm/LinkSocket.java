package io.jcondis.uni.mcm;

import io.jcondis.uni.signal.Saal;
import io.jcondis.uni.signal.UniLink;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.signal.UniListener;
import io.jcondis.uni.sscop.AaSignal;
import io.jcondis.uni.sscop.Sscop;
import io.jcondis.uni.sscop.SscopConfig;
import io.jcondis.uni.sscop.SscopOutput;
import io.jcondis.uni.sscop.Timers;
import io.jcondis.uni.sscop.UdpChannels;
import io.jcondis.uni.sscop.EventLoopTimers;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One signalling UDP socket of a node with the SSCOP associations (Q.2111: one PDU per datagram) it carries, one
 * per configured peer address, each with its {@link UniLink}. Datagrams are demultiplexed by source address; a
 * datagram from an address that is no configured peer is counted ({@link #foreignDatagrams()}) and dropped.
 *
 * <p>Threading: one Netty event loop ({@code uni-sig-<name>}) runs the socket, every entity, every link, their
 * timers and their listeners. {@link #execute} posts work to it from other threads.
 */
final class LinkSocket implements AutoCloseable {
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final Channel channel;
    private final Map<InetSocketAddress, Link> links = new ConcurrentHashMap<>();
    private final AtomicLong foreign = new AtomicLong();
    private final Timers timers;
    private final java.util.List<Link> localLinks = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One association and its call control; touched on the loop only (except the immutable fields). */
    static final class Link {
        final String peerName;
        final InetSocketAddress signalling;
        final InetSocketAddress data;
        final Sscop sscop;
        final UniLink uni;
        /** Set on the two halves of the in-memory link of local switching (no socket, no data address). */
        Link partner;

        Link(String peerName, InetSocketAddress signalling, InetSocketAddress data, Sscop sscop, UniLink uni) {
            this.peerName = peerName;
            this.signalling = signalling;
            this.data = data;
            this.sscop = sscop;
            this.uni = uni;
        }

        boolean isLocal() {
            return partner != null;
        }

        @Override
        public String toString() {
            return partner != null ? "local link " + peerName : "link to " + peerName + " " + signalling;
        }
    }

    /** What a link's events go to (called on the loop). */
    interface LinkUser {
        void onEvent(Link link, io.jcondis.uni.signal.UniEvent event);
    }

    LinkSocket(String name, InetSocketAddress local) throws InterruptedException {
        group = new NioEventLoopGroup(1, new DefaultThreadFactory("uni-sig-" + name, true));
        loop = group.next();
        timers = new EventLoopTimers(loop);
        try {
            channel = UdpChannels.bind(loop, local, 0, this::onDatagram);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    /**
     * Adds the association to a peer (idle until a call or the peer establishes it).
     *
     * @return the link
     */
    Link open(String peerName, InetSocketAddress signalling, InetSocketAddress data, SscopConfig sscopConfig,
              UniLinkConfig linkConfig, LinkUser user) {
        Link[] made = new Link[1];
        SscopOutput out = new SscopOutput() {
            @Override
            public void transmit(byte[] pdu) {
                channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(pdu), signalling));
            }

            @Override
            public void signal(AaSignal signal) {
                made[0].uni.onAaSignal(signal);
            }
        };
        Sscop sscop = new Sscop(peerName, sscopConfig, timers, out);
        UniListener listener = e -> user.onEvent(made[0], e);
        UniLink uni = new UniLink(peerName, linkConfig, timers, Saal.over(sscop), listener);
        made[0] = new Link(peerName, signalling, data, sscop, uni);
        if (links.putIfAbsent(signalling, made[0]) != null) {
            throw new IllegalArgumentException("a link to " + signalling + " exists");
        }
        return made[0];
    }

    /**
     * Opens the in-memory link pair of local switching: two SSCOP entities and {@link UniLink}s on this loop whose
     * PDUs are handed to each other (posted, never re-entrant), no socket involved. Calls between two hosts of the
     * node are originated on the first half and arrive on the second.
     *
     * @return the two halves, each with {@link Link#partner} set to the other
     */
    Link[] openLocalPair(String name, SscopConfig sscopConfig, UniLinkConfig linkConfig, LinkUser user) {
        Link[] pair = new Link[2];
        for (int i = 0; i < 2; i++) {
            int me = i;
            SscopOutput out = new SscopOutput() {
                @Override
                public void transmit(byte[] pdu) {
                    execute(() -> pair[1 - me].sscop.receive(pdu));
                }

                @Override
                public void signal(AaSignal signal) {
                    pair[me].uni.onAaSignal(signal);
                }
            };
            String half = name + (i == 0 ? "-out" : "-in");
            Sscop sscop = new Sscop(half, sscopConfig, timers, out);
            UniListener listener = e -> user.onEvent(pair[me], e);
            UniLink uni = new UniLink(half, linkConfig, timers, Saal.over(sscop), listener);
            pair[i] = new Link(half, null, null, sscop, uni);
        }
        pair[0].partner = pair[1];
        pair[1].partner = pair[0];
        localLinks.add(pair[0]);
        localLinks.add(pair[1]);
        return pair;
    }

    /** Runs {@code task} on the loop; false if the loop is shut down. */
    boolean execute(Runnable task) {
        try {
            loop.execute(task);
            return true;
        } catch (java.util.concurrent.RejectedExecutionException e) {
            return false;
        }
    }

    boolean inLoop() {
        return loop.inEventLoop();
    }

    /** @return datagrams dropped because they came from no configured peer */
    long foreignDatagrams() {
        return foreign.get();
    }

    /** @return every link, the local pair included */
    Iterable<Link> links() {
        java.util.List<Link> all = new java.util.ArrayList<>(links.values());
        all.addAll(localLinks);
        return all;
    }

    private void onDatagram(DatagramPacket packet) {
        Link link = links.get(packet.sender());
        if (link == null) {
            foreign.incrementAndGet();
            return;
        }
        ByteBuf content = packet.content();
        byte[] bytes = new byte[content.readableBytes()];
        content.getBytes(content.readerIndex(), bytes);
        link.sscop.receive(bytes);
    }

    @Override
    public void close() {
        if (!loop.isShuttingDown()) {
            execute(() -> links().forEach(l -> l.sscop.close()));
        }
        channel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}

package io.jcondis.uni.sscop;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * Binds the UDP sockets of the UNI driver (SSCOP endpoints, the data endpoint, the test relay) the same way: a
 * Netty {@link NioDatagramChannel} on a given event loop whose receive buffer holds the largest UDP datagram.
 * Netty's default for datagram channels is 2048 bytes, which silently cuts longer datagrams.
 */
public final class UdpChannels {
    /** Receive buffer per read: the largest UDP payload fits. */
    public static final int MAX_DATAGRAM_BYTES = 65_536;

    private UdpChannels() {
    }

    /**
     * Binds a datagram channel.
     *
     * @param loop              the event loop that runs the channel and {@code onDatagram}
     * @param local             where to bind (port 0: chosen by the system)
     * @param socketBufferBytes SO_RCVBUF and SO_SNDBUF to request, or 0 for the system's defaults
     * @param onDatagram        called on the loop for every datagram received; the packet is released after it
     * @return the bound channel
     * @throws InterruptedException if interrupted while binding
     */
    public static Channel bind(EventLoop loop, InetSocketAddress local, int socketBufferBytes,
                               Consumer<DatagramPacket> onDatagram) throws InterruptedException {
        Bootstrap b = new Bootstrap().group(loop).channel(NioDatagramChannel.class)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM_BYTES))
                .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                        onDatagram.accept(packet);
                    }
                });
        if (socketBufferBytes > 0) {
            b.option(ChannelOption.SO_RCVBUF, socketBufferBytes).option(ChannelOption.SO_SNDBUF, socketBufferBytes);
        }
        return b.bind(local).sync().channel();
    }
}

package io.jcondis.uni.testing;

import io.jcondis.uni.data.DatagramTap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A Netty handler that shows every {@link DatagramPacket} read from or written to a datagram channel to a
 * {@link DatagramTap} (a {@link PcapWriter}, typically), then passes it on unchanged. Put it first in the
 * pipeline ({@code pipeline.addFirst(new PcapCaptureHandler(pcap))}) so it sees the datagrams as they are on the
 * wire. Outbound datagrams are recorded with the channel's local address as source (an unspecified address if
 * the channel is bound to the wildcard).
 *
 * <p>Sharable: one instance may serve several channels; it keeps no state of its own and the tap must be
 * thread-safe (see {@link DatagramTap}).
 */
@ChannelHandler.Sharable
public final class PcapCaptureHandler extends ChannelDuplexHandler {
    private final DatagramTap tap;

    /** @param tap where datagrams go */
    public PcapCaptureHandler(DatagramTap tap) {
        this.tap = Objects.requireNonNull(tap, "tap");
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof DatagramPacket p) {
            record(p.sender(), orLocal(p.recipient(), ctx), p.content());
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof DatagramPacket p) {
            record(orLocal(p.sender(), ctx), p.recipient(), p.content());
        }
        ctx.write(msg, promise);
    }

    private void record(InetSocketAddress from, InetSocketAddress to, ByteBuf content) {
        if (from == null || to == null) {
            return;
        }
        tap.onDatagram(from, to, content.nioBuffer(content.readerIndex(), content.readableBytes()).asReadOnlyBuffer(),
                DatagramTap.epochNanosNow());
    }

    private static InetSocketAddress orLocal(InetSocketAddress address, ChannelHandlerContext ctx) {
        return address != null ? address : (InetSocketAddress) ctx.channel().localAddress();
    }
}

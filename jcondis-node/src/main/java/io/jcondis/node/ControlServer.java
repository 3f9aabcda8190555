package io.jcondis.node;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.string.StringDecoder;
import io.netty.handler.codec.string.StringEncoder;
import io.netty.util.concurrent.GlobalEventExecutor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The node's control server: TCP on a loopback address, one JSON request per line, one JSON reply per line
 * (docs/node.md). Lines longer than {@link ControlRequest#MAX_LINE_BYTES} are discarded and answered with
 * {@link ControlError#MALFORMED_REQUEST}; the connection stays usable.
 *
 * <p>Threading: one Netty event loop thread does all socket I/O; requests go, in arrival order, to one
 * request thread ({@code jcondis-node-requests}), because a request may wait (bounded) for the network and
 * must not hold up the event loop. Replies are written from the request thread (Netty queues the write onto
 * the event loop). {@link #close()} may be called from any thread but the request thread.
 */
final class ControlServer implements AutoCloseable {
    private static final long CLOSE_BOUND_MS = 5_000;

    private final EventLoopGroup group;
    private final ExecutorService requests;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final Channel listener;

    private ControlServer(EventLoopGroup group, ExecutorService requests, Channel listener) {
        this.group = group;
        this.requests = requests;
        this.listener = listener;
    }

    /**
     * Binds {@code address} and serves {@code handler}.
     *
     * @throws IOException when the address cannot be bound
     */
    static ControlServer start(InetSocketAddress address, Function<String, ControlReply> handler)
            throws IOException {
        EventLoopGroup group = new NioEventLoopGroup(1, runnable -> {
            Thread t = new Thread(runnable, "jcondis-node-io");
            t.setDaemon(true);
            return t;
        });
        ExecutorService requests = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "jcondis-node-requests");
            t.setDaemon(true);
            return t;
        });
        ChannelGroup[] channels = new ChannelGroup[1];
        ServerBootstrap b = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels[0].add(ch);
                        ch.pipeline().addLast(new LineBasedFrameDecoder(ControlRequest.MAX_LINE_BYTES, true, false),
                                new StringDecoder(StandardCharsets.UTF_8), new StringEncoder(StandardCharsets.UTF_8),
                                new RequestHandler(handler, requests));
                    }
                });
        ControlServer server;
        try {
            Channel listener = b.bind(address).syncUninterruptibly().channel();
            server = new ControlServer(group, requests, listener);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            requests.shutdownNow();
            throw new IOException("cannot listen for control requests on " + Endpoints.format(address) + ": "
                    + e.getMessage(), e);
        }
        channels[0] = server.channels;
        server.channels.add(server.listener);
        return server;
    }

    /** @return the bound address */
    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Finishes the request in progress (bounded), then closes every connection and the event loop. */
    @Override
    public void close() {
        requests.shutdown();
        try {
            if (!requests.awaitTermination(CLOSE_BOUND_MS, TimeUnit.MILLISECONDS)) {
                requests.shutdownNow();
            }
        } catch (InterruptedException e) {
            requests.shutdownNow();
            Thread.currentThread().interrupt();
        }
        channels.close().awaitUninterruptibly(CLOSE_BOUND_MS);
        group.shutdownGracefully(0, CLOSE_BOUND_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly(CLOSE_BOUND_MS);
    }

    /** Per connection: hands each line to the request thread and writes its reply. */
    private static final class RequestHandler extends SimpleChannelInboundHandler<String> {
        private final Function<String, ControlReply> handler;
        private final ExecutorService requests;

        RequestHandler(Function<String, ControlReply> handler, ExecutorService requests) {
            this.handler = handler;
            this.requests = requests;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, String line) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                return;
            }
            try {
                requests.execute(() -> reply(ctx, handler.apply(trimmed)));
            } catch (RejectedExecutionException e) {
                reply(ctx, ControlReply.error(null, ControlError.SHUTTING_DOWN, "the node is stopping"));
            }
        }

        private static void reply(ChannelHandlerContext ctx, ControlReply r) {
            ctx.writeAndFlush(r.toLine() + "\n");
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof TooLongFrameException) {
                ControlReply r = ControlReply.error(null, ControlError.MALFORMED_REQUEST,
                        "the request line is longer than " + ControlRequest.MAX_LINE_BYTES + " bytes");
                try {
                    // Through the request thread, so that replies keep the order of the lines.
                    requests.execute(() -> reply(ctx, r));
                } catch (RejectedExecutionException e) {
                    reply(ctx, r);
                }
                return;
            }
            // An I/O error on one connection (peer reset): close it; the node and other connections go on.
            ctx.close();
        }
    }
}

package io.jcondis.uni.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcondis.uni.data.VcFrame;
import io.jcondis.uni.data.VcFrameCodec;
import io.jcondis.uni.data.VcId;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The pcap writer: the file layout read back by hand, checksums checked by tshark, the Netty capture handler. */
class PcapWriterTest {
    private static final long T0 = 1_700_000_000_123_456_789L;

    private static InetSocketAddress address(String host, int port) throws Exception {
        return new InetSocketAddress(InetAddress.getByName(host), port);
    }

    @Test
    void shouldWriteAGlobalHeaderAndOneRecordPerDatagramWithCorrectIpv4Checksums() throws Exception {
        PcapWriter pcap = PcapWriter.inMemory(PcapWriter.LinkType.ETHERNET);
        pcap.write(address("10.0.0.1", 1000), address("10.0.0.2", 2000), ByteBuffer.wrap("hello".getBytes()), T0);
        assertThat(pcap.packets()).isEqualTo(1);
        ByteBuffer f = ByteBuffer.wrap(pcap.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(f.getInt(0)).isEqualTo(0xa1b2c3d4);
        assertThat(f.getInt(20)).isEqualTo(1);
        assertThat(f.getInt(24)).isEqualTo(1_700_000_000);
        assertThat(f.getInt(28)).isEqualTo(123_456);
        assertThat(f.getInt(32)).isEqualTo(14 + 20 + 8 + 5).isEqualTo(f.getInt(36));
        f.order(ByteOrder.BIG_ENDIAN);
        int ip = 40 + 14;
        assertThat(f.getShort(40 + 12)).isEqualTo((short) 0x0800);
        assertThat(onesComplementSum(f, ip, 20)).as("IPv4 header checksum verifies").isEqualTo(0xFFFF);
        assertThat(f.getShort(ip + 20) & 0xFFFF).isEqualTo(1000);
        assertThat(f.getShort(ip + 22) & 0xFFFF).isEqualTo(2000);
        assertThat(f.getShort(ip + 24) & 0xFFFF).isEqualTo(13);
        int pseudo = onesComplementSum(f, ip + 12, 8) + 17 + 13;
        assertThat(fold(pseudo + onesComplementSum(f, ip + 20, 13))).as("UDP checksum verifies").isEqualTo(0xFFFF);
    }

    @Test
    void shouldRefuseMixedAddressFamiliesAndOversizedPayloads() throws Exception {
        PcapWriter pcap = PcapWriter.inMemory(PcapWriter.LinkType.RAW);
        assertThatThrownBy(() -> pcap.write(address("10.0.0.1", 1), address("::1", 2), ByteBuffer.allocate(1), T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> pcap.write(address("10.0.0.1", 1), address("10.0.0.2", 2),
                ByteBuffer.allocate(PcapWriter.MAX_PAYLOAD_BYTES + 1), T0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(pcap.packets()).isZero();
    }

    @Test
    void shouldBeReadByTsharkWithGoodUdpChecksumsForIpv4AndIpv6InBothLinkTypes(@TempDir Path dir) throws Exception {
        assumeTrue(Tshark.available(), Tshark.missing());
        byte[] frame = VcFrameCodec.encode(VcFrame.of(new VcId(1, 2), new byte[777]));
        for (PcapWriter.LinkType type : PcapWriter.LinkType.values()) {
            Path file = dir.resolve(type + ".pcap");
            try (PcapWriter pcap = PcapWriter.toFile(file, type)) {
                pcap.write(address("127.0.0.1", 5000), address("127.0.0.2", 6000), ByteBuffer.wrap(frame), T0);
                pcap.write(address("::1", 6000), address("fe80::1", 5000), ByteBuffer.wrap(new byte[] {7}), T0 + 1000);
                pcap.write(address("127.0.0.1", 5000), address("127.0.0.2", 6000), ByteBuffer.allocate(0), T0 + 2000);
            }
            // checksum.status 1 is "Good" (0 bad, 2 unverified); _ws.malformed is empty unless malformed.
            String out = Tshark.run(dir, "-r", file.toString(), "-o", "udp.check_checksum:TRUE", "-o",
                    "ip.check_checksum:TRUE", "-T", "fields", "-E", "separator=|", "-e", "ip.src", "-e", "ipv6.src",
                    "-e", "udp.srcport", "-e", "udp.dstport", "-e", "udp.length", "-e", "udp.checksum.status",
                    "-e", "ip.checksum.status", "-e", "_ws.malformed");
            assertThat(out.lines().toList()).as("link type %s", type).containsExactly(
                    "127.0.0.1||5000|6000|" + (8 + frame.length) + "|1|1|",
                    "|::1|6000|5000|9|1||",
                    "127.0.0.1||5000|6000|8|1|1|");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldRecordDatagramsReadAndWrittenByANettyChannel() throws Exception {
        PcapWriter pcap = PcapWriter.inMemory(PcapWriter.LinkType.RAW);
        EventLoopGroup group = new NioEventLoopGroup(1);
        CountDownLatch received = new CountDownLatch(1);
        try (DatagramSocket peer = new DatagramSocket(address("127.0.0.1", 0))) {
            Channel ch = new Bootstrap().group(group).channel(NioDatagramChannel.class)
                    .handler(new SimpleChannelInboundHandler<DatagramPacket>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket p) {
                            received.countDown();
                        }
                    }).bind(address("127.0.0.1", 0)).sync().channel();
            ch.pipeline().addFirst(new PcapCaptureHandler(pcap));
            InetSocketAddress peerAddress = (InetSocketAddress) peer.getLocalSocketAddress();
            ch.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(new byte[] {1, 2, 3}), peerAddress)).sync();
            java.net.DatagramPacket in = new java.net.DatagramPacket(new byte[16], 16);
            peer.setSoTimeout(10_000);
            peer.receive(in);
            assertThat(in.getLength()).isEqualTo(3);
            peer.send(new java.net.DatagramPacket(new byte[] {4, 5}, 2, ch.localAddress()));
            assertThat(received.await(10, TimeUnit.SECONDS)).isTrue();
            ch.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        assertThat(pcap.packets()).isEqualTo(2);
        ByteBuffer f = ByteBuffer.wrap(pcap.toByteArray());
        // Raw IPv4: record header 16 bytes after the 24-byte global header; UDP length at IP offset 24.
        int first = 24 + 16;
        int firstLength = Integer.reverseBytes(f.getInt(24 + 8));
        int second = first + firstLength + 16;
        assertThat(List.of(f.getShort(first + 24), f.getShort(second + 24))).containsExactly((short) 11, (short) 10);
    }

    private static int onesComplementSum(ByteBuffer b, int off, int len) {
        int s = 0;
        for (int i = 0; i < len; i += 2) {
            int lo = i + 1 < len ? b.get(off + i + 1) & 0xFF : 0;
            s += (b.get(off + i) & 0xFF) << 8 | lo;
        }
        return fold(s);
    }

    private static int fold(int s) {
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return s;
    }
}

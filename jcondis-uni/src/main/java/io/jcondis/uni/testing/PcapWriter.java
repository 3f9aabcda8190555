package io.jcondis.uni.testing;

import io.jcondis.uni.data.DatagramTap;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Writes UDP datagrams as a classic libpcap file (magic {@code 0xa1b2c3d4}, version 2.4, microsecond timestamps)
 * that tshark and Wireshark read. Each datagram becomes one packet with IPv4 or IPv6 and UDP headers built here
 * from the given addresses, ports and payload, optionally in Ethernet II ({@link LinkType#ETHERNET}, fixed
 * locally administered MAC addresses) or bare ({@link LinkType#RAW}, LINKTYPE_RAW: the packet starts with the
 * IP header). IPv4 header checksums and UDP checksums (with the pseudo-header) are computed, so tools that check
 * them find them right.
 *
 * <p>Thread-safe: {@link #write} is synchronized, so one writer may record several sockets' threads (as a
 * {@link DatagramTap}). Packets are written in call order; timestamps are whatever the caller passes.
 * {@link #onDatagram} never throws: the first I/O error is kept and rethrown by {@link #close()}.
 */
public final class PcapWriter implements DatagramTap, AutoCloseable {
    /** The pcap link type. */
    public enum LinkType {
        /** LINKTYPE_ETHERNET (1): Ethernet II frames. */
        ETHERNET(1),
        /** LINKTYPE_RAW (101): bare IPv4 or IPv6 packets. */
        RAW(101);

        private final int code;

        LinkType(int code) {
            this.code = code;
        }

        /** @return the link type number in the pcap header */
        public int code() {
            return code;
        }
    }

    /** Largest UDP payload: what fits an IPv4 packet of 65535 bytes. */
    public static final int MAX_PAYLOAD_BYTES = 65_535 - 20 - 8;
    private static final int SNAPLEN = 262_144;
    private static final byte[] MAC_A = {0x02, 0, 0, 0, 0, 0x01};
    private static final byte[] MAC_B = {0x02, 0, 0, 0, 0, 0x02};

    private final OutputStream out;
    private final LinkType linkType;
    private final ByteArrayOutputStream memory;
    private int packets;
    private IOException failure;

    private PcapWriter(OutputStream out, LinkType linkType, ByteArrayOutputStream memory) throws IOException {
        this.out = out;
        this.linkType = linkType;
        this.memory = memory;
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAPLEN)
                .putInt(linkType.code());
        out.write(h.array());
        out.flush();
    }

    /**
     * Creates (or truncates) a pcap file and writes its header.
     *
     * @param file     the file
     * @param linkType the link type
     * @return the writer; close it to flush
     * @throws IOException if the file cannot be written
     */
    public static PcapWriter toFile(Path file, LinkType linkType) throws IOException {
        return new PcapWriter(new BufferedOutputStream(Files.newOutputStream(file)), linkType, null);
    }

    /**
     * @param linkType the link type
     * @return a writer that keeps the file in memory ({@link #toByteArray()}, {@link #writeTo(Path)})
     */
    public static PcapWriter inMemory(LinkType linkType) {
        ByteArrayOutputStream memory = new ByteArrayOutputStream();
        try {
            return new PcapWriter(memory, linkType, memory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends one datagram.
     *
     * @param source      source address and port
     * @param destination destination address and port (same IP version as the source)
     * @param payload     the UDP payload between position and limit (not consumed), at most
     *                    {@value #MAX_PAYLOAD_BYTES} bytes
     * @param epochNanos  the packet's time, nanoseconds since 1970 (written with microsecond resolution)
     * @throws IOException              if writing fails
     * @throws IllegalArgumentException if the addresses mix IPv4 and IPv6, or the payload is too long
     */
    public synchronized void write(InetSocketAddress source, InetSocketAddress destination, ByteBuffer payload,
                                   long epochNanos) throws IOException {
        byte[] packet = ipUdp(source, destination, payload);
        int linkHeader = linkType == LinkType.ETHERNET ? 14 : 0;
        ByteBuffer rec = ByteBuffer.allocate(16 + linkHeader + packet.length).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt((int) Math.floorDiv(epochNanos, 1_000_000_000L))
                .putInt((int) (Math.floorMod(epochNanos, 1_000_000_000L) / 1_000))
                .putInt(linkHeader + packet.length).putInt(linkHeader + packet.length);
        if (linkType == LinkType.ETHERNET) {
            rec.order(ByteOrder.BIG_ENDIAN).put(MAC_B).put(MAC_A)
                    .putShort((short) (packet.length > 0 && (packet[0] >>> 4) == 6 ? 0x86DD : 0x0800));
        }
        rec.put(packet);
        out.write(rec.array());
        if (memory == null) {
            // A file is complete up to its last packet at all times: a process killed (SIGKILL) keeps its capture.
            out.flush();
        }
        packets++;
    }

    /** Records a datagram; never throws (see the class comment). */
    @Override
    public void onDatagram(InetSocketAddress source, InetSocketAddress destination, ByteBuffer payload,
                           long epochNanos) {
        try {
            write(source, destination, payload, epochNanos);
        } catch (IOException e) {
            synchronized (this) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
    }

    /** @return packets written so far */
    public synchronized int packets() {
        return packets;
    }

    /**
     * @return the file so far (in-memory writers only)
     * @throws IllegalStateException for a file writer
     */
    public synchronized byte[] toByteArray() {
        if (memory == null) {
            throw new IllegalStateException("not an in-memory writer");
        }
        return memory.toByteArray();
    }

    /**
     * Saves an in-memory writer's file.
     *
     * @param file where
     * @throws IOException if writing fails
     */
    public void writeTo(Path file) throws IOException {
        Files.write(file, toByteArray());
    }

    /**
     * Flushes and closes the output.
     *
     * @throws IOException the first error of {@link #onDatagram}, or of closing
     */
    @Override
    public synchronized void close() throws IOException {
        out.close();
        if (failure != null) {
            throw failure;
        }
    }

    private static byte[] ipUdp(InetSocketAddress source, InetSocketAddress destination, ByteBuffer payload) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        InetAddress src = source.getAddress();
        InetAddress dst = destination.getAddress();
        boolean v4 = src instanceof Inet4Address;
        if (v4 != dst instanceof Inet4Address) {
            throw new IllegalArgumentException("mixed IPv4 and IPv6: " + source + " -> " + destination);
        }
        int n = payload.remaining();
        if (n > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("UDP payload too long for IPv4: " + n);
        }
        int udpLength = 8 + n;
        int ipHeader = v4 ? 20 : 40;
        ByteBuffer p = ByteBuffer.allocate(ipHeader + udpLength);
        if (v4) {
            p.put((byte) 0x45).put((byte) 0).putShort((short) (ipHeader + udpLength)).putShort((short) 0)
                    .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                    .put(src.getAddress()).put(dst.getAddress());
            p.putShort(10, (short) ~sum(p.array(), 0, 20, 0));
        } else {
            p.putInt(0x6000_0000).putShort((short) udpLength).put((byte) 17).put((byte) 64)
                    .put(src.getAddress()).put(dst.getAddress());
        }
        int udp = p.position();
        p.putShort((short) source.getPort()).putShort((short) destination.getPort()).putShort((short) udpLength)
                .putShort((short) 0).put(payload.duplicate());
        // Pseudo-header: addresses, protocol, UDP length (RFC 768, RFC 8200 8.1).
        int pseudo = sum(src.getAddress(), 0, src.getAddress().length, 0);
        pseudo = sum(dst.getAddress(), 0, dst.getAddress().length, pseudo) + 17 + udpLength;
        int checksum = ~sum(p.array(), udp, udpLength, pseudo) & 0xFFFF;
        p.putShort(udp + 6, (short) (checksum == 0 ? 0xFFFF : checksum));
        return p.array();
    }

    /** One's complement sum of 16-bit words (odd length padded with a zero octet), folded to 16 bits. */
    private static int sum(byte[] b, int off, int len, int initial) {
        long s = initial;
        for (int i = 0; i < len; i += 2) {
            int hi = (b[off + i] & 0xFF) << 8;
            int lo = i + 1 < len ? b[off + i + 1] & 0xFF : 0;
            s += hi | lo;
        }
        while ((s >>> 16) != 0) {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int) s;
    }
}

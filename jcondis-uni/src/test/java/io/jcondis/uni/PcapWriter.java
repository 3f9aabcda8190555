package io.jcondis.uni;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a classic libpcap file (magic {@code 0xa1b2c3d4}, version 2.4, LINKTYPE_ETHERNET) whose packets are
 * UDP datagrams in IPv4 in Ethernet II, all headers built here. UDP checksums are 0 (allowed for IPv4, RFC 768);
 * IPv4 header checksums are computed.
 */
final class PcapWriter {
    private static final int LINKTYPE_ETHERNET = 1;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int packets;

    PcapWriter() {
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b2c3d4).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535)
                .putInt(LINKTYPE_ETHERNET);
        out.writeBytes(h.array());
    }

    /**
     * Appends one UDP datagram from 10.0.0.1:srcPort to 10.0.0.2:dstPort.
     *
     * @param srcPort source UDP port
     * @param dstPort destination UDP port
     * @param payload UDP payload
     */
    void udp(int srcPort, int dstPort, byte[] payload) {
        int udpLength = 8 + payload.length;
        int ipLength = 20 + udpLength;
        ByteBuffer f = ByteBuffer.allocate(14 + ipLength).order(ByteOrder.BIG_ENDIAN);
        f.put(new byte[] {0x02, 0, 0, 0, 0, 0x02}).put(new byte[] {0x02, 0, 0, 0, 0, 0x01}).putShort((short) 0x0800);
        int ipStart = f.position();
        f.put((byte) 0x45).put((byte) 0).putShort((short) ipLength).putShort((short) (packets + 1))
                .putShort((short) 0x4000).put((byte) 64).put((byte) 17).putShort((short) 0)
                .put(new byte[] {10, 0, 0, 1}).put(new byte[] {10, 0, 0, 2});
        f.putShort(ipStart + 10, (short) ipChecksum(f.array(), ipStart, 20));
        f.putShort((short) srcPort).putShort((short) dstPort).putShort((short) udpLength).putShort((short) 0);
        f.put(payload);
        byte[] frame = f.array();
        ByteBuffer rec = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        rec.putInt(1_700_000_000 + packets).putInt(0).putInt(frame.length).putInt(frame.length);
        out.writeBytes(rec.array());
        out.writeBytes(frame);
        packets++;
    }

    void writeTo(Path file) throws IOException {
        Files.write(file, out.toByteArray());
    }

    private static int ipChecksum(byte[] b, int off, int len) {
        int sum = 0;
        for (int i = 0; i < len; i += 2) {
            sum += (b[off + i] & 0xFF) << 8 | (b[off + i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }
}

package io.jcondis.uni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.SampleMessages;
import io.jcondis.uni.sscop.SscopCodec;
import io.jcondis.uni.sscop.SscopPdu;
import io.jcondis.uni.testing.PcapWriter;
import io.jcondis.uni.testing.Tshark;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire conformance against Wireshark: writes every SSCOP PDU type, and SD PDUs carrying every supported Q.2931
 * message, into a pcap as UDP datagrams and has {@code tshark -d udp.port==PORT,sscop} dissect them. Asserts that
 * no frame is malformed, that there is no error-level expert info, and that tshark sees the PDU and message types
 * we meant. Skipped (assumption) when tshark is not installed.
 */
class TsharkConformanceTest {
    private static final int PORT = 41_931;

    /** The SSCOP fields compared per frame, in {@code -e} order. */
    private static final List<String> SSCOP_FIELDS = List.of("sscop.sq", "sscop.mr", "sscop.s", "sscop.ps",
            "sscop.r", "sscop.stat.s", "sscop.pad_length");

    /** Expert messages that are artefacts of the Wireshark Q.2931 dissector, see {@link Q2931Codec}. */
    private static final Set<String> KNOWN_DISSECTOR_WARNINGS = Set.of("Unknown AAL parameter",
            "Unknown ATM traffic descriptor element");

    /**
     * One frame: what we sent and what tshark should report.
     *
     * @param sscopFields expected values of {@link #SSCOP_FIELDS} (empty string: absent)
     */
    private record Frame(String what, int sscopType, int q2931Type, Map<String, String> sscopFields,
                         byte[] udpPayload) {
    }

    @Test
    void shouldBeDissectedWithoutMalformationsByTshark(@TempDir Path dir) throws Exception {
        assumeTrue(Tshark.available(), Tshark.missing());
        List<Frame> frames = frames();
        PcapWriter pcap = PcapWriter.inMemory(PcapWriter.LinkType.ETHERNET);
        InetSocketAddress from = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 1}), PORT);
        InetSocketAddress to = new InetSocketAddress(InetAddress.getByAddress(new byte[] {10, 0, 0, 2}), PORT);
        long second = 1_000_000_000L;
        for (int i = 0; i < frames.size(); i++) {
            pcap.write(from, to, ByteBuffer.wrap(frames.get(i).udpPayload()), (1_700_000_000L + i) * second);
        }
        Path file = dir.resolve("uni.pcap");
        pcap.writeTo(file);

        String verbose = Tshark.run(dir, "-r", file.toString(), "-d", "udp.port==" + PORT + ",sscop", "-V");
        List<String> fieldArgs = new ArrayList<>(List.of("-r", file.toString(), "-d", "udp.port==" + PORT + ",sscop",
                "-T", "fields", "-E", "separator=|", "-e", "frame.number", "-e", "sscop.type",
                "-e", "q2931.message_type", "-e", "_ws.expert.severity", "-e", "_ws.expert.message"));
        for (String field : SSCOP_FIELDS) {
            fieldArgs.add("-e");
            fieldArgs.add(field);
        }
        String fields = Tshark.run(dir, fieldArgs.toArray(new String[0]));

        System.out.println("tshark -T fields output (frame|sscop.type|q2931.message_type|expert severity|expert "
                + "message|" + String.join("|", SSCOP_FIELDS) + "):\n" + fields);
        assertThat(verbose).as("tshark -V output").doesNotContain("Malformed").doesNotContain("Expert Info (Error");
        List<String> lines = fields.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertThat(lines).hasSize(frames.size());
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            String[] cols = lines.get(i).split("\\|", -1);
            String where = "frame " + (i + 1) + " (" + f.what() + ")";
            assertThat(Integer.decode(cols[1])).as("SSCOP type of %s", where).isEqualTo(f.sscopType());
            if (f.q2931Type() >= 0) {
                assertThat(Integer.decode(cols[2])).as("Q.2931 message type of %s", where).isEqualTo(f.q2931Type());
            } else {
                assertThat(cols[2]).as("%s carries no Q.2931", where).isEmpty();
            }
            if (!cols[4].isEmpty()) {
                assertThat(Set.of(cols[4].split(","))).as("expert info of %s", where)
                        .isSubsetOf(KNOWN_DISSECTOR_WARNINGS);
            }
            for (int k = 0; k < SSCOP_FIELDS.size(); k++) {
                String field = SSCOP_FIELDS.get(k);
                assertThat(cols[5 + k]).as("%s of %s", field, where).isEqualTo(f.sscopFields().getOrDefault(field, ""));
            }
        }
    }

    private static List<Frame> frames() {
        List<Frame> frames = new ArrayList<>();
        Octets uu = Octets.ascii("uu!");
        add(frames, "BGN", new SscopPdu.Bgn(1, 100, uu), Map.of("sscop.sq", "1", "sscop.mr", "100",
                "sscop.pad_length", "1"));
        add(frames, "BGAK", new SscopPdu.Bgak(100, Octets.EMPTY), Map.of("sscop.mr", "100",
                "sscop.pad_length", "0"));
        int ns = 0;
        List<Q2931Message> messages = new ArrayList<>(SampleMessages.all());
        // R26: close data in the user-user element of RELEASE and DROP PARTY (docs/uni.md, "Close data").
        messages.addAll(SampleMessages.clearingWithUserUser());
        for (Q2931Message m : messages) {
            byte[] q = Q2931Codec.encode(m);
            Map<String, String> expected = Map.of("sscop.s", Integer.toString(ns),
                    "sscop.pad_length", Integer.toString((4 - q.length % 4) % 4));
            frames.add(new Frame("SD " + m.type(), 0x08, m.messageTypeCode(), expected,
                    SscopCodec.encode(new SscopPdu.Sd(ns++, Octets.of(q)))));
        }
        add(frames, "POLL", new SscopPdu.Poll(7, ns), Map.of("sscop.ps", "7", "sscop.s", Integer.toString(ns)));
        add(frames, "STAT", new SscopPdu.Stat(7, 1000, 3, List.of(3, 5, 9)), Map.of("sscop.ps", "7",
                "sscop.mr", "1000", "sscop.r", "3", "sscop.stat.s", "3,5,9"));
        add(frames, "USTAT", new SscopPdu.Ustat(1000, 3, 3, 5), Map.of("sscop.mr", "1000", "sscop.r", "3",
                "sscop.stat.s", "3,5"));
        add(frames, "RS", new SscopPdu.Rs(2, 200, Octets.EMPTY), Map.of("sscop.sq", "2", "sscop.mr", "200",
                "sscop.pad_length", "0"));
        add(frames, "RSAK", new SscopPdu.Rsak(200), Map.of("sscop.mr", "200"));
        add(frames, "ER", new SscopPdu.Er(3, 300), Map.of("sscop.sq", "3", "sscop.mr", "300"));
        add(frames, "ERAK", new SscopPdu.Erak(300), Map.of("sscop.mr", "300"));
        add(frames, "UD", new SscopPdu.Ud(Octets.ascii("unnumbered")), Map.of("sscop.pad_length", "2"));
        add(frames, "MD", new SscopPdu.Md(Octets.ascii("mgmt")), Map.of());
        add(frames, "END", new SscopPdu.End(false, Octets.EMPTY), Map.of("sscop.pad_length", "0"));
        add(frames, "ENDAK", new SscopPdu.Endak(), Map.of());
        add(frames, "BGREJ", new SscopPdu.Bgrej(uu), Map.of("sscop.pad_length", "1"));
        return frames;
    }

    private static void add(List<Frame> frames, String what, SscopPdu pdu, Map<String, String> fields) {
        frames.add(new Frame(what, pdu.type().code(), -1, fields, SscopCodec.encode(pdu)));
    }
}

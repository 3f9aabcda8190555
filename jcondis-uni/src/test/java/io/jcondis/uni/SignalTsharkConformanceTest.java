package io.jcondis.uni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CalledPartyNumber;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.MessageType;
import io.jcondis.uni.signal.UniCallId;
import io.jcondis.uni.signal.UniCallState;
import io.jcondis.uni.signal.UniPair;
import io.jcondis.uni.testing.Tshark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wire conformance of what the call-control engine really sends: two {@code UniLink}s over two SSCOP entities run
 * the ladders (point-to-point call, release from either side, call rejected with a cause,
 * point-to-multipoint with add and drop party, modify accepted and rejected, status enquiry); every datagram they
 * exchanged goes into a pcap that {@code tshark -d udp.port==PORT,sscop} dissects. No malformed packet, no
 * error-level expert info, and tshark's Q.2931 message types in order are the engine's. Skipped without tshark.
 */
class SignalTsharkConformanceTest {
    private static final int PORT_A = 41_931;
    private static final int PORT_B = 41_932;
    private static final Set<String> KNOWN_DISSECTOR_WARNINGS = Set.of("Unknown AAL parameter",
            "Unknown ATM traffic descriptor element");

    @Test
    @DisplayName("issue 4 item 5: the engine's ladders decode cleanly in tshark, message for message")
    void shouldProduceLaddersTsharkDecodesCleanly(@TempDir Path dir) throws Exception {
        assumeTrue(Tshark.available(), Tshark.missing());
        UniPair pair = new UniPair().established();
        runLadders(pair);

        PcapWriter pcap = new PcapWriter();
        List<Integer> expected = new ArrayList<>();
        for (UniPair.Captured c : pair.captured) {
            pcap.udp(c.fromA() ? PORT_A : PORT_B, c.fromA() ? PORT_B : PORT_A, c.pdu());
        }
        for (String step : pair.ladder()) {
            expected.add(MessageType.valueOf(step.substring(2)).code());
        }
        Path file = dir.resolve("ladders.pcap");
        pcap.writeTo(file);
        String decodeAs = "udp.port==" + PORT_A + ",sscop";
        String verbose = Tshark.run(dir, "-r", file.toString(), "-d", decodeAs, "-V");
        String fields = Tshark.run(dir, "-r", file.toString(), "-d", decodeAs, "-T", "fields",
                "-E", "separator=|", "-e", "frame.number", "-e", "sscop.type", "-e", "q2931.message_type",
                "-e", "_ws.expert.severity", "-e", "_ws.expert.message");
        System.out.println("engine ladder: " + pair.ladder());

        assertThat(verbose).as("tshark -V output").doesNotContain("Malformed").doesNotContain("Expert Info (Error");
        List<String> lines = fields.lines().filter(l -> !l.isBlank()).collect(Collectors.toList());
        assertThat(lines).hasSize(pair.captured.size());
        List<Integer> seen = new ArrayList<>();
        for (String line : lines) {
            String[] cols = line.split("\\|", -1);
            if (!cols[2].isEmpty()) {
                seen.add(Integer.decode(cols[2]));
            }
            if (!cols[4].isEmpty()) {
                assertThat(Set.of(cols[4].split(","))).as("expert info of frame %s", cols[0])
                        .isSubsetOf(KNOWN_DISSECTOR_WARNINGS);
            }
        }
        assertThat(seen).as("Q.2931 message types as tshark reads them").isEqualTo(expected);
        assertThat(seen).contains(MessageType.SETUP.code(), MessageType.ADD_PARTY.code(),
                MessageType.DROP_PARTY_ACKNOWLEDGE.code(), MessageType.MODIFY_REJECT.code(),
                MessageType.RELEASE_COMPLETE.code(), MessageType.STATUS.code());
    }

    /** The ladders, one after the other on one association. */
    private static void runLadders(UniPair pair) {
        // Point-to-point call, released by the caller; status enquiry; modify accepted and rejected.
        UniCallId[] p2p = active(pair, UniPair.parameters());
        pair.a.link.statusEnquiry(p2p[0]);
        pair.settle();
        pair.a.link.modify(p2p[0], AtmTrafficDescriptor.peak(20_000, 20_000));
        pair.settle();
        pair.b.link.acceptModify(p2p[1]);
        pair.settle();
        pair.a.link.modify(p2p[0], AtmTrafficDescriptor.peak(90_000, 90_000));
        pair.settle();
        pair.b.link.rejectModify(p2p[1], CauseValue.USER_CELL_RATE_NOT_AVAILABLE);
        pair.settle();
        pair.a.link.release(p2p[0], CauseValue.NORMAL_CALL_CLEARING);
        pair.settle();
        // Released by the called side.
        UniCallId[] second = active(pair, UniPair.parameters());
        pair.b.link.release(second[1], CauseValue.NORMAL_CALL_CLEARING);
        pair.settle();
        // Rejected with a cause.
        pair.a.link.setup(UniPair.parameters());
        pair.settle();
        pair.b.link.release(pair.b.lastIncomingCall(), CauseValue.USER_BUSY);
        pair.settle();
        // Point-to-multipoint: add (acknowledged, rejected), drop, last party drop releases.
        UniCallId[] p2mp = active(pair, UniPair.multipointParameters());
        int ep1 = pair.a.link.addParty(p2mp[0], CalledPartyNumber.e164("4961510001")).value();
        pair.settle();
        pair.b.link.acceptAddParty(p2mp[1], ep1);
        pair.settle();
        int ep2 = pair.a.link.addParty(p2mp[0], CalledPartyNumber.e164("4961510002")).value();
        pair.settle();
        pair.b.link.rejectAddParty(p2mp[1], ep2, CauseValue.USER_BUSY);
        pair.settle();
        pair.a.link.dropParty(p2mp[0], ep1, CauseValue.NORMAL_CALL_CLEARING);
        pair.settle();
        pair.a.link.dropParty(p2mp[0], 0, CauseValue.NORMAL_CALL_CLEARING);
        pair.settle();
        assertThat(pair.a.link.callCount()).isZero();
        assertThat(pair.b.link.callCount()).isZero();
    }

    private static UniCallId[] active(UniPair pair, io.jcondis.uni.signal.CallParameters params) {
        UniCallId a = pair.a.link.setup(params).value();
        pair.settle();
        UniCallId b = pair.b.lastIncomingCall();
        pair.b.link.callProceeding(b);
        pair.b.link.alerting(b);
        pair.b.link.connect(b);
        pair.settle();
        assertThat(pair.a.link.callState(a)).isEqualTo(UniCallState.U10_ACTIVE);
        return new UniCallId[] {a, b};
    }
}

package io.jcondis.uni.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.uni.data.VcId;
import io.jcondis.uni.fabric.FabricConfig;
import io.jcondis.uni.fabric.FabricSnapshot;
import io.jcondis.uni.fabric.PeerConfig;
import io.jcondis.uni.q2931.CauseValue;
import io.jcondis.uni.q2931.ConnectionIdentifier;
import io.jcondis.uni.q2931.Setup;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniCallId;
import io.jcondis.uni.signal.UniEvent;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.SscopConfig;
import io.jcondis.uni.testing.UdpFaultRelay;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 4 item 6 against the fabric: signalling through seeded faulty relays, and garbage on its sockets. (The
 * peer killed mid-call is {@code FabricSystemTest#shouldClearOtherEndWhenHostLinkIsLost}.)
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class FabricFaultTest {

    @Test
    @DisplayName("issue 4 item 6: with 10% drop, 10% duplication, 10% delay and 10% reordering on every link, "
            + "calls complete and clear, none hangs, nothing leaks")
    void shouldCompleteCallsThroughFaultyLinks() throws Exception {
        UdpFaultRelay.Faults faults = new UdpFaultRelay.Faults(0.10, 0.10, 0.10, 0.10,
                TimeUnit.MILLISECONDS.toNanos(30));
        try (FabricHarness h = FabricHarness.start(List.of("hosta", "hostb"), 10_000_000, SscopConfig.defaults(),
                UniLinkConfig.defaults(Side.USER), c -> c, faults, 42, null)) {
            TestHost a = h.host("hosta");
            TestHost b = h.host("hostb");
            int completed = 0;
            for (int i = 0; i < 12; i++) {
                int vci = 100 + i;
                UniCallId ca = a.on(l -> l.setup(TestHost.call("hostb:" + vci, vci, 100, 100))).value();
                UniCallId cb = b.awaitMessage(Setup.class).call();
                b.request(l -> l.connect(cb));
                UniEvent first = a.await(UniEvent.class, e -> e instanceof UniEvent.CallActive x && x.call().equals(ca)
                        || e instanceof UniEvent.CallCleared y && y.call().equals(ca));
                if (first instanceof UniEvent.CallActive) {
                    completed++;
                    if (i % 2 == 0) {
                        a.request(l -> l.release(ca, CauseValue.NORMAL_CALL_CLEARING));
                    } else {
                        b.await(UniEvent.CallActive.class, e -> e.call().equals(cb));
                        b.request(l -> l.release(cb, CauseValue.NORMAL_CALL_CLEARING));
                    }
                    a.awaitCleared(ca);
                }
                b.awaitCleared(cb);
            }
            FabricSnapshot s = h.awaitQuiescent();
            UdpFaultRelay.Counters ra = h.relay("hosta").counters();
            UdpFaultRelay.Counters rb = h.relay("hostb").counters();
            System.out.println("faulty links: " + completed + "/12 calls completed; relay a " + ra + "; relay b " + rb
                    + "; SSCOP a " + s.link("hosta").sscop());
            assertThat(completed).isEqualTo(12);
            assertThat(ra.dropped() + rb.dropped()).isPositive();
            assertThat(ra.duplicated() + rb.duplicated()).isPositive();
            assertThat(ra.reordered() + rb.reordered()).isPositive();
            assertThat(s.link("hosta").sscop().sdsRetransmitted() + s.link("hostb").sscop().sdsRetransmitted())
                    .isPositive();
        }
    }

    @Test
    @DisplayName("issue 4 item 6: garbage and truncated datagrams on the signalling and data ports are counted "
            + "and dropped; a call through the fabric works before and after, nothing leaks")
    void shouldCountAndDropGarbage() throws Exception {
        try (DatagramSocket junk = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                     0));
             FabricHarness h = FabricHarness.start(List.of("hosta", "hostb"), 10_000_000, SscopConfig.defaults(),
                     UniLinkConfig.defaults(Side.USER), c -> withJunkPeer(c, junk), null, 0, null)) {
            callWithData(h, 200);
            InetSocketAddress junkLink = h.fabric().linkAddress("junk");
            InetSocketAddress aLink = h.fabric().linkAddress("hosta");
            InetSocketAddress data = h.fabric().dataAddress();
            List<byte[]> garbage = new ArrayList<>();
            garbage.add(new byte[] {1});
            garbage.add(new byte[] {0, 0, 0});
            garbage.add(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F, 0, 0, 0});
            garbage.add(new byte[] {1, 2, 3, 4, 5, 6});
            garbage.add("this is not an SSCOP PDU at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            for (byte[] g : garbage) {
                junk.send(new DatagramPacket(g, g.length, junkLink));
                stranger.send(new DatagramPacket(g, g.length, aLink));
                stranger.send(new DatagramPacket(g, g.length, data));
            }
            FabricSnapshot s = h.snapshot();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestHost.WAIT_SECONDS);
            while ((s.link("junk").sscop().datagramsReceived() < garbage.size()
                    || s.link("hosta").foreignDatagrams() < garbage.size()
                    || s.counters().data().foreignSource() < garbage.size()) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(20);
                s = h.snapshot();
            }
            // Whatever the codec cannot decode is malformed; a datagram that happens to be a PDU is SSCOP's business.
            long notPdus = garbage.stream().filter(g -> !io.jcondis.uni.sscop.SscopCodec.decode(g).isOk()).count();
            assertThat(notPdus).isGreaterThanOrEqualTo(3);
            assertThat(s.link("junk").sscop().malformedDatagrams()).isEqualTo(notPdus);
            assertThat(s.link("hosta").foreignDatagrams()).isEqualTo(garbage.size());
            assertThat(s.counters().data().foreignSource()).isEqualTo(garbage.size());
            assertThat(s.link("junk").calls()).isZero();
            callWithData(h, 201);
            h.awaitQuiescent();
        }
    }

    private static FabricConfig withJunkPeer(FabricConfig c, DatagramSocket junk) {
        List<PeerConfig> peers = new ArrayList<>(c.peers());
        peers.add(PeerConfig.of("junk", (InetSocketAddress) junk.getLocalSocketAddress()));
        return new FabricConfig(c.name(), c.bind(), c.dataBind(), peers, c.sscop(), c.link(), c.hostOf());
    }

    private static void callWithData(FabricHarness h, int vci) {
        TestHost a = h.host("hosta");
        TestHost b = h.host("hostb");
        UniCallId ca = a.on(l -> l.setup(TestHost.call("hostb:1", vci, 100, 100))).value();
        UniEvent.MessageReceived setup = b.awaitMessage(Setup.class);
        ConnectionIdentifier ci = ((Setup) setup.message()).connectionIdentifier().orElseThrow();
        b.request(l -> l.connect(setup.call()));
        a.await(UniEvent.CallActive.class, e -> e.call().equals(ca));
        VcId vcB = new VcId(ci.vpci(), ci.vci());
        b.receive(h.fabric().dataAddress(), vcB);
        a.send(h.fabric().dataAddress(), new VcId(0, vci), "frame-" + vci);
        assertThat(b.awaitFrames(1)).containsExactly("frame-" + vci);
        a.request(l -> l.release(ca, CauseValue.NORMAL_CALL_CLEARING));
        b.awaitCleared(setup.call());
        a.awaitCleared(ca);
    }
}

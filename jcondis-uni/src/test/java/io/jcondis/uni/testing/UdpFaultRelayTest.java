package io.jcondis.uni.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.q2931.SampleMessages;
import io.jcondis.uni.sscop.AaSignal;
import io.jcondis.uni.sscop.Sscop;
import io.jcondis.uni.sscop.SscopConfig;
import io.jcondis.uni.sscop.SscopState;
import io.jcondis.uni.sscop.SscopUdpEndpoint;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault relay between two real SSCOP endpoints on 127.0.0.1: assured data survives seeded loss, duplication,
 * delay and reordering (all delivered, in order, once); pause blackholes and resume recovers; killing the relay
 * makes SSCOP give the association up; the capture of a faulty run is clean SSCOP for tshark. Waits are latches
 * bounded in time, under a {@link Timeout}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class UdpFaultRelayTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long WAIT_S = 60;

    /** The SSCOP user at B: accepts, collects data, counts releases. */
    private static final class Collector implements SscopUdpEndpoint.User {
        final List<Octets> received = Collections.synchronizedList(new ArrayList<>());
        final AtomicReference<CountDownLatch> data = new AtomicReference<>(new CountDownLatch(0));

        @Override
        public void onSignal(Sscop sscop, AaSignal s) {
            if (s instanceof AaSignal.EstablishIndication) {
                sscop.establishResponse(Octets.EMPTY);
            } else if (s instanceof AaSignal.DataIndication d) {
                received.add(d.data());
                data.get().countDown();
            }
        }
    }

    /** The SSCOP user at A: counts confirmations and releases. */
    private static final class Initiator implements SscopUdpEndpoint.User {
        final CountDownLatch established = new CountDownLatch(1);
        final CountDownLatch released = new CountDownLatch(1);

        @Override
        public void onSignal(Sscop sscop, AaSignal s) {
            if (s instanceof AaSignal.EstablishConfirm) {
                established.countDown();
            } else if (s instanceof AaSignal.ReleaseIndication || s instanceof AaSignal.ReleaseConfirm) {
                released.countDown();
            }
        }
    }

    private static List<Octets> messages(String prefix, int n) {
        List<Octets> m = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            m.add(Octets.ascii(prefix + " " + i));
        }
        return m;
    }

    private static void sendAll(SscopUdpEndpoint a, List<Octets> messages) throws Exception {
        List<Status> st = a.call(s -> messages.stream().map(s::send).toList()).get(WAIT_S, TimeUnit.SECONDS);
        assertThat(st).containsOnly(Status.SUCCESS);
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        assertThat(latch.await(WAIT_S, TimeUnit.SECONDS)).as(what).isTrue();
    }

    @Test
    void shouldDeliverAssuredDataInOrderThroughDropsDuplicatesDelaysAndReordering(@TempDir Path dir)
            throws Exception {
        Initiator ua = new Initiator();
        Collector ub = new Collector();
        PcapWriter pcap = PcapWriter.inMemory(PcapWriter.LinkType.ETHERNET);
        UdpFaultRelay.Faults faults = new UdpFaultRelay.Faults(0.1, 0.05, 0.1, 0.1, TimeUnit.MILLISECONDS.toNanos(20));
        try (SscopUdpEndpoint a = SscopUdpEndpoint.bind("a", LOOPBACK, SscopConfig.defaults(), ua);
             SscopUdpEndpoint b = SscopUdpEndpoint.bind("b", LOOPBACK, SscopConfig.defaults(), ub);
             UdpFaultRelay relay = UdpFaultRelay.start("ab", a.localAddress(), b.localAddress(), faults, 42, pcap)) {
            a.peer(relay.addressForA());
            b.peer(relay.addressForB());
            assertThat(a.establish(Octets.EMPTY).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(Status.SUCCESS);
            await(ua.established, "established through the relay");

            // Real Q.2931 messages, so that tshark's SSCOP payload dissector (Q.2931) has nothing to complain about.
            List<Octets> sent = new ArrayList<>();
            for (int i = 0; sent.size() < 400; i++) {
                List<Q2931Message> all = SampleMessages.all();
                sent.add(Octets.of(Q2931Codec.encode(all.get(i % all.size()))));
            }
            ub.data.set(new CountDownLatch(sent.size()));
            sendAll(a, sent);
            await(ub.data.get(), "all data delivered");
            assertThat(ub.received).isEqualTo(sent);

            UdpFaultRelay.Counters c = relay.counters();
            assertThat(c.dropped()).isPositive();
            assertThat(c.duplicated()).isPositive();
            assertThat(c.delayed()).isPositive();
            assertThat(c.reordered()).isPositive();
            assertThat(c.foreign()).isZero();
            assertThat(c.forwarded()).isGreaterThan(c.received() - c.dropped() - c.blackholed() - 1);
            assertThat(pcap.packets()).isGreaterThanOrEqualTo((int) Math.min(Integer.MAX_VALUE, c.received()));

            assertThat(a.release(Octets.EMPTY).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(Status.SUCCESS);
            await(ua.released, "released through the relay");
            assertThat(a.call(Sscop::state).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(SscopState.IDLE);
        }

        // The recorded run, faults and all, is clean SSCOP to an independent decoder.
        assumeTrue(Tshark.available(), Tshark.missing());
        Path file = dir.resolve("relay.pcap");
        pcap.writeTo(file);
        String out = Tshark.run(dir, "-r", file.toString(), "-d", "udp.port==1-65535,sscop", "-T", "fields",
                "-e", "sscop.type", "-e", "_ws.malformed", "-e", "_ws.expert.severity");
        List<String> lines = out.lines().toList();
        assertThat(lines).hasSize(pcap.packets());
        // Columns: SSCOP type, malformed marker (empty), expert severities (never error, 0x800000).
        assertThat(lines).allSatisfy(l -> assertThat(l).matches("0x0[0-9a-f]\\t\\t.*")
                .doesNotContain(Integer.toString(0x80_0000)));
    }

    @Test
    void shouldBlackholeWhilePausedAndRecoverAfterResume() throws Exception {
        Initiator ua = new Initiator();
        Collector ub = new Collector();
        AtomicReference<CountDownLatch> seen = new AtomicReference<>(new CountDownLatch(0));
        try (SscopUdpEndpoint a = SscopUdpEndpoint.bind("a", LOOPBACK, SscopConfig.defaults(), ua);
             SscopUdpEndpoint b = SscopUdpEndpoint.bind("b", LOOPBACK, SscopConfig.defaults(), ub);
             UdpFaultRelay relay = UdpFaultRelay.start("ab", a.localAddress(), b.localAddress(),
                     UdpFaultRelay.Faults.NONE, 7, (from, to, payload, t) -> {
                         if (from.equals(a.localAddress())) {
                             seen.get().countDown();
                         }
                     })) {
            a.peer(relay.addressForA());
            b.peer(relay.addressForB());
            a.establish(Octets.EMPTY).get(WAIT_S, TimeUnit.SECONDS);
            await(ua.established, "established");

            List<Octets> sent = messages("p", 20);
            ub.data.set(new CountDownLatch(sent.size()));
            relay.pause();
            // The 20 SDs from A reach the relay while it is paused: wait until they have.
            seen.set(new CountDownLatch(20));
            sendAll(a, sent);
            await(seen.get(), "SDs reached the paused relay");
            assertThat(relay.counters().blackholed()).isGreaterThanOrEqualTo(20);
            assertThat(ub.received).isEmpty();

            relay.resume();
            // SSCOP's POLL after resume reports the gap; the SDs are retransmitted.
            await(ub.data.get(), "data delivered after resume");
            assertThat(ub.received).isEqualTo(sent);

            // A PDU longer than Netty's default 2048-byte datagram buffer arrives whole (UdpChannels).
            byte[] big = new byte[6000];
            big[5999] = 42;
            ub.data.set(new CountDownLatch(1));
            sendAll(a, List.of(Octets.of(big)));
            await(ub.data.get(), "a 6000-byte SD delivered");
            assertThat(ub.received.get(sent.size())).isEqualTo(Octets.of(big));
        }
    }

    @Test
    void shouldMakeSscopGiveUpWhenTheRelayIsKilled() throws Exception {
        Initiator ua = new Initiator();
        Collector ub = new Collector();
        long ms = TimeUnit.MILLISECONDS.toNanos(1);
        // Short keep-alive and no-response timers so the loss of the path is noticed in about a second.
        SscopConfig quick = new SscopConfig(200 * ms, 100 * ms, 100 * ms, 1_000 * ms, 15_000 * ms, 4, 25, 67, 128,
                1024);
        try (SscopUdpEndpoint a = SscopUdpEndpoint.bind("a", LOOPBACK, quick, ua);
             SscopUdpEndpoint b = SscopUdpEndpoint.bind("b", LOOPBACK, quick, ub)) {
            UdpFaultRelay relay = UdpFaultRelay.start("ab", a.localAddress(), b.localAddress(),
                    UdpFaultRelay.Faults.NONE, 1, null);
            a.peer(relay.addressForA());
            b.peer(relay.addressForB());
            a.establish(Octets.EMPTY).get(WAIT_S, TimeUnit.SECONDS);
            await(ua.established, "established");
            relay.close();
            relay.close();
            await(ua.released, "AA-RELEASE.indication after Timer_NO-RESPONSE");
            assertThat(a.call(Sscop::state).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(SscopState.IDLE);
        }
    }
}

package io.jcondis.uni.sscop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.Status;
import io.jcondis.uni.codec.Octets;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one real-socket test (style G13: real sockets last): two endpoints in this JVM on 127.0.0.1, ports chosen
 * by the system, establish an association, exchange 1000 messages in order, shrug off foreign and malformed
 * datagrams, and release. Bounded by {@link Timeout}.
 */
class SscopUdpEndpointTest {
    private static final int MESSAGES = 1000;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldEstablishExchangeThousandMessagesInOrderAndReleaseOverLoopbackUdp() throws Exception {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        List<Octets> received = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch established = new CountDownLatch(2);
        CountDownLatch allReceived = new CountDownLatch(MESSAGES);
        CountDownLatch released = new CountDownLatch(2);
        SscopUdpEndpoint.User responder = (sscop, s) -> {
            if (s instanceof AaSignal.EstablishIndication) {
                sscop.establishResponse(Octets.EMPTY);
                established.countDown();
            } else if (s instanceof AaSignal.DataIndication d) {
                received.add(d.data());
                allReceived.countDown();
            } else if (s instanceof AaSignal.ReleaseIndication) {
                released.countDown();
            }
        };
        SscopUdpEndpoint.User initiator = (sscop, s) -> {
            if (s instanceof AaSignal.EstablishConfirm) {
                established.countDown();
            } else if (s instanceof AaSignal.ReleaseConfirm) {
                released.countDown();
            }
        };
        try (SscopUdpEndpoint a = SscopUdpEndpoint.bind("a", loopback, SscopConfig.defaults(), initiator);
             SscopUdpEndpoint b = SscopUdpEndpoint.bind("b", loopback, SscopConfig.defaults(), responder);
             DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            assertThat(a.localAddress().getAddress().isLoopbackAddress()).isTrue();
            a.peer(b.localAddress());
            b.peer(a.localAddress());

            assertThat(a.establish(Octets.ascii("hello")).get(5, TimeUnit.SECONDS)).isEqualTo(Status.SUCCESS);
            assertThat(established.await(10, TimeUnit.SECONDS)).isTrue();

            // Foreign datagrams (garbage and a well-formed END) from a stranger are dropped before SSCOP sees them.
            byte[] end = SscopCodec.encode(new SscopPdu.End(false, Octets.EMPTY));
            for (byte[] d : List.of(new byte[] {1, 2, 3}, new byte[0], end)) {
                stranger.send(new DatagramPacket(d, d.length, b.localAddress()));
            }

            List<Octets> sent = new ArrayList<>();
            for (int i = 0; i < MESSAGES; i++) {
                sent.add(Octets.ascii("message " + i));
            }
            // One task on A's loop queues them all: they leave as fast as B's credit allows.
            List<Status> statuses = a.call(s -> sent.stream().map(s::send).toList()).get(5, TimeUnit.SECONDS);
            assertThat(statuses).containsOnly(Status.SUCCESS);
            assertThat(allReceived.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(received).isEqualTo(sent);

            assertThat(b.foreignDatagrams().get(5, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(b.call(Sscop::state).get(5, TimeUnit.SECONDS)).isEqualTo(SscopState.DATA_TRANSFER_READY);

            assertThat(a.release(Octets.EMPTY).get(5, TimeUnit.SECONDS)).isEqualTo(Status.SUCCESS);
            assertThat(released.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(a.call(Sscop::state).get(5, TimeUnit.SECONDS)).isEqualTo(SscopState.IDLE);
            assertThat(b.call(Sscop::state).get(5, TimeUnit.SECONDS)).isEqualTo(SscopState.IDLE);
            SscopStatistics stats = b.call(Sscop::statistics).get(5, TimeUnit.SECONDS);
            assertThat(stats.sdsDelivered()).isEqualTo(MESSAGES);
            assertThat(stats.receiveBuffered()).isZero();
        }
    }
}

package io.jcondis.uni.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.api.Packet;
import io.jcondis.api.Result;
import io.jcondis.api.Status;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The data endpoint over real UDP on 127.0.0.1 (ports from the OS, sockets closed after each test, waits bounded
 * by latches and {@link Timeout}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class UdpDataEndpointTest {
    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    private static final long WAIT_S = 20;
    private static final VcId VC_A = new VcId(0, 100);

    private final List<AutoCloseable> resources = new ArrayList<>();

    /** Frames a sink received, and a latch per expected count. */
    private static final class Sink implements UdpDataEndpoint.Receiver {
        final List<byte[]> frames = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch latch;

        Sink(int expected) {
            latch = new CountDownLatch(expected);
        }

        @Override
        public void onReceive(VcId vc, Packet packet) {
            frames.add(packet.toBytes());
            latch.countDown();
        }

        void await() throws InterruptedException {
            assertThat(latch.await(WAIT_S, TimeUnit.SECONDS)).as("frames received in time, got %d", frames.size())
                    .isTrue();
        }
    }

    /** Completions in arrival order. */
    private static final class Completions implements UdpDataEndpoint.SendCompletion {
        final List<Status> statuses = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch latch;

        Completions(int expected) {
            latch = new CountDownLatch(expected);
        }

        @Override
        public void onSendComplete(Packet packet, Status status) {
            assertThat(packet.status()).isEqualTo(status);
            statuses.add(status);
            latch.countDown();
        }

        void await() throws InterruptedException {
            assertThat(latch.await(WAIT_S, TimeUnit.SECONDS)).as("completions in time, got %d", statuses.size())
                    .isTrue();
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : resources) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T open(T resource) {
        resources.add(resource);
        return resource;
    }

    private UdpDataEndpoint endpoint(String name) throws InterruptedException {
        return open(UdpDataEndpoint.bind(name, ANY_LOOPBACK, UdpDataEndpoint.Config.defaults()));
    }

    private static byte[] payload(int i, int size) {
        byte[] b = new byte[size];
        ByteBuffer.wrap(b).putInt(i);
        return b;
    }

    @Test
    void shouldDeliverFramesPointToPointInOrderWithOneCompletionEach() throws Exception {
        UdpDataEndpoint a = endpoint("a");
        UdpDataEndpoint b = endpoint("b");
        int n = 500;
        Sink sink = new Sink(n);
        Result<VcReceiver> rx = b.openReceiver(a.localAddress(), VC_A, sink);
        assertThat(rx.status()).isEqualTo(Status.SUCCESS);
        Completions done = new Completions(n);
        VcSender tx = a.openSender(VC_A, b.localAddress(), TrafficContract.UNSHAPED, done);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] p = payload(i, 4 + i * 7 % 1400);
            sent.add(p);
            assertThat(tx.send(Packet.wrap(p))).isEqualTo(Status.PENDING);
        }
        done.await();
        sink.await();
        assertThat(done.statuses).containsOnly(Status.SUCCESS).hasSize(n);
        assertThat(sink.frames).containsExactlyElementsOf(sent);
        long bytes = sent.stream().mapToLong(p -> p.length).sum();
        assertThat(tx.counters()).isEqualTo(new VcCounters(n, bytes, 0, 0, 0, 0));
        assertThat(rx.value().counters()).isEqualTo(new VcCounters(0, 0, n, bytes, 0, 0));
        assertThat(b.counters()).isEqualTo(new DataEndpointCounters(n, 0, n, 0, 0, 0, 0));
        assertThat(a.counters().datagramsSent()).isEqualTo(n);
    }

    @Test
    void shouldReplicateRootFramesToEveryLeafAndStopAtADroppedLeaf() throws Exception {
        UdpDataEndpoint root = endpoint("root");
        UdpDataEndpoint leaf1 = endpoint("leaf1");
        UdpDataEndpoint leaf2 = endpoint("leaf2");
        VcId vc1 = new VcId(0, 40);
        VcId vc2 = new VcId(1, 41);
        Sink sink1 = new Sink(150);
        Sink sink2 = new Sink(100);
        leaf1.openReceiver(root.localAddress(), vc1, sink1);
        leaf2.openReceiver(root.localAddress(), vc2, sink2);
        Completions first = new Completions(100);
        VcSender tx = root.openRootSender(TrafficContract.UNSHAPED, first);
        assertThat(tx.addLeaf(leaf1.localAddress(), vc1)).isEqualTo(Status.SUCCESS);
        assertThat(tx.addLeaf(leaf2.localAddress(), vc2)).isEqualTo(Status.SUCCESS);
        assertThat(tx.addLeaf(leaf2.localAddress(), vc2).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            sent.add(payload(i, 200));
            assertThat(tx.send(Packet.wrap(sent.get(i)))).isEqualTo(Status.PENDING);
        }
        first.await();
        sink2.await();
        assertThat(sink2.frames).containsExactlyElementsOf(sent);

        // Drop party: later frames reach leaf 1 only.
        assertThat(tx.dropLeaf(leaf2.localAddress(), vc2)).isEqualTo(Status.SUCCESS);
        assertThat(tx.dropLeaf(leaf2.localAddress(), vc2).code()).isEqualTo(Status.Code.INVALID_PARAMETER);
        for (int i = 100; i < 150; i++) {
            sent.add(payload(i, 200));
            assertThat(tx.send(Packet.wrap(sent.get(i)))).isEqualTo(Status.PENDING);
        }
        sink1.await();
        assertThat(sink1.frames).containsExactlyElementsOf(sent);
        assertThat(root.counters().datagramsSent()).isEqualTo(100 * 2 + 50);
        assertThat(tx.counters().framesSent()).isEqualTo(150);
        assertThat(tx.leafCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("garbage, truncated and unknown-VC datagrams are counted and dropped while a VC keeps flowing")
    void shouldCountAndDropGarbageWhileAVcKeepsFlowing() throws Exception {
        UdpDataEndpoint a = endpoint("a");
        UdpDataEndpoint b = endpoint("b");
        DatagramSocket raw = open(new DatagramSocket(ANY_LOOPBACK));
        DatagramSocket stranger = open(new DatagramSocket(ANY_LOOPBACK));
        InetSocketAddress rawAddress = (InetSocketAddress) raw.getLocalSocketAddress();
        int n = 300;
        Sink sink = new Sink(n);
        b.openReceiver(a.localAddress(), VC_A, sink);
        VcId rawVc = new VcId(2, 200);
        Sink rawSink = new Sink(1);
        b.openReceiver(rawAddress, rawVc, rawSink);
        Completions done = new Completions(n);
        VcSender tx = a.openSender(VC_A, b.localAddress(), TrafficContract.UNSHAPED, done);

        byte[] good = VcFrameCodec.encode(VcFrame.of(rawVc, "last".getBytes()));
        byte[] corrupt = good.clone();
        corrupt[10] ^= 0x40;
        byte[] cut = Arrays.copyOf(VcFrameCodec.encode(VcFrame.of(rawVc, new byte[100])), 60);
        List<byte[]> garbage = List.of(new byte[] {1, 2, 3}, new byte[0], cut, corrupt,
                VcFrameCodec.encode(VcFrame.of(new VcId(9, 99), new byte[] {1})));
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sent.add(payload(i, 64));
            assertThat(tx.send(Packet.wrap(sent.get(i)))).isEqualTo(Status.PENDING);
            if (i % 60 == 0) {
                byte[] g = garbage.get(i / 60);
                raw.send(new DatagramPacket(g, g.length, b.localAddress()));
                stranger.send(new DatagramPacket(good, good.length, b.localAddress()));
            }
        }
        // The raw peer's last datagram is a good frame: once it is in, everything the raw peer sent was read.
        raw.send(new DatagramPacket(good, good.length, b.localAddress()));
        sink.await();
        rawSink.await();
        done.await();
        assertThat(sink.frames).containsExactlyElementsOf(sent);
        assertThat(rawSink.frames).containsExactly("last".getBytes());
        DataEndpointCounters c = b.counters();
        assertThat(c.truncated()).as("3 bytes, 0 bytes, a frame cut to 60 bytes").isEqualTo(3);
        assertThat(c.malformed()).as("one flipped payload bit").isEqualTo(1);
        assertThat(c.unknownVc()).isEqualTo(1);
        assertThat(c.delivered()).isEqualTo(n + 1);
        assertThat(c.foreignSource()).isEqualTo(5);
        assertThat(c.datagramsReceived()).isEqualTo(n + 1 + 5 + 5);
        assertThat(done.statuses).containsOnly(Status.SUCCESS);
    }

    @Test
    @DisplayName("a shaped VC's full queue answers RESOURCES; close completes waiting frames with CLOSING")
    void shouldAnswerResourcesWhenTheShapingQueueIsFullAndAbortWaitingFramesOnClose() throws Exception {
        UdpDataEndpoint a = open(UdpDataEndpoint.bind("a", ANY_LOOPBACK,
                UdpDataEndpoint.Config.defaults().withQueueFrames(4)));
        UdpDataEndpoint b = endpoint("b");
        Sink sink = new Sink(1);
        b.openReceiver(a.localAddress(), VC_A, sink);
        // 1 byte/s after a 100-byte burst: the second frame would wait 100 s, so the queue stays full.
        Completions done = new Completions(4);
        VcSender tx = a.openSender(VC_A, b.localAddress(), TrafficContract.of(1, 1, 100), done);
        List<Status> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(tx.send(Packet.wrap(payload(i, 100))));
        }
        sink.await();
        long accepted = answers.stream().filter(Status::isPending).count();
        long refused = answers.stream().filter(s -> s.is(Status.Code.RESOURCES)).count();
        // Four fit; a fifth fits only if the first frame completed between two sends.
        assertThat(accepted).isBetween(4L, 5L);
        assertThat(accepted + refused).isEqualTo(10);
        assertThat(answers.subList(0, 4)).containsOnly(Status.PENDING);
        assertThat(tx.send(Packet.wrap(new byte[0]))).isEqualTo(Status.INVALID_LENGTH);

        Completions all = done;
        tx.close();
        assertThat(tx.send(Packet.wrap(payload(99, 10)))).isEqualTo(Status.CLOSING);
        all.await();
        assertThat(all.statuses.get(0)).isEqualTo(Status.SUCCESS);
        assertThat(all.statuses.subList(1, all.statuses.size())).containsOnly(Status.CLOSING);
        VcCounters c = tx.counters();
        assertThat(c.framesSent()).isEqualTo(1);
        assertThat(c.framesDelayed()).isEqualTo(accepted - 1);
        assertThat(c.framesDropped()).isEqualTo(refused + accepted - 1);
        assertThat(sink.frames).hasSize(1);
    }

    @Test
    void shouldRefuseASecondReceiverForTheSamePeerAndVcAndCountFramesAfterCloseAsUnknown() throws Exception {
        UdpDataEndpoint a = endpoint("a");
        UdpDataEndpoint b = endpoint("b");
        Sink sink = new Sink(1);
        VcReceiver rx = b.openReceiver(a.localAddress(), VC_A, sink).value();
        Result<VcReceiver> again = b.openReceiver(a.localAddress(), VC_A, (vc, p) -> { });
        assertThat(again.status().code()).isEqualTo(Status.Code.VC_NOT_AVAILABLE);
        assertThat(again.value()).isNull();
        // Another VC from the same peer keeps the peer known after the first receiver closes.
        Sink other = new Sink(1);
        b.openReceiver(a.localAddress(), new VcId(0, 101), other);
        rx.close();
        rx.close();
        Completions done = new Completions(2);
        a.openSender(VC_A, b.localAddress(), TrafficContract.UNSHAPED, done).send(Packet.wrap(new byte[] {1}));
        a.openSender(new VcId(0, 101), b.localAddress(), TrafficContract.UNSHAPED, done)
                .send(Packet.wrap(new byte[] {2}));
        other.await();
        done.await();
        assertThat(sink.frames).isEmpty();
        assertThat(b.counters().unknownVc()).isEqualTo(1);

        a.close();
        assertThat(a.openReceiver(b.localAddress(), VC_A, sink).status()).isEqualTo(Status.CLOSING);
    }
}

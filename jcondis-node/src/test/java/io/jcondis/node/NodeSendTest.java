package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paced {@code send} op (F1): far more packets than the uni data path's sender queue (1024 frames) all
 * complete, because at most {@link Node#SEND_WINDOW} are outstanding at a time; the reply counts completions
 * by status; and the request stays within its bound when the call's rate cannot carry the count.
 */
@Timeout(60)
class NodeSendTest {
    @TempDir
    Path dir;

    private static final long WAIT_NS = TimeUnit.SECONDS.toNanos(15);

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Object signal = new Object();
    private long version;
    private Node na;
    private Node nb;

    @AfterEach
    void stop() {
        if (na != null) {
            na.close();
        }
        if (nb != null) {
            nb.close();
        }
    }

    /** Two uni nodes, peers of each other on loopback; B listens on hostb:bulk. */
    private void startPair(long requestTimeoutMs) throws Exception {
        InetSocketAddress pa = UniNodeDriver.freeLoopbackAddress();
        InetSocketAddress pb = UniNodeDriver.freeLoopbackAddress();
        na = Node.start(new NodeConfig().name("na").driver("uni").host("hosta", 10_000_000).listen(pa)
                .peer("hostb", pb).requestTimeoutMs(requestTimeoutMs).stateDir(dir), log::add);
        nb = Node.start(new NodeConfig().name("nb").driver("uni").host("hostb", 10_000_000).listen(pb)
                .peer("hosta", pa).stateDir(dir), log::add);
        for (Node n : List.of(na, nb)) {
            n.runtime().addTraceListener(e -> {
                synchronized (signal) {
                    version++;
                    signal.notifyAll();
                }
            });
        }
    }

    /** Waits (at most 15 s) until {@code condition} holds, re-checking whenever a node's runtime saw something. */
    private void await(Callable<Boolean> condition, String what) throws Exception {
        long end = System.nanoTime() + WAIT_NS;
        while (true) {
            long seen;
            synchronized (signal) {
                seen = version;
            }
            if (condition.call()) {
                return;
            }
            synchronized (signal) {
                while (version == seen) {
                    long left = end - System.nanoTime();
                    assertThat(left).as("waiting for " + what).isPositive();
                    TimeUnit.NANOSECONDS.timedWait(signal, left);
                }
            }
        }
    }

    private static JsonNode ok(NodeClient c, ControlRequest r) throws Exception {
        ControlReply reply = c.request(r);
        assertThat(reply.isOk()).as("%s -> %s", r, reply).isTrue();
        return reply.result();
    }

    private static JsonNode vc(NodeClient c, String vc) throws Exception {
        for (JsonNode v : ok(c, ControlRequest.of("show").with("what", "vcs")).path("vcs")) {
            if (vc == null || v.path("vc").asText().equals(vc)) {
                return v;
            }
        }
        return null;
    }

    @Test
    @DisplayName("F1 paced: 5000 frames on a uni call (queue 1024) all complete SUCCESS and all arrive")
    void shouldSendFarMoreFramesThanTheSenderQueueHolds() throws Exception {
        startPair(10_000);
        try (NodeClient a = NodeClient.connect(dir, "na", 20_000);
             NodeClient b = NodeClient.connect(dir, "nb", 20_000)) {
            ok(b, ControlRequest.of("listen").with("sap", "hostb:bulk"));
            // 1 MB/s of 64-byte frames: 15625 frames/s, far slower than the request thread issues them, so
            // without pacing the sender's 1024-frame queue fills and refuses the rest with RESOURCES.
            JsonNode call = ok(a, ControlRequest.of("call").with("to", "hostb:bulk").with("tx", "1M").with("rx", 0));
            String id = call.path("call").asText();

            JsonNode sent = ok(a, ControlRequest.of("send").with("call", id).with("count", 5000).with("bytes", 64));

            assertThat(sent.path("sent").asLong()).isEqualTo(5000);
            assertThat(sent.path("refused").asLong()).as("refusals (first: %s)", sent.path("firstRefusal"))
                    .isZero();
            assertThat(sent.path("completed").asLong()).isEqualTo(5000);
            assertThat(sent.path("statuses").toString()).isEqualTo("{\"SUCCESS\":5000}");
            assertThat(sent.path("sendsCompleted").asLong()).isEqualTo(5000);
            assertThat(sent.path("sendsFailed").asLong()).isZero();
            assertThat(vc(a, id).path("packetsSent").asLong()).isEqualTo(5000);
            await(() -> {
                JsonNode v = vc(b, null);
                return v != null && v.path("packetsReceived").asLong() >= 5000;
            }, "5000 frames at hostb");
            JsonNode in = vc(b, null);
            assertThat(in.path("packetsReceived").asLong()).isEqualTo(5000);
            assertThat(in.path("bytesReceived").asLong()).isEqualTo(5000 * 64);
            ok(a, ControlRequest.of("drop").with("call", id));
        }
    }

    @Test
    @DisplayName("F1 paced, bounded: a count the call's rate cannot carry ends in TIMEOUT naming what was sent")
    void shouldStopSendingAtTheRequestBound() throws Exception {
        startPair(1_000);
        try (NodeClient a = NodeClient.connect(dir, "na", 20_000);
             NodeClient b = NodeClient.connect(dir, "nb", 20_000)) {
            ok(b, ControlRequest.of("listen").with("sap", "hostb:slow"));
            // 9600 B/s of 96-byte frames: 100 frames/s after a first burst of one largest SDU's worth (about 700
            // frames), so 5000 frames need over 40 s against a 1 s bound.
            JsonNode call = ok(a, ControlRequest.of("call").with("to", "hostb:slow").with("tx", 9600).with("rx", 0));
            String id = call.path("call").asText();

            ControlReply reply = a.request(ControlRequest.of("send").with("call", id).with("count", 5000)
                    .with("bytes", 96));

            assertThat(reply.isOk()).as(String.valueOf(reply)).isFalse();
            assertThat(reply.error()).isEqualTo(ControlError.TIMEOUT);
            assertThat(reply.message()).startsWith("sending 5000 packets on " + id + ": ")
                    .containsPattern(" [0-9]+ in flight, [0-9]+ not sent within 1000 ms$");
            long sent = vc(a, id).path("packetsSent").asLong();
            assertThat(sent).isPositive().isLessThan(5000);
            assertThat(ok(a, ControlRequest.of("ping")).path("node").asText()).as("the node still answers")
                    .isEqualTo("na");
            // What was sent is still paced by the window; it completes after the reply, every frame SUCCESS.
            await(() -> vc(a, id).path("sendsCompleted").asLong() == sent, "the frames in flight");
            assertThat(vc(a, id).path("sendsFailed").asLong()).isZero();
            await(() -> {
                JsonNode v = vc(b, null);
                return v != null && v.path("packetsReceived").asLong() == sent;
            }, sent + " frames at hostb");
            ok(a, ControlRequest.of("drop").with("call", id));
        }
    }

    @Test
    @DisplayName("F1 paced on the embedded switch: sends complete inside the send, all 3000 reported SUCCESS")
    void shouldReportStatusesOnTheEmbeddedSwitch() throws Exception {
        na = Node.start(new NodeConfig().name("ne").host("hosta", 100_000_000).host("hostb", 100_000_000)
                .stateDir(dir), log::add);
        try (NodeClient c = NodeClient.connect(dir, "ne", 20_000)) {
            ok(c, ControlRequest.of("listen").with("sap", "hostb:v"));
            String id = ok(c, ControlRequest.of("call").with("to", "hostb:v").with("tx", "10M").with("rx", 0))
                    .path("call").asText();
            JsonNode sent = ok(c, ControlRequest.of("send").with("call", id).with("count", 3000).with("bytes", 10));
            assertThat(sent.path("sent").asLong()).isEqualTo(3000);
            assertThat(sent.path("completed").asLong()).isEqualTo(3000);
            assertThat(sent.path("statuses").toString()).isEqualTo("{\"SUCCESS\":3000}");
            JsonNode again = ok(c, ControlRequest.of("send").with("call", id).with("count", 2));
            assertThat(again.path("statuses").toString()).as("per request").isEqualTo("{\"SUCCESS\":2}");
            assertThat(again.path("sendsCompleted").asLong()).as("the call's total").isEqualTo(3002);
        }
    }
}

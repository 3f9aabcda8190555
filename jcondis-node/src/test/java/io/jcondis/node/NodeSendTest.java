package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;

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

    /** Two uni nodes on loopback, peers of each other (A with host hosta, B with hostb), and a client of each. */
    private static final class UniPair implements AutoCloseable {
        final NodeWaits waits = new NodeWaits();
        final Node na;
        final Node nb;
        final NodeClient a;
        final NodeClient b;

        UniPair(Path dir, long requestTimeoutMs) throws Exception {
            InetSocketAddress pa = UniNodeDriver.freeLoopbackAddress();
            InetSocketAddress pb = UniNodeDriver.freeLoopbackAddress();
            na = Node.start(new NodeConfig().name("na").driver("uni").host("hosta", 10_000_000).listen(pa)
                    .peer("hostb", pb).requestTimeoutMs(requestTimeoutMs).stateDir(dir), line -> { });
            nb = Node.start(new NodeConfig().name("nb").driver("uni").host("hostb", 10_000_000).listen(pb)
                    .peer("hosta", pa).stateDir(dir), line -> { });
            waits.watch(na);
            waits.watch(nb);
            a = NodeClient.connect(dir, "na", 20_000);
            b = NodeClient.connect(dir, "nb", 20_000);
        }

        /** B listens on {@code hostb:SEL}; A calls it sending at {@code txBps}: the call id. */
        String listenAndCall(String sel, Object txBps) throws Exception {
            ok(b, ControlRequest.of("listen").with("sap", "hostb:" + sel));
            JsonNode call = ok(a, ControlRequest.of("call").with("to", "hostb:" + sel).with("tx", txBps)
                    .with("rx", 0));
            assertThat(call.path("state").asText()).isEqualTo("CONNECTED");
            return call.path("call").asText();
        }

        @Override
        public void close() throws Exception {
            try (NodeClient ca = a; NodeClient cb = b) {
                na.close();
                nb.close();
            }
        }
    }

    private static JsonNode ok(NodeClient c, ControlRequest r) throws Exception {
        return NodeWaits.ok(c, r);
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
        try (UniPair p = new UniPair(dir, 10_000)) {
            // 1 MB/s of 64-byte frames: 15625 frames/s, far slower than the request thread issues them, so
            // without pacing the sender's 1024-frame queue fills and completes the rest with RESOURCES.
            String id = p.listenAndCall("bulk", "1M");

            JsonNode sent = ok(p.a, ControlRequest.of("send").with("call", id).with("count", 5000).with("bytes", 64));

            assertThat(sent.path("sent").asLong()).isEqualTo(5000);
            assertThat(sent.path("refused").asLong()).as("refusals (first: %s)", sent.path("firstRefusal"))
                    .isZero();
            assertThat(sent.path("completed").asLong()).isEqualTo(5000);
            assertThat(sent.path("statuses").toString()).isEqualTo("{\"SUCCESS\":5000}");
            assertThat(sent.path("sendsCompleted").asLong()).isEqualTo(5000);
            assertThat(sent.path("sendsFailed").asLong()).isZero();
            assertThat(vc(p.a, id).path("packetsSent").asLong()).isEqualTo(5000);
            p.waits.await(() -> {
                JsonNode v = vc(p.b, null);
                return v != null && v.path("packetsReceived").asLong() >= 5000;
            }, "5000 frames at hostb");
            JsonNode in = vc(p.b, null);
            assertThat(in.path("packetsReceived").asLong()).isEqualTo(5000);
            assertThat(in.path("bytesReceived").asLong()).isEqualTo(5000 * 64);
            ok(p.a, ControlRequest.of("drop").with("call", id));
        }
    }

    @Test
    @DisplayName("F1 paced, bounded: a count the call's rate cannot carry ends in TIMEOUT naming what was sent")
    void shouldStopSendingAtTheRequestBound() throws Exception {
        try (UniPair p = new UniPair(dir, 1_000)) {
            // 9600 B/s of 96-byte frames: 100 frames/s after a first burst of one largest SDU's worth (about 700
            // frames), so 5000 frames need over 40 s against a 1 s bound.
            String id = p.listenAndCall("slow", 9600);

            ControlReply reply = p.a.request(ControlRequest.of("send").with("call", id).with("count", 5000)
                    .with("bytes", 96));

            assertThat(reply.isOk()).as(String.valueOf(reply)).isFalse();
            assertThat(reply.error()).isEqualTo(ControlError.TIMEOUT);
            assertThat(reply.message()).startsWith("sending 5000 packets on " + id + ": ")
                    .containsPattern(" [0-9]+ in flight, [0-9]+ not sent within 1000 ms$");
            long sent = vc(p.a, id).path("packetsSent").asLong();
            assertThat(sent).isPositive().isLessThan(5000);
            assertThat(ok(p.a, ControlRequest.of("ping")).path("node").asText()).as("the node still answers")
                    .isEqualTo("na");
            // What was sent is still paced by the window; it completes after the reply, every frame SUCCESS.
            p.waits.await(() -> vc(p.a, id).path("sendsCompleted").asLong() == sent, "the frames in flight");
            assertThat(vc(p.a, id).path("sendsFailed").asLong()).isZero();
            p.waits.await(() -> {
                JsonNode v = vc(p.b, null);
                return v != null && v.path("packetsReceived").asLong() == sent;
            }, sent + " frames at hostb");
            ok(p.a, ControlRequest.of("drop").with("call", id));
        }
    }

    @Test
    @DisplayName("F1 paced on the embedded switch: sends complete inside the send, all 3000 reported SUCCESS")
    void shouldReportStatusesOnTheEmbeddedSwitch() throws Exception {
        Node ne = Node.start(new NodeConfig().name("ne").host("hosta", 100_000_000).host("hostb", 100_000_000)
                .stateDir(dir), line -> { });
        try (ne; NodeClient c = NodeClient.connect(dir, "ne", 20_000)) {
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

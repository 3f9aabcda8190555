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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two nodes with the {@code uni} driver in this process, each with one host, peers of each other on loopback UDP:
 * a call made through one node's control interface crosses Q.2931/SSCOP to the other (issue 4 item 7).
 */
@Timeout(60)
class UniNodeTest {
    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final NodeWaits waits = new NodeWaits();
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

    private static InetSocketAddress freePair() {
        return UniNodeDriver.freeLoopbackAddress();
    }

    private void watch(Node n) {
        waits.watch(n);
    }

    private void await(Callable<Boolean> condition, String what) throws Exception {
        waits.await(condition, what);
    }

    private static JsonNode ok(NodeClient c, ControlRequest r) throws Exception {
        return NodeWaits.ok(c, r);
    }

    @Test
    @DisplayName("B1, E1, F1, E9 across two uni nodes: listen on B, call from A, send, show QoS and counters, drop")
    void shouldCallBetweenTwoUniNodes() throws Exception {
        InetSocketAddress pa = freePair();
        InetSocketAddress pb = freePair();
        na = Node.start(new NodeConfig().name("na").driver("uni").host("hosta", 1_000_000).listen(pa)
                .peer("hostb", pb).stateDir(dir), log::add);
        nb = Node.start(new NodeConfig().name("nb").driver("uni").host("hostb", 1_000_000).listen(pb)
                .peer("hosta", pa).stateDir(dir), log::add);
        watch(na);
        watch(nb);
        try (NodeClient a = NodeClient.connect(dir, "na", 20_000); NodeClient b = NodeClient.connect(dir, "nb", 20_000)) {
            ok(b, ControlRequest.of("listen").with("sap", "hostb:video"));
            JsonNode call = ok(a, ControlRequest.of("call").with("to", "hostb:video").with("tx", "96k").with("rx", 0));
            String vc = call.path("call").asText();
            assertThat(call.path("state").asText()).isEqualTo("CONNECTED");
            JsonNode sent = ok(a, ControlRequest.of("send").with("call", vc).with("count", 20).with("bytes", 100));
            assertThat(sent.path("sendsCompleted").asLong()).isEqualTo(20);
            await(() -> {
                JsonNode v = ok(b, ControlRequest.of("show").with("what", "vcs")).path("vcs").get(0);
                return v != null && v.path("packetsReceived").asLong() == 20;
            }, "20 frames at hostb");
            JsonNode in = ok(b, ControlRequest.of("show").with("what", "vcs")).path("vcs").get(0);
            assertThat(in.path("packetsReceived").asLong()).isEqualTo(20);
            assertThat(in.path("bytesReceived").asLong()).isEqualTo(2_000);
            JsonNode inCall = ok(b, ControlRequest.of("show").with("what", "calls")).path("calls").get(0);
            assertThat(inCall.path("direction").asText()).isEqualTo("in");
            assertThat(inCall.path("rx").path("peakBps").asLong()).as("96000 B/s is 2000 cells/s").isEqualTo(96_000);
            ok(a, ControlRequest.of("drop").with("call", vc));
            await(() -> ok(b, ControlRequest.of("show").with("what", "vcs")).path("vcs").isEmpty(), "hostb's VC gone");
            assertThat(ok(b, ControlRequest.of("show")).path("runtime").path("vcs").asInt()).isZero();
            assertThat(ok(a, ControlRequest.of("show")).path("runtime").path("pendingRequests").asInt()).isZero();
        }
    }
}

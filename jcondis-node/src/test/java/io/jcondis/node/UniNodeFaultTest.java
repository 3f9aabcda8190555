package io.jcondis.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Process-level faults of the {@code uni} driver (issue 4 item 6, docs/uni.md "Faults"): a peer node process killed
 * with SIGKILL in the middle of a call, while data flows. The survivor's SSCOP hears no STAT for Timer_NO-RESPONSE
 * (after at most Timer_IDLE of idle phase) and releases the association; its active calls keep their state for T309
 * (Q.2931 5.6.9) while it tries to re-establish, then are cleared with cause 27 <i>destination out of order</i>,
 * which {@code UniMapping} maps to {@code DEST_OUT_OF_ORDER}: the client sees E10 (incoming close) for a
 * point-to-point call, or E5 (incoming drop party) for the lost leaf of a point-to-multipoint call. A killed fabric
 * node ({@link FabricNode}) is such a peer for both hosts of a call through it: both ends see E10.
 *
 * <p>Every node runs short timers ({@link #TIMERS}), so the release is bounded by
 * {@code Timer_IDLE + Timer_NO-RESPONSE + T309} = 2.5 s after the kill and cannot come before T309 = 1 s; the test
 * asserts both, allowing {@link #SCHEDULING_SLACK_MS} for the child JVMs' scheduling on a busy machine. The waits
 * are woken by the node's output lines ({@link NodeProcess#awaitLine}) and by {@code show} replies, each bounded.
 * Every process is stopped in {@link #reap()} (and by NodeProcess's shutdown hook); the state directory ends empty.
 */
@Timeout(180)
class UniNodeFaultTest {
    /** Timer_CC: BGN retransmission while the survivor tries to re-establish. */
    static final long SSCOP_CC_MS = 200;
    /** Timer_POLL and Timer_KEEP-ALIVE. */
    static final long SSCOP_POLL_MS = 100;
    /** Timer_IDLE: the longest quiet period before a keep-alive POLL. */
    static final long SSCOP_IDLE_MS = 500;
    /** Timer_NO-RESPONSE: no STAT for this long and the association is released. */
    static final long SSCOP_NO_RESPONSE_MS = 1_000;
    /** T309: an active call survives a lost association this long. */
    static final long T309_MS = 1_000;
    /** The latest the survivor's calls can be cleared after the kill, by the protocol. */
    static final long RELEASE_BOUND_MS = SSCOP_IDLE_MS + SSCOP_NO_RESPONSE_MS + T309_MS;
    /** Allowance for the child JVMs' threads to be scheduled and their output read; not a performance figure. */
    static final long SCHEDULING_SLACK_MS = 5_000;

    @TempDir
    Path dir;

    private Path stateDir;
    private final List<NodeProcess> started = new ArrayList<>();

    @BeforeEach
    void dirs() throws IOException {
        stateDir = Files.createDirectory(dir.resolve("state"));
    }

    @AfterEach
    void reap() {
        started.forEach(NodeProcess::stop);
    }

    private static NodeConfig uniNode(String name, InetSocketAddress listen) {
        return new NodeConfig().name(name).driver("uni").listen(listen).timer("sscop-cc", SSCOP_CC_MS)
                .timer("sscop-poll", SSCOP_POLL_MS).timer("sscop-keep-alive", SSCOP_POLL_MS)
                .timer("sscop-idle", SSCOP_IDLE_MS).timer("sscop-no-response", SSCOP_NO_RESPONSE_MS)
                .timer("t309", T309_MS).requestTimeoutMs(10_000);
    }

    private NodeProcess start(NodeConfig config) throws IOException {
        NodeProcess p = NodeProcess.start(config.stateDir(stateDir), dir);
        started.add(p);
        return p;
    }

    private static JsonNode ok(NodeProcess node, ControlRequest r) throws IOException {
        ControlReply reply = node.request(r);
        assertThat(reply.isOk()).as("%s -> %s", r, reply).isTrue();
        return reply.result();
    }

    /** {@code show} on {@code node} until {@code done} holds; bounded by 20 s and 20000 requests. */
    private static JsonNode showUntil(NodeProcess node, Predicate<JsonNode> done) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode last = null;
        try (NodeClient c = NodeClient.connect(node.controlAddress(), NodeClient.DEFAULT_REPLY_TIMEOUT_MS)) {
            for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++) {
                ControlReply r = c.request(ControlRequest.of("show"));
                assertThat(r.isOk()).as("%s", r).isTrue();
                last = r.result();
                if (done.test(last)) {
                    return last;
                }
            }
        }
        return last;
    }

    private static long received(JsonNode show, String host) {
        for (JsonNode vc : show.path("vcs")) {
            if (vc.path("host").asText().equals(host) && vc.path("direction").asText().equals("in")) {
                return vc.path("packetsReceived").asLong();
            }
        }
        return -1;
    }

    private static boolean quiescent(JsonNode show) {
        return show.path("calls").isEmpty() && show.path("vcs").isEmpty()
                && show.path("runtime").path("vcs").asInt() == 0 && show.path("driver").path("quiescent").asBoolean();
    }

    private static void listen(NodeProcess node, String sap) throws IOException {
        ok(node, ControlRequest.of("listen").with("sap", sap));
    }

    /** A point-to-point call at 96 kB/s one way; returns its id. */
    private static String call(NodeProcess node, String to) throws IOException {
        JsonNode call = ok(node, ControlRequest.of("call").with("to", to).with("tx", "96k").with("rx", 0));
        assertThat(call.path("state").asText()).isEqualTo("CONNECTED");
        return call.path("call").asText();
    }

    /** Every end holds nothing (calls, VCs, the call manager's snapshot); then every node is stopped. */
    private void assertQuiescentThenStop(NodeProcess... ends) throws IOException {
        for (NodeProcess n : ends) {
            JsonNode show = showUntil(n, UniNodeFaultTest::quiescent);
            assertThat(quiescent(show)).as("%s: %s", n.name(), show).isTrue();
        }
        stopAll();
    }

    private static void send(NodeProcess node, String vc, int count) throws IOException {
        JsonNode sent = ok(node, ControlRequest.of("send").with("call", vc).with("count", count).with("bytes", 100));
        assertThat(sent.path("sent").asLong()).isEqualTo(count);
    }

    /**
     * Kills {@code victim} and waits for the first line of {@code survivor} that matches; returns the line and
     * checks the time from the kill to reading it against the protocol's bounds.
     */
    private static String killAndAwait(NodeProcess victim, NodeProcess survivor, Predicate<String> line)
            throws InterruptedException {
        long mark = survivor.linesSeen();
        long killedAt = kill(victim);
        return awaitAfterKill(killedAt, victim, survivor, mark, line);
    }

    /** @return when {@code victim} was killed ({@link System#nanoTime()}) */
    private static long kill(NodeProcess victim) throws InterruptedException {
        long killedAt = System.nanoTime();
        assertThat(victim.killForcibly()).as("SIGKILL took effect").isTrue();
        return killedAt;
    }

    private static String awaitAfterKill(long killedAt, NodeProcess victim, NodeProcess survivor, long mark,
                                         Predicate<String> line) throws InterruptedException {
        long leftMs = RELEASE_BOUND_MS + SCHEDULING_SLACK_MS - TimeUnit.NANOSECONDS.toMillis(System.nanoTime()
                - killedAt);
        Optional<String> seen = survivor.awaitLine(mark, line, Math.max(leftMs, 0));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        System.out.printf("kill -9 of %s: %s's event after %d ms (bounds %d..%d ms + slack): %s%n",
                victim.name(), survivor.name(), elapsedMs, T309_MS, RELEASE_BOUND_MS, seen.orElse("none"));
        assertThat(seen).as("the survivor's client event within Timer_IDLE + Timer_NO-RESPONSE + T309 (+ slack);"
                + " its output:\n%s", String.join("\n", survivor.output())).isPresent();
        assertThat(elapsedMs).as("Q.2931 5.6.9: an active call outlives the lost association by T309")
                .isGreaterThanOrEqualTo(T309_MS);
        assertThat(elapsedMs).as("released by the timers").isLessThanOrEqualTo(RELEASE_BOUND_MS + SCHEDULING_SLACK_MS);
        return seen.get();
    }

    @Test
    @DisplayName("E10 (5.6.9, T309): a peer process killed mid-call; the caller's call is released with cause 27"
            + " (DEST_OUT_OF_ORDER), the node ends quiescent, and a new call succeeds once the peer restarts")
    void shouldReleaseTheCallOfAKilledPeerAndCallAgainAfterItsRestart() throws Exception {
        InetSocketAddress pa = UniNodeDriver.freeLoopbackAddress();
        InetSocketAddress pb = UniNodeDriver.freeLoopbackAddress();
        NodeConfig configB = uniNode("fb", pb).host("hostb", 10_000_000).peer("hosta", pa);
        NodeProcess a = start(uniNode("fa", pa).host("hosta", 10_000_000).peer("hostb", pb));
        NodeProcess b = start(configB);
        listen(b, "hostb:video");
        String vc = call(a, "hostb:video");
        send(a, vc, 50);
        assertThat(received(showUntil(b, s -> received(s, "hostb") == 50), "hostb")).isEqualTo(50);

        String close = killAndAwait(b, a, l -> l.contains("incoming close on " + vc));
        assertThat(close).contains("DEST_OUT_OF_ORDER").contains("Q.2931 cause 27").contains("(E10)");
        JsonNode after = showUntil(a, UniNodeFaultTest::quiescent);
        assertThat(quiescent(after)).as("A after the release: %s", after).isTrue();
        assertThat(after.path("runtime").path("pendingRequests").asInt()).isZero();
        assertThat(after.path("driver").path("reservedBps").asLong()).isZero();
        assertThat(after.path("driver").path("linkCalls").asInt()).isZero();

        // While the peer is dead a new call cannot get the association up: SSCOP gives up after MaxCC BGNs
        // (Q.2110), the call not yet active is cleared with cause 41 (Q.2931 5.6.9) and the make-call completes
        // DEST_OUT_OF_ORDER; nothing is left behind.
        ControlReply refused = a.request(ControlRequest.of("call").with("to", "hostb:video").with("tx", "96k")
                .with("rx", 0));
        assertThat(refused.isOk()).as("%s", refused).isFalse();
        assertThat(refused.error()).isEqualTo(ControlError.REFUSED);
        assertThat(refused.message()).contains("DEST_OUT_OF_ORDER").contains("Q.2931 cause 41");
        assertThat(quiescent(showUntil(a, UniNodeFaultTest::quiescent))).isTrue();

        // The peer comes back on the same ports (its state file was left stale by the kill and is replaced): the
        // next call establishes a new SSCOP association on demand and carries data.
        NodeProcess b2 = start(configB);
        listen(b2, "hostb:video");
        String vc2 = call(a, "hostb:video");
        assertThat(vc2).isNotEqualTo(vc);
        send(a, vc2, 20);
        assertThat(received(showUntil(b2, s -> received(s, "hostb") == 20), "hostb")).isEqualTo(20);
        ok(a, ControlRequest.of("drop").with("call", vc2));
        assertQuiescentThenStop(a, b2);
        assertThat(NodeState.list(stateDir)).isEmpty();
    }

    @Test
    @DisplayName("E5 (Q.2971, T309): a leaf's node process killed; the root sees the party leave with cause 27"
            + " (DEST_OUT_OF_ORDER) and its call to the other leaf keeps carrying data")
    void shouldDropTheLeafOfAKilledPeerAndKeepTheOtherLeaf() throws Exception {
        InetSocketAddress pa = UniNodeDriver.freeLoopbackAddress();
        InetSocketAddress pb = UniNodeDriver.freeLoopbackAddress();
        InetSocketAddress pc = UniNodeDriver.freeLoopbackAddress();
        NodeProcess a = start(uniNode("ma", pa).host("hosta", 10_000_000).peer("hostb", pb).peer("hostc", pc));
        NodeProcess b = start(uniNode("mb", pb).host("hostb", 10_000_000).peer("hosta", pa));
        NodeProcess c = start(uniNode("mc", pc).host("hostc", 10_000_000).peer("hosta", pa));
        listen(b, "hostb:video");
        listen(c, "hostc:video");
        JsonNode call = ok(a, ControlRequest.of("call").with("to", "hostb:video").with("tx", "96k")
                .with("multipoint", List.of("hostc:video")));
        String vc = call.path("call").asText();
        JsonNode added = call.path("added").get(0);
        assertThat(added.path("status").asText()).as("%s", call).contains("SUCCESS");
        String leafC = added.path("party").asText();
        send(a, vc, 30);
        assertThat(received(showUntil(b, s -> received(s, "hostb") == 30), "hostb")).isEqualTo(30);
        assertThat(received(showUntil(c, s -> received(s, "hostc") == 30), "hostc")).isEqualTo(30);

        String left = killAndAwait(c, a, l -> l.contains("party " + leafC + " left"));
        assertThat(left).contains("DEST_OUT_OF_ORDER").contains("Q.2931 cause 27").contains("(E5)");
        JsonNode one = showUntil(a, s -> s.path("parties").size() == 1);
        assertThat(one.path("parties")).hasSize(1);
        assertThat(one.path("parties").get(0).path("address").asText()).isEqualTo("hostb:video");
        assertThat(one.path("calls").get(0).path("state").asText()).isEqualTo("CONNECTED");

        send(a, vc, 20);
        assertThat(received(showUntil(b, s -> received(s, "hostb") == 50), "hostb")).as("the call to B goes on")
                .isEqualTo(50);
        ok(a, ControlRequest.of("drop").with("call", vc));
        assertQuiescentThenStop(a, b);
        // The killed node could not remove its state file: it is stale (its pid is gone), and is cleaned here.
        NodeState stale = NodeState.read(stateDir, "mc");
        assertThat(stale.isAlive()).isFalse();
        Files.delete(NodeState.file(stateDir, "mc"));
        assertThat(NodeState.list(stateDir)).isEmpty();
    }

    @Test
    @DisplayName("E10 at both ends (5.6.9, T309): the fabric node process between two host nodes is killed; caller"
            + " and callee release the call with cause 27 (DEST_OUT_OF_ORDER) and end quiescent")
    void shouldReleaseBothEndsWhenTheFabricProcessIsKilled() throws Exception {
        InetSocketAddress pa = UniNodeDriver.freeLoopbackAddress();
        InetSocketAddress pb = UniNodeDriver.freeLoopbackAddress();
        InetSocketAddress fa = UniNodeDriver.freeLoopbackAddress();
        InetSocketAddress fb = UniNodeDriver.freeLoopbackAddress();
        // The fabric's link sockets are fixed (local=) so that the hosts can name them as their peer. Its data
        // socket is not at a link's port + 1, the host nodes' convention, so frames do not cross it here: this test
        // is about signalling (FabricSystemTest covers data through a fabric).
        NodeProcess fabric = NodeProcess.builder().mainClass(FabricNode.class.getName()).args("--name", "ff",
                "--peer", "hosta=" + Endpoints.format(pa) + ",local=" + fa.getPort() + ",data="
                        + Endpoints.format(UniNodeDriver.dataAddress(pa)),
                "--peer", "hostb=" + Endpoints.format(pb) + ",local=" + fb.getPort() + ",data="
                        + Endpoints.format(UniNodeDriver.dataAddress(pb))).start();
        started.add(fabric);
        NodeProcess a = start(uniNode("xa", pa).host("hosta", 10_000_000)
                .peer(new NodeConfig.Peer("fabric", fa, java.util.Set.of("hostb"))));
        NodeProcess b = start(uniNode("xb", pb).host("hostb", 10_000_000)
                .peer(new NodeConfig.Peer("fabric", fb, java.util.Set.of("hosta"))));
        listen(b, "hostb:video");
        String vc = call(a, "hostb:video");
        JsonNode in = showUntil(b, s -> s.path("calls").size() == 1
                && s.path("calls").get(0).path("state").asText().equals("CONNECTED"));
        String inVc = in.path("calls").get(0).path("call").asText();
        assertThat(ok(fabric, ControlRequest.of("snapshot")).path("calls")).hasSize(1);

        long markA = a.linesSeen();
        long markB = b.linesSeen();
        long killedAt = kill(fabric);
        String closeA = awaitAfterKill(killedAt, fabric, a, markA, l -> l.contains("incoming close on " + vc));
        String closeB = awaitAfterKill(killedAt, fabric, b, markB, l -> l.contains("incoming close on " + inVc));
        for (String close : List.of(closeA, closeB)) {
            assertThat(close).contains("DEST_OUT_OF_ORDER").contains("Q.2931 cause 27").contains("(E10)");
        }
        assertQuiescentThenStop(a, b);
        assertThat(NodeState.list(stateDir)).isEmpty();
    }

    /** Stops every node still running (SIGTERM, the node's R6 teardown), each within its bound. */
    private void stopAll() {
        for (NodeProcess p : started) {
            if (p.isAlive()) {
                assertThat(p.stop()).as("%s exits cleanly", p.name()).isIn(0, 143);
            }
        }
    }
}

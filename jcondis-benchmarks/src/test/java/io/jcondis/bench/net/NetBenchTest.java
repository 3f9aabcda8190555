package io.jcondis.bench.net;

import io.jcondis.uni.sscop.SscopStatistics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The network bench harness (issue 4 item 9): the baselines exchange what they claim, the UniLink cycle is a
 * complete Q.2931 set-up and release with six SDs, and a short run of every scenario measures something and
 * leaves no child process behind. Real sockets on 127.0.0.1 and child JVMs; every wait is bounded.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class NetBenchTest {

    @Test
    @DisplayName("issue 4 item 9: a ladder call is 6 datagrams, 3 each way, in the Q.2931 order")
    void shouldExchangeSixDatagramsPerLadderCall() throws Exception {
        try (Ladder.Responder b = new Ladder.Responder(64, 50)) {
            Thread t = new Thread(b::serve, "test-ladder");
            t.start();
            try (Ladder.Originator a = new Ladder.Originator(b.address(), 64, 5_000)) {
                for (int i = 0; i < 100; i++) {
                    a.call();
                }
                assertThat(a.sent.get()).isEqualTo(300);
                assertThat(a.received.get()).isEqualTo(300);
            } finally {
                b.stop();
                t.join(5_000);
            }
            assertThat(t.isAlive()).isFalse();
            assertThat(b.received.get()).isEqualTo(300);
            assertThat(b.sent.get()).isEqualTo(300);
        }
    }

    @Test
    @DisplayName("issue 4 item 9: the ladder refuses datagrams too short for its header")
    void shouldRefuseLadderDatagramsShorterThanTheHeader() {
        assertThatThrownBy(() -> new Ladder.Responder(Ladder.MIN_SIZE - 1, 50))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("issue 4 item 9: a UniLink call cycle over SSCOP/UDP is set-up and release with 6 SDs, all cleared")
    void shouldRunCompleteUniLinkCallCycles() throws Exception {
        try (UniLinkPeer a = UniLinkPeer.originator("test-a"); UniLinkPeer b = UniLinkPeer.responder("test-b")) {
            a.peer(b.address());
            b.peer(a.address());
            a.establish();
            SscopStatistics a0 = a.sscopStatistics();
            SscopStatistics b0 = b.sscopStatistics();
            for (int i = 0; i < 50; i++) {
                a.callCycle();
            }
            // SETUP, CONNECT ACK, RELEASE from A; CALL PROCEEDING, CONNECT, RELEASE COMPLETE from B.
            assertThat(a.sscopStatistics().sdsSent() - a0.sdsSent()).isEqualTo(150);
            assertThat(b.sscopStatistics().sdsSent() - b0.sdsSent()).isEqualTo(150);
            assertThat(a.callsCleared()).isEqualTo(50);
            assertThat(a.abnormalClears()).isZero();
            assertThat(a.openCalls()).isZero();
            // B clears on RELEASE; asking B's loop for its call count first orders this after that input.
            assertThat(b.openCalls()).isZero();
            assertThat(b.callsCleared()).isEqualTo(50);
        }
    }

    @Test
    @DisplayName("issue 4 item 9: every scenario measures in one short run (embedded node driver), children stopped")
    void shouldMeasureEveryScenarioAndStopItsChildren() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        NetBench.Options o = NetBench.Options.parse("--scenarios", "calls,packets,node-calls,node-packets",
                "--runs", "1", "--warmup-ms", "200", "--duration-ms", "300", "--payloads", "64",
                "--driver", "embedded");
        List<NetBench.Pair> pairs = new NetBench(o, new PrintStream(text, true, StandardCharsets.UTF_8)).runAll();

        assertThat(pairs).extracting(NetBench.Pair::scenario).containsExactly("calls", "packets 64 B",
                "shaped 64 B (achieved/contract)", "node-calls vs ladder", "node-calls vs control pings",
                "node-packets 64 B");
        for (NetBench.Pair p : pairs) {
            assertThat(p.measured().opsPerSec()).as(p.measured().label()).isPositive().isFinite();
            assertThat(p.baseline().opsPerSec()).as(p.baseline().label()).isPositive().isFinite();
            assertThat(p.ratio()).as(p.scenario()).isPositive().isFinite();
        }
        assertThat(pairs.get(0).measured().note()).contains("6.00 SD");
        assertThat(pairs.get(3).measured().note()).contains("0 call(s) left");
        assertThat(text.toString(StandardCharsets.UTF_8)).contains("load average", "== summary");
        assertThat(ChildProcess.liveChildren()).isZero();
    }

    @Test
    @DisplayName("issue 4 item 9: node calls and packets between two uni node processes, nothing left behind")
    void shouldMeasureNodeScenariosBetweenTwoUniNodes() throws Exception {
        NetBench.Options o = NetBench.Options.parse("--scenarios", "node-calls,node-packets", "--runs", "1",
                "--warmup-ms", "200", "--duration-ms", "300", "--payloads", "64", "--driver", "uni");
        List<NetBench.Pair> pairs = new NetBench(o, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8)).runAll();

        assertThat(pairs).extracting(NetBench.Pair::scenario).containsExactly("node-calls vs ladder",
                "node-calls vs control pings", "node-packets 64 B");
        assertThat(pairs.get(0).measured().label()).contains("driver uni");
        assertThat(pairs.get(0).measured().note()).contains("0 call(s) left afterwards");
        assertThat(pairs.get(2).measured().opsPerSec()).isPositive();
        assertThat(ChildProcess.liveChildren()).isZero();
    }

    @Test
    @DisplayName("issue 4 item 9: unknown options and values are refused with the option named")
    void shouldRefuseBadOptions() {
        assertThatThrownBy(() -> NetBench.Options.parse("--frobnicate", "1"))
                .hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> NetBench.Options.parse("--runs")).hasMessageContaining("--runs");
        assertThatThrownBy(() -> NetBench.Options.parse("--runs", "0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("issue 4 item 9: a child that cannot start is reported with its output and not left running")
    void shouldReportAChildThatCannotStart() {
        assertThatThrownBy(() -> ChildProcess.start("no-such-role", 64, List.of()))
                .isInstanceOf(IOException.class).hasMessageContaining("unknown role no-such-role");
        assertThat(ChildProcess.liveChildren()).isZero();
    }
}

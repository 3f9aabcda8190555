package io.jcondis.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.node.Endpoints;
import io.jcondis.node.NodeProcess;
import io.jcondis.node.NodeState;
import io.jcondis.node.UniNodeDriver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * System test (issue 4 item 7): two node processes with the {@code uni} driver on loopback, n1 with hosta and n2
 * with hostb and hostc, driven through the CLI entry point: listen, a point-to-point call, send, show with QoS and
 * per-VC counters, a point-to-multipoint call to both of n2's hosts (SETUP then ADD PARTY on one link), a leaf
 * dropped, closes; both nodes end empty, stop, and leave no state file. Frames cross UDP, so a counter is read
 * with {@code show} until it is reached (bounded by a request count and the test's timeout; no sleeping).
 */
@Timeout(120)
class UniNodeSystemTest {
    @TempDir
    Path dir;

    private final List<NodeProcess> started = new ArrayList<>();

    @AfterEach
    void reap() {
        started.forEach(NodeProcess::stop);
    }

    private Cli.Run cli(String... args) {
        return Cli.run(dir, args);
    }

    private NodeProcess node(String name, InetSocketAddress listen, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("node", "--name", name, "--driver", "uni", "--listen",
                Endpoints.format(listen), "--state-dir", dir.toString()));
        args.addAll(List.of(more));
        NodeProcess p = NodeProcess.builder().mainClass(Main.class.getName()).args(args.toArray(new String[0]))
                .start();
        started.add(p);
        return p;
    }

    /** {@code show} on {@code node} until its text satisfies {@code done} (at most 5000 requests). */
    private String showUntil(String node, Predicate<String> done) {
        String out = "";
        for (int i = 0; i < 5_000; i++) {
            out = cli("show", "--node", node).out();
            if (done.test(out)) {
                return out;
            }
        }
        return out;
    }

    @Test
    @DisplayName("B1, E1, E2, E3, E4, F1, E9 between two uni node processes; show has QoS and per-VC counters")
    void shouldCallBetweenTwoNodeProcesses() throws Exception {
        InetSocketAddress p1 = UniNodeDriver.freeLoopbackAddress();
        InetSocketAddress p2 = UniNodeDriver.freeLoopbackAddress();
        NodeProcess n1 = node("n1", p1, "--host", "hosta=10M", "--peer", "n2=" + Endpoints.format(p2)
                + ",hosts=hostb,hostc");
        NodeProcess n2 = node("n2", p2, "--host", "hostb=10M", "--host", "hostc=10M", "--peer", "n1="
                + Endpoints.format(p1) + ",hosts=hosta");
        assertThat(cli("listen", "--node", "n2", "hostb:video").exit()).isZero();
        assertThat(cli("listen", "--node", "n2", "hostc:video").exit()).isZero();

        Cli.Run call = cli("call", "--node", "n1", "--from", "hosta", "hostb:video", "--tx", "96k", "--rx", "0");
        assertThat(call.exit()).as(call.err()).isZero();
        String vc = call.out().strip();
        Cli.Run sent = cli("send", "--node", "n1", vc, "--count", "20", "--bytes", "100");
        assertThat(sent.out()).contains("sent 20 packets (2000 bytes)").contains("20 completed, 0 failed");
        String in = showUntil("n2", o -> o.contains("packetsReceived=20 bytesReceived=2000"));
        assertThat(in).containsPattern("host=hostb state=CONNECTED direction=in .*packetsReceived=20"
                + " bytesReceived=2000");
        assertThat(in).contains("rx=guaranteed/peakBps:96000");
        assertThat(cli("show", "--node", "n1").out()).containsPattern("vc=" + vc
                + " host=hosta state=CONNECTED direction=out packetsSent=20 bytesSent=2000");

        Cli.Run mp = cli("call", "--node", "n1", "hostb:video", "--tx", "50k", "--multipoint", "hostc:video");
        assertThat(mp.exit()).as(mp.err()).isZero();
        String mpVc = mp.out().lines().findFirst().orElseThrow();
        String leaf = mp.out().lines().filter(l -> l.startsWith("party hostc:video")).findFirst().orElseThrow()
                .split(" ")[2];
        assertThat(cli("send", "--node", "n1", mpVc, "--count", "5").exit()).isZero();
        String both = showUntil("n2", o -> o.contains("host=hostc state=CONNECTED direction=in")
                && o.matches("(?s).*host=hostb state=CONNECTED direction=in .*packetsReceived=5 .*")
                && o.matches("(?s).*host=hostc state=CONNECTED direction=in .*packetsReceived=5 .*"));
        assertThat(both).containsPattern("host=hostc state=CONNECTED direction=in .*packetsReceived=5 ");
        assertThat(both).contains("calls (3)");

        assertThat(cli("drop", "--node", "n1", mpVc, leaf).out()).contains(leaf + " dropped from " + mpVc);
        assertThat(showUntil("n2", o -> o.contains("calls (2)"))).contains("calls (2)");
        assertThat(cli("drop", "--node", "n1", mpVc).out()).contains(mpVc + " closed");
        assertThat(cli("drop", "--node", "n1", vc).out()).contains(vc + " closed");

        for (String n : List.of("n1", "n2")) {
            String empty = showUntil(n, o -> o.contains("calls (0)") && o.contains("vcs (0)"));
            assertThat(empty).as(n).contains("calls (0)").contains("vcs (0)");
            Cli.Run stop = cli("stop", "--node", n);
            assertThat(stop.exit()).as(stop.err()).isZero();
        }
        assertThat(n1.awaitExit(20_000)).isTrue();
        assertThat(n2.awaitExit(20_000)).isTrue();
        assertThat(NodeState.file(dir, "n1")).doesNotExist();
        assertThat(NodeState.file(dir, "n2")).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }
}

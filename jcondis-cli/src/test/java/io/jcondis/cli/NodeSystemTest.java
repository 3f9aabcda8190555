package io.jcondis.cli;

import io.jcondis.node.ControlRequest;
import io.jcondis.node.NodeProcess;
import io.jcondis.node.NodeState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * System test: a real node process (the CLI's {@code node} command in a child JVM, embedded driver) driven
 * from this process through the CLI entry point, as a user in another shell would. Every wait is bounded
 * (NodeProcess's ready and stop bounds, the node's request bound); nothing is timed.
 */
@Timeout(120)
class NodeSystemTest {
    @TempDir
    Path dir;

    private final List<NodeProcess> started = new ArrayList<>();

    private Cli.Run cli(String... args) {
        return Cli.run(dir, args);
    }

    private NodeProcess startNode(String name) throws Exception {
        NodeProcess p = NodeProcess.builder().mainClass(Main.class.getName()).args("node", "--name", name,
                "--host", "hosta=10M", "--host", "hostb=10M", "--host", "hostc=10M", "--state-dir", dir.toString())
                .start();
        started.add(p);
        return p;
    }

    @AfterEach
    void reap() {
        started.forEach(NodeProcess::stop);
    }

    @Test
    @DisplayName("B1, E1, E3, E4, F1, E9 across processes: listen, call, send, show, drop, stop; nothing left")
    void shouldDriveANodeProcessThroughTheCli() throws Exception {
        NodeProcess node = startNode("sys1");
        Path stateFile = NodeState.file(dir, "sys1");
        assertThat(stateFile).exists();
        assertThat(Files.readString(stateFile)).contains("\"pid\":" + node.pid());

        assertThat(cli("listen", "--node", "sys1", "hostb:video").out()).contains("listening on hostb:video");
        assertThat(cli("listen", "hostc:video").exit()).as("--node may be left out with one node").isZero();
        Cli.Run call = cli("call", "--node", "sys1", "--from", "hosta", "hostb:video", "--tx", "1M", "--rx", "0");
        assertThat(call.exit()).as(call.err()).isZero();
        String vc = call.out().strip();
        assertThat(vc).matches("vc#\\d+");
        Cli.Run sent = cli("send", "--node", "sys1", vc, "--count", "40", "--bytes", "250");
        assertThat(sent.out()).contains("sent 40 packets (10000 bytes), completions SUCCESS 40;")
                .contains("40 completed, 0 failed");

        Cli.Run mp = cli("call", "--node", "sys1", "hostb:video", "--multipoint", "hostc:video");
        assertThat(mp.exit()).as(mp.err()).isZero();
        String mpVc = mp.out().lines().findFirst().orElseThrow();
        String leaf = mp.out().lines().filter(l -> l.startsWith("party hostc:video")).findFirst().orElseThrow()
                .split(" ")[2];
        assertThat(cli("send", "--node", "sys1", mpVc, "--count", "5").exit()).isZero();

        Cli.Run show = cli("show", "--node", "sys1");
        assertThat(show.out()).contains("afs (3)").contains("saps (2)").contains("calls (5)").contains("parties (2)");
        assertThat(show.out()).containsPattern("vc=" + vc + " host=hosta state=CONNECTED direction=out packetsSent=40"
                + " bytesSent=10000 sendsCompleted=40");
        assertThat(show.out()).containsPattern("host=hostb state=CONNECTED direction=in .*packetsReceived=40"
                + " bytesReceived=10000");
        assertThat(show.out()).containsPattern("host=hostc state=CONNECTED direction=in .*packetsReceived=5 ");
        assertThat(show.out()).contains("tx=guaranteed/peakBps:1000000/rateBps:1000000");

        assertThat(cli("drop", "--node", "sys1", mpVc, leaf).out()).contains(leaf + " dropped from " + mpVc);
        assertThat(cli("show", "--node", "sys1", "parties").out()).contains("parties (1)");
        assertThat(cli("drop", "--node", "sys1", mpVc).out()).contains(mpVc + " closed");
        assertThat(cli("drop", "--node", "sys1", vc).out()).contains(vc + " closed");

        Cli.Run empty = cli("show", "--node", "sys1", "--json");
        assertThat(empty.out()).contains("\"vcs\" : [ ]").contains("\"calls\" : [ ]").contains("\"parties\" : [ ]");
        assertThat(empty.out()).contains("\"pendingRequests\" : 0");

        // Bad input: a clear error, exit 1, and the node unaffected.
        Cli.Run stale = cli("send", "--node", "sys1", vc);
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.err()).contains("UNKNOWN_CALL: no call " + vc + " on node sys1");
        Cli.Run unknown = cli("show", "--node", "nosuch");
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown node 'nosuch'");
        assertThat(node.request(ControlRequest.of("ping")).isOk()).isTrue();

        Cli.Run stop = cli("stop", "--node", "sys1");
        assertThat(stop.exit()).as(stop.err()).isZero();
        assertThat(stop.out()).contains("node sys1 stopped");
        assertThat(node.awaitExit(20_000)).isTrue();
        assertThat(node.isAlive()).isFalse();
        assertThat(stateFile).doesNotExist();
        assertThat(node.output()).anyMatch(l -> l.contains("node sys1 stopped"));
    }

    @Test
    @DisplayName("R6 on SIGTERM: a node with calls up releases them, removes its state file and exits")
    void shouldReleaseCallsOnSigterm() throws Exception {
        NodeProcess node = startNode("sys2");
        assertThat(cli("listen", "--node", "sys2", "hostb:v").exit()).isZero();
        assertThat(cli("call", "--node", "sys2", "hostb:v").exit()).isZero();
        assertThat(cli("call", "--node", "sys2", "--from", "hostc", "hostb:v").exit()).isZero();
        int exit = node.stop();
        assertThat(node.isAlive()).isFalse();
        assertThat(exit).as("SIGTERM exit status (128 + 15)").isEqualTo(143);
        assertThat(node.output()).anyMatch(l -> l.contains("node sys2 stopping: 4 call(s) released (R6),"
                + " teardown complete"));
        assertThat(NodeState.file(dir, "sys2")).doesNotExist();
        Cli.Run gone = cli("show", "--node", "sys2");
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).contains("unknown node 'sys2'");
    }

    @Test
    @DisplayName("A node that cannot start says why and exits 2: the uni driver without --listen, a bad flag")
    void shouldRefuseToStartWithAClearError() {
        Cli.Run uni = cli("node", "--name", "u1", "--driver", "uni", "--peer", "u2=127.0.0.1:29311");
        assertThat(uni.exit()).isEqualTo(2);
        assertThat(uni.err()).contains("driver uni needs --listen");
        Cli.Run bad = cli("node", "--name", "b1", "--peer", "b2=nowhere");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--peer b2: 'nowhere' is not HOST:PORT");
        Cli.Run control = cli("node", "--name", "b1", "--control", "192.0.2.1:0");
        assertThat(control.err()).contains("not a loopback address");
        assertThat(dir.toFile().list()).isEmpty();
    }
}

package io.jcondis.node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** NodeProcess with the node module's own main: ready line, a request, SIGTERM stop, a start that fails. */
@Timeout(90)
class NodeProcessTest {
    @TempDir
    Path dir;

    @Test
    void shouldStartTalkToAndStopANodeMainProcess() throws Exception {
        NodeProcess p = NodeProcess.start(new NodeConfig().name("p1").host("hosta", 1_000).stateDir(dir), dir);
        try {
            assertThat(p.name()).isEqualTo("p1");
            assertThat(p.controlAddress().getAddress().isLoopbackAddress()).isTrue();
            ControlReply r = p.request(ControlRequest.of("listen").with("sap", "hosta:v"));
            assertThat(r.isOk()).as("%s", r).isTrue();
            assertThat(NodeState.read(dir, "p1").pid()).isEqualTo(p.pid());
        } finally {
            p.stop();
        }
        assertThat(p.isAlive()).isFalse();
        assertThat(NodeState.list(dir)).isEmpty();
    }

    @Test
    void shouldRunTheNodeBehindACommandPrefixThatKeepsItsPid() throws Exception {
        Path file = dir.resolve("p2.properties");
        new NodeConfig().name("p2").host("hosta", 1_000).stateDir(dir).store(file);
        NodeProcess p = NodeProcess.builder().commandPrefix("env", "JCONDIS_PREFIX_TEST=1").args(file.toString())
                .start();
        try {
            // env execs java, so the pid the node writes is the one stop() signals.
            assertThat(NodeState.read(dir, "p2").pid()).isEqualTo(p.pid());
        } finally {
            assertThat(p.stop()).isEqualTo(143);
        }
        assertThat(NodeState.list(dir)).isEmpty();
    }

    @Test
    void shouldReportAChildThatExitsBeforeItIsReady() {
        assertThatThrownBy(() -> NodeProcess.builder().args(dir.resolve("missing.properties").toString()).start())
                .hasMessageContaining("exited before it was ready").hasMessageContaining("missing.properties");
    }
}

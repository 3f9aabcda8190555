package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fabric node's control interface (issue 4 items 4, 5, 7): links added and removed at run time, the remote
 * actions' refusals on unknown calls and hosts, capacity read and set with its bounds, settled/snapshot, the pcap
 * capture file, and bad input answered with the documented error. The actions' effect on the wire is covered by
 * the uni script run ({@code UniScriptsSystemTest}) and jcondis-uni's FabricSystemTest.
 */
@Timeout(60)
class FabricNodeTest {
    @TempDir
    Path dir;

    private static JsonNode ok(FabricNode node, String line) {
        ControlReply r = node.handle(line);
        assertThat(r.isOk()).as("%s -> %s", line, r.toLine()).isTrue();
        return r.result();
    }

    @Test
    @DisplayName("fabric node: add-peer, capacity, halt/resume, remote actions on unknown calls, settled, remove-peer")
    void controlOperations() throws Exception {
        Path pcap = dir.resolve("fabric.pcap");
        FabricNode node = FabricNode.start(FabricNode.Settings.parse(List.of("--name", "f1", "--capture",
                pcap.toString(), "--peer", "hosta=127.0.0.1:9,capacity=1000000")));
        try {
            assertThat(node.readyLine()).startsWith("jcondis node f1 ready: control 127.0.0.1:");
            assertThat(ok(node, "{\"op\":\"ping\"}").get("driver").asText()).isEqualTo("uni-fabric");
            JsonNode added = ok(node, "{\"op\":\"add-peer\",\"peer\":\"hostb=127.0.0.1:11,capacity=2000000\"}");
            assertThat(added.get("link").asText()).startsWith("127.0.0.1:");
            assertThat(node.handle("{\"op\":\"add-peer\",\"peer\":\"hostb=127.0.0.1:13\"}").error())
                    .isEqualTo(ControlError.REFUSED);

            JsonNode cap = ok(node, "{\"op\":\"capacity\",\"host\":\"hostb\"}");
            assertThat(cap.get("up").asLong()).isEqualTo(2_000_000);
            assertThat(ok(node, "{\"op\":\"capacity\",\"host\":\"hostb\",\"bps\":3000000}").get("status").asText())
                    .isEqualTo("SUCCESS");
            assertThat(ok(node, "{\"op\":\"capacity\",\"host\":\"hostb\"}").get("down").asLong())
                    .isEqualTo(3_000_000);
            assertThat(node.handle("{\"op\":\"capacity\",\"host\":\"nowhere\"}").error())
                    .isEqualTo(ControlError.UNKNOWN_HOST);

            assertThat(ok(node, "{\"op\":\"release\",\"call\":7,\"cause\":27}").get("status").asText())
                    .isEqualTo("INVALID_HANDLE");
            assertThat(ok(node, "{\"op\":\"drop-party\",\"call\":7,\"ep\":1}").get("status").asText())
                    .isEqualTo("INVALID_HANDLE");
            assertThat(ok(node, "{\"op\":\"modify\",\"call\":7,\"forward\":1000,\"backward\":0}").get("status")
                    .asText()).isEqualTo("INVALID_HANDLE");
            assertThat(node.handle("{\"op\":\"release\",\"call\":7,\"cause\":200}").error())
                    .isEqualTo(ControlError.BAD_ARGUMENT);
            assertThat(ok(node, "{\"op\":\"halt-host\",\"host\":\"hosta\"}").get("status").asText())
                    .isEqualTo("SUCCESS");
            assertThat(ok(node, "{\"op\":\"snapshot\"}").get("links").get(0).get("halted").asBoolean()).isTrue();
            assertThat(ok(node, "{\"op\":\"resume-host\",\"host\":\"hosta\"}").get("status").asText())
                    .isEqualTo("SUCCESS");
            assertThat(ok(node, "{\"op\":\"halt-host\",\"host\":\"nowhere\"}").get("status").asText())
                    .isEqualTo("INVALID_PARAMETER");

            JsonNode settled = ok(node, "{\"op\":\"settled\"}");
            assertThat(settled.get("settled").asBoolean()).isTrue();
            assertThat(settled.get("quiescent").asBoolean()).isTrue();
            assertThat(ok(node, "{\"op\":\"remove-peer\",\"peer\":\"hostb\"}").get("status").asText())
                    .isEqualTo("SUCCESS");
            assertThat(ok(node, "{\"op\":\"snapshot\"}").get("links")).hasSize(1);
            assertThat(ok(node, "{\"op\":\"remove-peer\",\"peer\":\"hostb\"}").get("status").asText())
                    .isEqualTo("INVALID_PARAMETER");
            assertThat(node.handle("{\"op\":\"fly\"}").error()).isEqualTo(ControlError.UNKNOWN_OP);
            assertThat(node.handle("not json").error()).isEqualTo(ControlError.MALFORMED_REQUEST);
        } finally {
            node.close();
        }
        assertThat(node.awaitStopped(5_000)).isTrue();
        byte[] file = Files.readAllBytes(pcap);
        assertThat(file.length).isGreaterThanOrEqualTo(24);
        assertThat(file[0] & 0xFF).isIn(0xD4, 0xA1);
        assertThat(node.handle("{\"op\":\"ping\"}").error()).isEqualTo(ControlError.SHUTTING_DOWN);
    }

    @Test
    @DisplayName("fabric node options: unknown option, missing value and non-loopback control are refused")
    void badOptions() {
        assertThatThrownBy(() -> FabricNode.Settings.parse(List.of("--bogus", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--bogus");
        assertThatThrownBy(() -> FabricNode.Settings.parse(List.of("--name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> FabricNode.Settings.parse(List.of("--control", "10.1.2.3:0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loopback");
    }

    @Test
    @DisplayName("fabric node process: NodeProcess starts it, it answers on its control port and exits 0 on stop")
    void asProcess() throws IOException, InterruptedException {
        try (NodeProcess p = NodeProcess.builder().mainClass(FabricNode.class.getName()).args("--name", "fp")
                .start()) {
            assertThat(p.name()).isEqualTo("fp");
            ControlReply r = p.request(ControlRequest.of("settled"));
            assertThat(r.result().get("settled").asBoolean()).isTrue();
            assertThat(p.request(ControlRequest.of("stop")).isOk()).isTrue();
            assertThat(p.awaitExit(10_000)).isTrue();
            assertThat(p.stop()).isZero();
        }
    }
}

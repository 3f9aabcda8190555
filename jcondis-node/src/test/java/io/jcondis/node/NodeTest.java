package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.jcondis.core.RuntimeSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A node in this process (DEDICATED runtime, real control socket on loopback): every operation, every error
 * answer, and the bounded R6 shutdown. Waits are the node's own bounded waits; nothing is timed.
 */
@Timeout(60)
class NodeTest {
    @TempDir
    Path dir;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private Node node;
    private NodeClient client;

    @BeforeEach
    void start() throws Exception {
        node = Node.start(new NodeConfig().name("n1").host("hosta", 1_000_000).host("hostb", 1_000_000, "b2")
                .host("hostc", 1_000_000).stateDir(dir), log::add);
        client = NodeClient.connect(dir, "n1", 20_000);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        node.close();
    }

    private JsonNode ok(ControlRequest r) throws Exception {
        ControlReply reply = client.request(r);
        assertThat(reply.isOk()).as("%s -> %s", r, reply).isTrue();
        return reply.result();
    }

    private ControlReply error(ControlRequest r, ControlError code, String message) throws Exception {
        ControlReply reply = client.request(r);
        assertThat(reply.isOk()).as("%s -> %s", r, reply).isFalse();
        assertThat(reply.error()).as(reply.message()).isEqualTo(code);
        assertThat(reply.message()).contains(message);
        return reply;
    }

    @Test
    @DisplayName("B1, E1, F1, E9: listen, call, send, show counters and QoS, drop; the node ends empty")
    void shouldRunACallThroughTheControlInterface() throws Exception {
        assertThat(Files.readString(node.stateFile())).contains("\"name\":\"n1\"")
                .contains(Endpoints.format(node.controlAddress()));
        assertThat(node.readyLine()).startsWith("jcondis node n1 ready: control 127.0.0.1:");
        assertThat(ok(ControlRequest.of("listen").with("sap", "b2:video")).path("host").asText()).isEqualTo("hostb");
        JsonNode call = ok(ControlRequest.of("call").with("to", "b2:video").with("tx", "100k").with("rx", 0));
        String vc = call.path("call").asText();
        assertThat(call.path("state").asText()).isEqualTo("CONNECTED");
        JsonNode sent = ok(ControlRequest.of("send").with("call", vc).with("count", 25).with("bytes", 100));
        assertThat(sent.path("sent").asLong()).isEqualTo(25);
        assertThat(sent.path("sendsCompleted").asLong()).isEqualTo(25);

        JsonNode show = ok(ControlRequest.of("show"));
        assertThat(show.path("afs")).hasSize(3);
        assertThat(show.path("saps").get(0).path("sap").asText()).isEqualTo("b2:video");
        JsonNode in = find(show.path("vcs"), "direction", "in");
        assertThat(in.path("host").asText()).isEqualTo("hostb");
        assertThat(in.path("packetsReceived").asLong()).isEqualTo(25);
        assertThat(in.path("bytesReceived").asLong()).isEqualTo(2_500);
        JsonNode out = find(show.path("vcs"), "vc", vc);
        assertThat(out.path("packetsSent").asLong()).isEqualTo(25);
        assertThat(out.path("bytesSent").asLong()).isEqualTo(2_500);
        JsonNode inCall = find(show.path("calls"), "direction", "in");
        assertThat(inCall.path("rx").path("peakBps").asLong()).as("the callee receives what the caller sends")
                .isEqualTo(100_000);
        assertThat(find(show.path("calls"), "call", vc).path("tx").path("service").asText()).isEqualTo("guaranteed");

        ok(ControlRequest.of("drop").with("call", vc));
        JsonNode after = ok(ControlRequest.of("show"));
        assertThat(after.path("vcs")).isEmpty();
        assertThat(after.path("calls")).isEmpty();
        assertThat(after.path("runtime").path("vcs").asInt()).isZero();
        assertThat(after.path("runtime").path("pendingRequests").asInt()).isZero();
        error(ControlRequest.of("send").with("call", vc), ControlError.UNKNOWN_CALL, "no call " + vc + " on node n1");
    }

    @Test
    @DisplayName("E3, E4, R22: a point-to-multipoint call, a refused leaf, a leaf dropped, then the call closed")
    void shouldAddAndDropParties() throws Exception {
        ok(ControlRequest.of("listen").with("sap", "hostb:v"));
        ok(ControlRequest.of("listen").with("sap", "hostc:v"));
        JsonNode call = ok(ControlRequest.of("call").with("to", "hostb:v")
                .with("multipoint", List.of("hostc:v", "hostc:nobody")));
        String vc = call.path("call").asText();
        JsonNode added = call.path("added");
        assertThat(added.get(0).path("status").asText()).isEqualTo("SUCCESS");
        assertThat(added.get(1).path("party").isNull()).isTrue();
        assertThat(added.get(1).path("status").asText()).contains("INVALID_SAP");
        String leaf = added.get(0).path("party").asText();
        assertThat(ok(ControlRequest.of("show").with("what", "parties")).path("parties")).hasSize(2);
        ok(ControlRequest.of("send").with("call", vc).with("count", 3));
        JsonNode vcs = ok(ControlRequest.of("show").with("what", "vcs")).path("vcs");
        assertThat(find(vcs, "host", "hostc").path("packetsReceived").asLong()).isEqualTo(3);

        error(ControlRequest.of("drop").with("call", vc).with("party", "party#99999"), ControlError.UNKNOWN_PARTY,
                "has no party party#99999");
        ok(ControlRequest.of("drop").with("call", vc).with("party", leaf));
        JsonNode parties = ok(ControlRequest.of("show").with("what", "parties")).path("parties");
        assertThat(parties).hasSize(1);
        error(ControlRequest.of("drop").with("call", vc).with("party", parties.get(0).path("party").asText()),
                ControlError.WRONG_STATE, "is the last party");
        ok(ControlRequest.of("drop").with("call", vc));
        assertThat(ok(ControlRequest.of("show")).path("vcs")).isEmpty();
    }

    @Test
    @DisplayName("Every bad request gets its error; the node is unaffected and still serves")
    void shouldAnswerEveryBadRequestWithAnError() throws Exception {
        assertThat(client.requestLine("not json")).contains("\"error\":\"MALFORMED_REQUEST\"");
        assertThat(client.requestLine("{\"id\":3}")).contains("\"id\":3").contains("MALFORMED_REQUEST");
        assertThat(client.requestLine("x".repeat(ControlRequest.MAX_LINE_BYTES + 10)))
                .contains("MALFORMED_REQUEST").contains("longer than");
        error(ControlRequest.of("dance"), ControlError.UNKNOWN_OP, "unknown op 'dance'");
        error(ControlRequest.of("listen"), ControlError.BAD_ARGUMENT, "listen: sap is missing");
        error(ControlRequest.of("listen").with("sap", "nocolon"), ControlError.BAD_ARGUMENT, "not ADDRESS:SELECTOR");
        error(ControlRequest.of("listen").with("sap", "hostz:v"), ControlError.UNKNOWN_HOST,
                "hostz is not a host or address of node n1");
        error(ControlRequest.of("listen").with("sap", "*:v"), ControlError.BAD_ARGUMENT, "name the host");
        ok(ControlRequest.of("listen").with("sap", "hostb:v"));
        error(ControlRequest.of("listen").with("sap", "hostb:v"), ControlError.WRONG_STATE, "already registered");
        error(ControlRequest.of("call").with("to", "hostc:nobody"), ControlError.REFUSED, "INVALID_SAP");
        error(ControlRequest.of("call").with("to", "hostb:v").with("tx", "2M"), ControlError.REFUSED,
                "CELLRATE_NOT_AVAILABLE");
        error(ControlRequest.of("call").with("to", "hostb:v").with("from", "nowhere"), ControlError.UNKNOWN_HOST,
                "nowhere");
        error(ControlRequest.of("send").with("call", "vc#x"), ControlError.BAD_ARGUMENT, "is not vc#N or N");
        error(ControlRequest.of("send").with("call", "12345"), ControlError.UNKNOWN_CALL, "no call vc#12345");
        String vc = ok(ControlRequest.of("call").with("to", "hostb:v")).path("call").asText();
        error(ControlRequest.of("send").with("call", vc).with("bytes", 0), ControlError.BAD_ARGUMENT,
                "bytes 0 is outside 1..65535");
        error(ControlRequest.of("drop").with("call", vc).with("party", "party#1"), ControlError.UNKNOWN_PARTY,
                "has no party");
        error(ControlRequest.of("show").with("what", "everything"), ControlError.BAD_ARGUMENT, "not one of");

        // Nothing leaked from the refused calls; the good call still works.
        JsonNode show = ok(ControlRequest.of("show"));
        assertThat(show.path("vcs")).hasSize(2);
        assertThat(show.path("saps")).hasSize(1);
        assertThat(ok(ControlRequest.of("send").with("call", vc).with("count", 2)).path("sendsCompleted").asLong())
                .isEqualTo(2);
        assertThat(show.path("runtime").path("violations").asLong()).isZero();
        assertThat(show.path("runtime").path("handlerErrors").asLong()).isZero();
    }

    @Test
    @DisplayName("R6 on stop: calls released, state file removed, later requests refused; a second node refused")
    void shouldTearDownOnClose() throws Exception {
        assertThatThrownBy(() -> Node.start(new NodeConfig().name("n1").host("h", 1).stateDir(dir), log::add))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("node n1 is already running");
        ok(ControlRequest.of("listen").with("sap", "hostb:v"));
        ok(ControlRequest.of("call").with("to", "hostb:v"));
        ok(ControlRequest.of("call").with("to", "hostb:v").with("from", "hostc"));
        RuntimeSnapshot[] last = new RuntimeSnapshot[1];
        node.close();
        assertThat(node.isStopped()).isTrue();
        assertThat(Files.exists(node.stateFile())).isFalse();
        assertThat(log).anyMatch(l -> l.contains("node n1 stopping: 4 call(s) released (R6), teardown complete"));
        last[0] = node.runtime().snapshot();
        assertThat(last[0].isQuiescent()).as("%s", last[0]).isTrue();
        assertThat(node.handle("{\"op\":\"ping\"}").error()).isEqualTo(ControlError.SHUTTING_DOWN);
        assertThatThrownBy(() -> NodeClient.connect(dir, "n1", 1_000)).hasMessageContaining("unknown node 'n1'");
    }

    @Test
    void shouldStopOnRequestAndNameMissingNodes() throws Exception {
        assertThat(ok(ControlRequest.of("ping")).path("hosts")).hasSize(3);
        assertThatThrownBy(() -> NodeClient.connect(dir, "n9", 1_000)).hasMessageContaining("unknown node 'n9'")
                .hasMessageContaining("running: n1");
        assertThat(ok(ControlRequest.of("stop")).path("stopping").asBoolean()).isTrue();
        assertThat(node.awaitStopped(20_000)).isTrue();
        assertThat(NodeState.list(dir)).isEmpty();
    }

    private static JsonNode find(JsonNode rows, String key, String value) {
        for (JsonNode r : rows) {
            if (r.path(key).asText().equals(value)) {
                return r;
            }
        }
        throw new AssertionError("no row with " + key + "=" + value + " in " + rows);
    }
}

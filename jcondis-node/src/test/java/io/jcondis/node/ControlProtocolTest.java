package io.jcondis.node;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The control protocol's parsing and replies, and the node configuration's parsing (no sockets, no threads). */
class ControlProtocolTest {
    @ParameterizedTest
    @ValueSource(strings = {"garbage", "{\"op\":", "[1,2]", "42", "\"call\"", "{}", "{\"op\":7}", "{\"op\":\"\"}"})
    @DisplayName("Malformed request lines are MALFORMED_REQUEST, naming the problem")
    void shouldRefuseMalformedLines(String line) {
        assertThatThrownBy(() -> ControlRequest.parse(line)).isInstanceOfSatisfying(RequestException.class,
                e -> {
                    assertThat(e.error()).isEqualTo(ControlError.MALFORMED_REQUEST);
                    assertThat(e.getMessage()).containsAnyOf("not JSON", "not a JSON object", "no \"op\"");
                });
    }

    @Test
    void shouldReadArgumentsAndEchoTheId() {
        ControlRequest r = ControlRequest.parse("{\"id\":7,\"op\":\"send\",\"call\":\"vc#5\",\"count\":\"2k\","
                + "\"bytes\":100,\"multipoint\":[\"a:b\",\"c:d\"]}");
        assertThat(r.op()).isEqualTo("send");
        assertThat(r.text("call")).isEqualTo("vc#5");
        assertThat(r.number("count", 1, 1, 10_000)).isEqualTo(2_000);
        assertThat(r.number("bytes", 64, 1, 65_535)).isEqualTo(100);
        assertThat(r.number("absent", 64, 1, 65_535)).isEqualTo(64);
        assertThat(r.texts("multipoint")).containsExactly("a:b", "c:d");
        assertThat(ControlReply.ok(r.id(), null).toLine()).isEqualTo("{\"id\":7,\"ok\":true,\"result\":{}}");
    }

    @Test
    @DisplayName("Every bad argument is BAD_ARGUMENT naming the op and the argument")
    void shouldNameBadArguments() {
        ControlRequest r = ControlRequest.parse("{\"op\":\"send\",\"call\":5,\"count\":-1,\"bytes\":\"x\","
                + "\"big\":99999999,\"list\":\"a\",\"mixed\":[\"a\",1]}");
        assertBad(() -> r.text("call"), "send: call must be text");
        assertBad(() -> r.text("missing"), "send: missing is missing");
        assertBad(() -> r.number("count", 1, 1, 10), "send: count -1 is outside 1..10");
        assertBad(() -> r.number("bytes", 1, 1, 10), "bytes: 'x' is not a number");
        assertBad(() -> r.number("big", 1, 1, 10), "big 99999999 is outside 1..10");
        assertBad(() -> r.texts("list"), "list must be a list of text");
        assertBad(() -> r.texts("mixed"), "1 is not text");
    }

    private static void assertBad(Runnable action, String message) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(RequestException.class, e -> {
            assertThat(e.error()).isEqualTo(ControlError.BAD_ARGUMENT);
            assertThat(e.getMessage()).contains(message);
        });
    }

    @Test
    void shouldRoundTripErrorReplies() throws Exception {
        ControlReply e = ControlReply.error(null, ControlError.UNKNOWN_CALL, "no call vc#9 on node n1");
        ControlReply back = ControlReply.parse(e.toLine());
        assertThat(back.isOk()).isFalse();
        assertThat(back.error()).isEqualTo(ControlError.UNKNOWN_CALL);
        assertThat(back.message()).isEqualTo("no call vc#9 on node n1");
        assertThat(ControlError.parse("SOMETHING_NEWER")).isEqualTo(ControlError.INTERNAL);
        assertThatThrownBy(() -> ControlReply.parse("{\"id\":1}")).hasMessageContaining("not a control reply");
    }

    @Test
    void shouldBuildRequestsForClients() {
        ControlRequest r = ControlRequest.of("call").with("to", "hostb:v").with("multipoint", List.of("hostc:v"));
        assertThat(r.toLine()).isEqualTo("{\"op\":\"call\",\"to\":\"hostb:v\",\"multipoint\":[\"hostc:v\"]}");
    }

    @Test
    void shouldParseRatesAndEndpoints() {
        assertThat(Rates.parse("1500", "x")).isEqualTo(1_500);
        assertThat(Rates.parse("64k", "x")).isEqualTo(64_000);
        assertThat(Rates.parse("10M", "x")).isEqualTo(10_000_000);
        assertThat(Rates.parse("1G", "x")).isEqualTo(1_000_000_000);
        assertThatThrownBy(() -> Rates.parse("10m", "--tx")).hasMessageContaining("--tx: '10m' is not a number");
        assertThatThrownBy(() -> Rates.parse("-5", "--tx")).hasMessageContaining("negative");
        assertThat(Endpoints.parse("127.0.0.1:2931", "x")).isEqualTo(new InetSocketAddress("127.0.0.1", 2931));
        assertThat(Endpoints.format(Endpoints.parse("[::1]:5", "x"))).isEqualTo("[0:0:0:0:0:0:0:1]:5");
        assertThatThrownBy(() -> Endpoints.parse("127.0.0.1", "--listen")).hasMessageContaining("not HOST:PORT");
        assertThatThrownBy(() -> Endpoints.parse("h:70000", "--peer b")).hasMessageContaining("outside 0..65535");
        assertThatThrownBy(() -> Endpoints.parse("h:x", "--peer b")).hasMessageContaining("is not a number");
    }

    @Test
    void shouldRoundTripTheConfigurationFile() {
        NodeConfig c = new NodeConfig().name("n1").host("hosta", 1_000_000, "a1", "a2").host("hostb", 5)
                .listen(new InetSocketAddress("127.0.0.1", 2931))
                .peer("n2", new InetSocketAddress("127.0.0.1", 2932)).stateDir(Path.of("/tmp/x")).conclude();
        NodeConfig back = NodeConfig.fromProperties(c.toProperties()).conclude();
        assertThat(back.toString()).isEqualTo(c.toString());
        assertThat(back.hosts()).isEqualTo(c.hosts());
        assertThat(back.peers()).isEqualTo(c.peers());
        assertThat(back.stateDir()).isEqualTo(Path.of("/tmp/x"));
    }

    @Test
    @DisplayName("Configuration errors name the problem")
    void shouldRefuseBadConfigurations() {
        assertConfig(new NodeConfig(), "node name is missing");
        assertConfig(new NodeConfig().name("a b").host("h", 1), "node name 'a b' is not");
        assertConfig(new NodeConfig().name("n"), "has no host");
        assertConfig(new NodeConfig().name("n").host("h", 0), "host h: capacity must be positive");
        assertConfig(new NodeConfig().name("n").host("h:1", 5), "host address 'h:1' is not a name");
        assertConfig(new NodeConfig().name("n").host("h", 5, "x").host("g", 5, "x"), "address x belongs to two");
        assertConfig(new NodeConfig().name("n").host("h", 5).peer("n", new InetSocketAddress("127.0.0.1", 1)),
                "peer n is this node");
        assertConfig(new NodeConfig().name("n").host("h", 5).peer("p", new InetSocketAddress("127.0.0.1", 0)),
                "peer p needs a port");
        assertConfig(new NodeConfig().name("n").host("h", 5).control(new InetSocketAddress("8.8.8.8", 1)),
                "is not a loopback address");
        assertThatThrownBy(() -> new NodeConfig().host("h", 1).host("h", 2)).hasMessageContaining("given twice");
        Properties p = new Properties();
        p.setProperty("name", "n");
        p.setProperty("colour", "red");
        assertThatThrownBy(() -> NodeConfig.fromProperties(p)).hasMessageContaining("unknown key 'colour'");
        p.remove("colour");
        p.setProperty("host.h.aliases", "x");
        assertThatThrownBy(() -> NodeConfig.fromProperties(p)).hasMessageContaining("aliases for unknown host h");
    }

    private static void assertConfig(NodeConfig c, String message) {
        assertThatThrownBy(c::conclude).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void shouldFindTheUniDriverAndRefuseUnknownOnes() {
        org.assertj.core.api.Assertions.assertThat(NodeDrivers.find("uni").name()).isEqualTo("uni");
        assertThatThrownBy(() -> NodeDrivers.find("carrier-pigeon")).hasMessageContaining("unknown driver")
                .hasMessageContaining("embedded");
    }
}

package io.jcondis.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcondis.uni.mcm.UniCallManager;
import io.jcondis.uni.signal.Side;
import io.jcondis.uni.signal.UniLinkConfig;
import io.jcondis.uni.sscop.SscopConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The node's protocol timers (docs/node.md, {@code timer.NAME}): file form, validation, what the uni driver gets. */
class UniNodeTimersTest {
    private static NodeConfig node() {
        return new NodeConfig().name("t").driver("uni").host("hosta", 1_000)
                .listen(new InetSocketAddress("127.0.0.1", 2931)).stateDir(Path.of("/tmp/unused"));
    }

    @Test
    @DisplayName("timer.NAME keys survive the file form and are sorted by name")
    void shouldRoundTripTimersThroughTheFileForm() {
        NodeConfig c = node().timer("t309", 1_000).timer("sscop-no-response", 1_500).conclude();
        Properties p = c.toProperties();
        assertThat(p.getProperty("timer.t309")).isEqualTo("1000");
        NodeConfig back = NodeConfig.fromProperties(p).conclude();
        assertThat(back.timers()).containsExactly(Map.entry("sscop-no-response", 1_500L), Map.entry("t309", 1_000L));
    }

    @Test
    @DisplayName("an unknown timer name or a value that is not positive is refused, naming it")
    void shouldRefuseUnknownOrNonPositiveTimers() {
        assertThatThrownBy(() -> node().timer("t999", 5).conclude()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timer 't999' is not one of").hasMessageContaining("sscop-no-response");
        assertThatThrownBy(() -> node().timer("t309", 0).conclude()).hasMessageContaining("t309 must be positive");
        Properties p = node().conclude().toProperties();
        p.setProperty("timer.t303", "soon");
        assertThatThrownBy(() -> NodeConfig.fromProperties(p)).hasMessageContaining("timer.t303");
    }

    @Test
    @DisplayName("the uni driver takes the timers given and keeps the recommendations' defaults for the others")
    void shouldConfigureTheCallManagerWithTheGivenTimers() {
        NodeConfig c = node().timer("sscop-cc", 200).timer("sscop-poll", 100).timer("sscop-keep-alive", 150)
                .timer("sscop-no-response", 1_000).timer("sscop-idle", 500).timer("t309", 1_200).timer("t303", 900)
                .conclude();
        UniCallManager.Config m = UniNodeDriver.managerConfig(c);
        SscopConfig d = SscopConfig.defaults();
        assertThat(m.sscop()).isEqualTo(new SscopConfig(ms(200), ms(100), ms(150), ms(1_000), ms(500), d.maxCc(),
                d.maxPd(), d.maxStat(), d.receiveWindow(), d.maxTransmitQueue()));
        UniLinkConfig q = UniLinkConfig.defaults(Side.USER);
        assertThat(m.link().t309()).isEqualTo(Duration.ofMillis(1_200));
        assertThat(m.link().t303()).isEqualTo(Duration.ofMillis(900));
        assertThat(m.link().t310()).isEqualTo(q.t310());
        assertThat(m.link().side()).isEqualTo(Side.USER);
        assertThat(m.data().getPort()).isEqualTo(2932);
        assertThat(UniNodeDriver.managerConfig(node().conclude()).sscop()).isEqualTo(d);
        assertThat(UniNodeDriver.managerConfig(node().conclude()).link()).isEqualTo(q);
    }

    private static long ms(long v) {
        return TimeUnit.MILLISECONDS.toNanos(v);
    }
}

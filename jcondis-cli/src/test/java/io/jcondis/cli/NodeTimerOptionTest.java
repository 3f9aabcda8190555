package io.jcondis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcondis.node.NodeConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code jcondis node --timer NAME=MS} (docs/node.md): repeatable, into the node's configuration, checked. */
class NodeTimerOptionTest {
    private static NodeConfig parse(String... args) throws Exception {
        NodeCommand cmd = new NodeCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.config();
    }

    @Test
    @DisplayName("--timer sets SSCOP and Q.2931 timers of a uni node")
    void shouldTakeTimerFlags() throws Exception {
        NodeConfig c = parse("--driver", "uni", "--listen", "127.0.0.1:2931", "--host", "hosta",
                "--timer", "sscop-no-response=1000", "--timer", "t309=1500", "--state-dir", "/tmp/unused");
        assertThat(c.timers()).containsExactly(Map.entry("sscop-no-response", 1_000L), Map.entry("t309", 1_500L));
    }

    @Test
    @DisplayName("--timer with an unknown name or no value is refused with the flag's form")
    void shouldRefuseBadTimerFlags() {
        assertThatThrownBy(() -> parse("--timer", "t1=5", "--state-dir", "/tmp/unused"))
                .hasMessageContaining("timer 't1' is not one of");
        assertThatThrownBy(() -> parse("--timer", "t309", "--state-dir", "/tmp/unused"))
                .hasMessageContaining("--timer 't309' is not NAME=MS");
    }
}

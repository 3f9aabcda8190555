package io.jcondis.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The skip messages of the namespace system test, on any Linux machine: {@link NetnsLab#unavailableReason(List)}
 * with an {@code ip} command that is missing, and with one that works but may not make namespaces (a stand-in
 * answering as iproute2 does without CAP_NET_ADMIN).
 */
@Timeout(60)
class NetnsLabTest {
    @BeforeEach
    void linuxOnly() {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "the stand-ins are shell scripts");
    }

    @Test
    @DisplayName("no ip command: the reason names iproute2 and the command tried")
    void shouldNameTheMissingIpCommand() {
        assertThat(NetnsLab.unavailableReason(List.of("/nonexistent/ip"))).hasValueSatisfying(r -> assertThat(r)
                .startsWith("no usable `ip` command (iproute2): `/nonexistent/ip -V` failed (exit 127)")
                .contains("install iproute2"));
    }

    @Test
    @DisplayName("ip without CAP_NET_ADMIN: the reason names the capability and quotes ip's error")
    void shouldNameTheMissingCapability() {
        String unprivilegedIp = "case \"$1\" in -V) echo 'ip utility, iproute2-6.1.0';;"
                + " *) echo 'mount --make-shared /run/netns failed: Operation not permitted' >&2; exit 1;; esac";
        assertThat(NetnsLab.unavailableReason(List.of("sh", "-c", unprivilegedIp, "ip")))
                .hasValueSatisfying(r -> assertThat(r).startsWith("cannot create a network namespace:")
                        .contains("netns add` failed (exit 1): mount --make-shared /run/netns failed: Operation"
                                + " not permitted")
                        .contains("needs CAP_NET_ADMIN"));
    }
}

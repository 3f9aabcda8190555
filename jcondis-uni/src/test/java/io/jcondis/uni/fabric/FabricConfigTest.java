package io.jcondis.uni.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcondis.uni.codec.Octets;
import io.jcondis.uni.q2931.AtmTrafficDescriptor;
import io.jcondis.uni.q2931.CalledPartyNumber;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Deterministic parts of the fabric: peer text, the address plan, the admission unit. */
class FabricConfigTest {

    @Test
    @DisplayName("peer NAME=ADDR:PORT[,hosts=h1,h2|*][,capacity][,data][,local] parses; bad text is refused")
    void shouldParsePeerText() {
        PeerConfig p = PeerConfig.parse("b=127.0.0.1:7001,hosts=hostb,hostc,capacity=1000,data=127.0.0.1:7101,"
                + "local=7201");
        assertThat(p.name()).isEqualTo("b");
        assertThat(p.address()).isEqualTo(new InetSocketAddress("127.0.0.1", 7001));
        assertThat(p.hosts()).isEqualTo(Set.of("hostb", "hostc"));
        assertThat(p.capacityBps()).isEqualTo(1000);
        assertThat(p.dataAddress()).contains(new InetSocketAddress("127.0.0.1", 7101));
        assertThat(p.localPort()).isEqualTo(7201);
        assertThat(p.announces("hostc")).isTrue();
        assertThat(p.announces("hostd")).isFalse();

        PeerConfig d = PeerConfig.parse("hosta=127.0.0.1:9");
        assertThat(d.hosts()).containsExactly("hosta");
        assertThat(d.capacityBps()).isEqualTo(PeerConfig.DEFAULT_CAPACITY_BPS);
        assertThat(d.dataAddress()).isEmpty();
        assertThat(PeerConfig.parse("x=127.0.0.1:9,hosts=*").announces("anything")).isTrue();

        assertThatThrownBy(() -> PeerConfig.parse("nonsense")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerConfig.parse("a=127.0.0.1:9,colour=red"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerConfig.parse("a=127.0.0.1:9,capacity=0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerConfig.parse("a=127.0.0.1:9,stray")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("address plan: host:selector text in an AESA or opaque number, E.164 digits; non-text names none")
    void shouldReadHostOutOfCalledNumber() {
        byte[] aesa = Arrays.copyOf("hostb:7".getBytes(StandardCharsets.US_ASCII), 20);
        assertThat(CalledAddress.hostOf(CalledPartyNumber.aesa(Octets.of(aesa)))).contains("hostb");
        assertThat(CalledAddress.hostOf(CalledPartyNumber.e164("4961519999"))).contains("4961519999");
        byte[] binary = new byte[20];
        binary[0] = 0x47;
        binary[1] = 0x01;
        assertThat(CalledAddress.hostOf(CalledPartyNumber.aesa(Octets.of(binary)))).isEqualTo(Optional.empty());
        assertThat(CalledAddress.hostOf(CalledPartyNumber.aesa(Octets.of(new byte[20])))).isEmpty();
    }

    @Test
    @DisplayName("admission unit: peak cell rate (CLP=0+1) x 48 payload bytes, per direction")
    void shouldConvertCellRates() {
        AtmTrafficDescriptor td = AtmTrafficDescriptor.peak(1000, 250);
        assertThat(UniFabric.bytesPerSecond(td, true)).isEqualTo(48_000);
        assertThat(UniFabric.bytesPerSecond(td, false)).isEqualTo(12_000);
    }
}

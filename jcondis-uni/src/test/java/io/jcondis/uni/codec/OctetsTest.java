package io.jcondis.uni.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OctetsTest {

    @Test
    void shouldHaveValueSemanticsAndCopyDefensively() {
        byte[] raw = {1, 2, (byte) 0xff};
        Octets o = Octets.of(raw);
        raw[0] = 9;
        assertThat(o).isEqualTo(Octets.ofUnsigned(1, 2, 255)).hasSameHashCodeAs(Octets.ofUnsigned(1, 2, 255));
        assertThat(o.get(2)).isEqualTo(255);
        assertThat(o.toString()).isEqualTo("0102ff");
        o.toByteArray()[0] = 7;
        assertThat(o.get(0)).isEqualTo(1);
        assertThat(Octets.copyOf(new byte[] {5, 6, 7}, 1, 2)).isEqualTo(Octets.ofUnsigned(6, 7));
        assertThat(Octets.of()).isSameAs(Octets.EMPTY);
        assertThat(Octets.ascii("49").toAscii()).isEqualTo("49");
    }

    @Test
    void shouldRejectOutOfRangeValues() {
        assertThatThrownBy(() -> Octets.ofUnsigned(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Octets.ascii("é")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldMapOkAndCarryMalformedThrough() {
        assertThat(DecodeResult.ok(2).map(v -> v * 2)).isEqualTo(DecodeResult.ok(4));
        DecodeResult<Integer> bad = DecodeResult.malformed("nope", 3);
        assertThat(bad.map(v -> v * 2)).isEqualTo(DecodeResult.malformed("nope", 3));
        assertThat(bad.isOk()).isFalse();
        assertThatThrownBy(bad::orElseThrow).isInstanceOf(IllegalStateException.class).hasMessageContaining("nope");
    }
}

package io.jcondis.uni.sscop;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeqNumTest {
    @Test
    void shouldCompareRelativeToTheBaseAcrossTheWrap() {
        int base = SeqNum.MASK - 1;
        assertThat(SeqNum.lt(SeqNum.MASK, 0, base)).isTrue();
        assertThat(SeqNum.lt(0, SeqNum.MASK, base)).isFalse();
        assertThat(SeqNum.le(5, 5, base)).isTrue();
        assertThat(SeqNum.add(SeqNum.MASK, 1)).isZero();
        assertThat(SeqNum.offset(2, SeqNum.MASK)).isEqualTo(3);
    }
}

package io.jcondis.uni.sscop;

/**
 * 24-bit sequence-number arithmetic (Q.2110 clause 7.4: all state variables and sequence numbers are taken
 * modulo 2^24, and comparisons are made relative to a base: VT(A) for the transmitter's variables, VT(PA) for
 * poll sequence numbers, VR(R) for the receiver's). {@code x} "precedes" {@code y} relative to {@code base} if
 * {@code (x - base) mod 2^24 < (y - base) mod 2^24}.
 */
final class SeqNum {
    static final int MODULUS = 1 << 24;
    static final int MASK = MODULUS - 1;

    private SeqNum() {
    }

    /** @return {@code (x + n) mod 2^24} */
    static int add(int x, int n) {
        return (x + n) & MASK;
    }

    /** @return {@code (x - base) mod 2^24}: the distance of {@code x} above {@code base} */
    static int offset(int x, int base) {
        return (x - base) & MASK;
    }

    /** @return {@code x < y} relative to {@code base} */
    static boolean lt(int x, int y, int base) {
        return offset(x, base) < offset(y, base);
    }

    /** @return {@code x <= y} relative to {@code base} */
    static boolean le(int x, int y, int base) {
        return offset(x, base) <= offset(y, base);
    }
}

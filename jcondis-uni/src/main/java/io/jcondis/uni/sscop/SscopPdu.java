package io.jcondis.uni.sscop;

import io.jcondis.uni.codec.Octets;
import java.util.List;
import java.util.Objects;

/**
 * An SSCOP PDU (Q.2110 clause 7). Each PDU type is a nested immutable record; wire layouts are in
 * {@link SscopCodec}. Sequence numbers N(S), N(PS), N(R), N(MR) and list elements are 24-bit; N(SQ) is 8-bit.
 * Reserved fields and the pad length are not represented: the codec sends zeros and padding, and ignores
 * reserved fields on receipt (Q.2110 7.1).
 */
public sealed interface SscopPdu
        permits SscopPdu.Bgn, SscopPdu.Bgak, SscopPdu.Bgrej, SscopPdu.End, SscopPdu.Endak, SscopPdu.Rs,
        SscopPdu.Rsak, SscopPdu.Er, SscopPdu.Erak, SscopPdu.Sd, SscopPdu.Poll, SscopPdu.Stat, SscopPdu.Ustat,
        SscopPdu.Ud, SscopPdu.Md {

    /** The largest 24-bit sequence number. */
    int MAX_SEQ = 0xFF_FFFF;
    /** The largest N(SQ) connection sequence value (8 bits). */
    int MAX_NSQ = 0xFF;

    /** @return the PDU type */
    SscopPduType type();

    /**
     * BGN, request initialization.
     *
     * @param nSq connection sequence number N(SQ), 0..255
     * @param nMr maximum acceptable receive sequence number N(MR)
     * @param uu  SSCOP user-to-user information (possibly empty)
     */
    record Bgn(int nSq, int nMr, Octets uu) implements SscopPdu {
        /** @throws IllegalArgumentException if a number is out of range */
        public Bgn {
            checkSq(nSq);
            checkSeq(nMr, "N(MR)");
            Objects.requireNonNull(uu, "uu");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.BGN;
        }
    }

    /**
     * BGAK, request acknowledgement.
     *
     * @param nMr maximum acceptable receive sequence number N(MR)
     * @param uu  SSCOP user-to-user information (possibly empty)
     */
    record Bgak(int nMr, Octets uu) implements SscopPdu {
        /** @throws IllegalArgumentException if N(MR) is out of range */
        public Bgak {
            checkSeq(nMr, "N(MR)");
            Objects.requireNonNull(uu, "uu");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.BGAK;
        }
    }

    /**
     * BGREJ, connection reject.
     *
     * @param uu SSCOP user-to-user information (possibly empty)
     */
    record Bgrej(Octets uu) implements SscopPdu {
        /** @throws NullPointerException if {@code uu} is {@code null} */
        public Bgrej {
            Objects.requireNonNull(uu, "uu");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.BGREJ;
        }
    }

    /**
     * END, disconnect command.
     *
     * @param sourceSscop the S bit: {@code true} if SSCOP itself released the connection, {@code false} if the user
     * @param uu          SSCOP user-to-user information (possibly empty)
     */
    record End(boolean sourceSscop, Octets uu) implements SscopPdu {
        /** @throws NullPointerException if {@code uu} is {@code null} */
        public End {
            Objects.requireNonNull(uu, "uu");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.END;
        }
    }

    /** ENDAK, disconnect acknowledgement. */
    record Endak() implements SscopPdu {
        @Override
        public SscopPduType type() {
            return SscopPduType.ENDAK;
        }
    }

    /**
     * RS, resynchronization command.
     *
     * @param nSq connection sequence number N(SQ), 0..255
     * @param nMr maximum acceptable receive sequence number N(MR)
     * @param uu  SSCOP user-to-user information (possibly empty)
     */
    record Rs(int nSq, int nMr, Octets uu) implements SscopPdu {
        /** @throws IllegalArgumentException if a number is out of range */
        public Rs {
            checkSq(nSq);
            checkSeq(nMr, "N(MR)");
            Objects.requireNonNull(uu, "uu");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.RS;
        }
    }

    /**
     * RSAK, resynchronization acknowledgement.
     *
     * @param nMr maximum acceptable receive sequence number N(MR)
     */
    record Rsak(int nMr) implements SscopPdu {
        /** @throws IllegalArgumentException if N(MR) is out of range */
        public Rsak {
            checkSeq(nMr, "N(MR)");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.RSAK;
        }
    }

    /**
     * ER, recovery command.
     *
     * @param nSq connection sequence number N(SQ), 0..255
     * @param nMr maximum acceptable receive sequence number N(MR)
     */
    record Er(int nSq, int nMr) implements SscopPdu {
        /** @throws IllegalArgumentException if a number is out of range */
        public Er {
            checkSq(nSq);
            checkSeq(nMr, "N(MR)");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.ER;
        }
    }

    /**
     * ERAK, recovery acknowledgement.
     *
     * @param nMr maximum acceptable receive sequence number N(MR)
     */
    record Erak(int nMr) implements SscopPdu {
        /** @throws IllegalArgumentException if N(MR) is out of range */
        public Erak {
            checkSeq(nMr, "N(MR)");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.ERAK;
        }
    }

    /**
     * SD, sequenced data.
     *
     * @param nS          sequence number N(S) of this PDU
     * @param information the user information (possibly empty)
     */
    record Sd(int nS, Octets information) implements SscopPdu {
        /** @throws IllegalArgumentException if N(S) is out of range */
        public Sd {
            checkSeq(nS, "N(S)");
            Objects.requireNonNull(information, "information");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.SD;
        }
    }

    /**
     * POLL, request for receiver state.
     *
     * @param nPs poll sequence number N(PS)
     * @param nS  sequence number N(S) of the next SD PDU to be sent
     */
    record Poll(int nPs, int nS) implements SscopPdu {
        /** @throws IllegalArgumentException if a number is out of range */
        public Poll {
            checkSeq(nPs, "N(PS)");
            checkSeq(nS, "N(S)");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.POLL;
        }
    }

    /**
     * STAT, solicited receiver state.
     *
     * @param nPs  the N(PS) of the POLL being answered
     * @param nMr  maximum acceptable receive sequence number N(MR)
     * @param nR   next in-sequence SD expected, N(R)
     * @param list the list elements (SD sequence numbers bounding the gaps), in wire order
     */
    record Stat(int nPs, int nMr, int nR, List<Integer> list) implements SscopPdu {
        /** @throws IllegalArgumentException if a number is out of range */
        public Stat {
            checkSeq(nPs, "N(PS)");
            checkSeq(nMr, "N(MR)");
            checkSeq(nR, "N(R)");
            list = List.copyOf(list);
            for (int v : list) {
                checkSeq(v, "list element");
            }
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.STAT;
        }
    }

    /**
     * USTAT, unsolicited receiver state: reports exactly one gap.
     *
     * @param nMr          maximum acceptable receive sequence number N(MR)
     * @param nR           next in-sequence SD expected, N(R)
     * @param listElement1 first missing SD
     * @param listElement2 first SD received after the gap
     */
    record Ustat(int nMr, int nR, int listElement1, int listElement2) implements SscopPdu {
        /** @throws IllegalArgumentException if a number is out of range */
        public Ustat {
            checkSeq(nMr, "N(MR)");
            checkSeq(nR, "N(R)");
            checkSeq(listElement1, "list element 1");
            checkSeq(listElement2, "list element 2");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.USTAT;
        }
    }

    /**
     * UD, unnumbered user data.
     *
     * @param information the user information (possibly empty)
     */
    record Ud(Octets information) implements SscopPdu {
        /** @throws NullPointerException if {@code information} is {@code null} */
        public Ud {
            Objects.requireNonNull(information, "information");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.UD;
        }
    }

    /**
     * MD, unnumbered management data.
     *
     * @param information the management information (possibly empty)
     */
    record Md(Octets information) implements SscopPdu {
        /** @throws NullPointerException if {@code information} is {@code null} */
        public Md {
            Objects.requireNonNull(information, "information");
        }

        @Override
        public SscopPduType type() {
            return SscopPduType.MD;
        }
    }

    private static void checkSeq(int v, String what) {
        if (v < 0 || v > MAX_SEQ) {
            throw new IllegalArgumentException(what + " out of 24-bit range: " + v);
        }
    }

    private static void checkSq(int v) {
        if (v < 0 || v > MAX_NSQ) {
            throw new IllegalArgumentException("N(SQ) out of 8-bit range: " + v);
        }
    }
}

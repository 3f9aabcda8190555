package io.jcondis.uni.sscop;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.uni.codec.DecodeResult;
import io.jcondis.uni.codec.Octets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.Size;

/** Round trips for every PDU type with random valid fields, and a decoder that never throws. */
class SscopRoundTripAndFuzzTest {

    @Property(tries = 3000)
    void shouldRoundTripEveryPdu(@ForAll("pdus") SscopPdu pdu) {
        Statistics.collect(pdu.type());
        Statistics.coverage(coverage -> {
            for (SscopPduType t : SscopPduType.values()) {
                coverage.check(t).count(n -> n > 0);
            }
        });
        byte[] wire = SscopCodec.encode(pdu);
        assertThat(wire.length % 4).isZero();
        assertThat(wire[wire.length - 4] & 0x0F).isEqualTo(pdu.type().code());
        assertThat(SscopCodec.decode(wire)).isEqualTo(DecodeResult.ok(pdu));
    }

    @Property(tries = 5000)
    void shouldNeverThrowOnGarbage(@ForAll @Size(max = 80) byte[] garbage) {
        DecodeResult<SscopPdu> r = SscopCodec.decode(garbage);
        if (garbage.length % 4 != 0) {
            assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
        } else if (r instanceof DecodeResult.Ok<SscopPdu> ok) {
            // Reserved fields are dropped on decode; once canonical, the round trip is exact.
            assertThat(SscopCodec.decode(SscopCodec.encode(ok.value()))).isEqualTo(r);
        }
    }

    @Property(tries = 1000)
    void shouldReportMisalignedTruncationAsMalformed(@ForAll("pdus") SscopPdu pdu) {
        byte[] wire = SscopCodec.encode(pdu);
        for (int len = 0; len < wire.length; len++) {
            DecodeResult<SscopPdu> r = SscopCodec.decode(Arrays.copyOf(wire, len));
            if (len % 4 != 0 || len == 0) {
                assertThat(r).as("prefix %d of %d", len, wire.length).isInstanceOf(DecodeResult.Malformed.class);
            }
        }
    }

    @Property(tries = 2000)
    void shouldSurviveCorruption(@ForAll("pdus") SscopPdu pdu, @ForAll @Size(min = 1, max = 4) int[] positions,
                                 @ForAll @Size(min = 4, max = 4) byte[] values) {
        byte[] wire = SscopCodec.encode(pdu);
        for (int i = 0; i < positions.length; i++) {
            wire[Math.floorMod(positions[i], wire.length)] = values[i];
        }
        DecodeResult<SscopPdu> r = SscopCodec.decode(wire);
        if (r instanceof DecodeResult.Ok<SscopPdu> ok) {
            assertThat(SscopCodec.decode(SscopCodec.encode(ok.value()))).isEqualTo(r);
        } else {
            assertThat(((DecodeResult.Malformed<SscopPdu>) r).reason()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<SscopPdu> pdus() {
        Arbitrary<Integer> seq = Arbitraries.integers().between(0, SscopPdu.MAX_SEQ);
        Arbitrary<Integer> sq = Arbitraries.integers().between(0, SscopPdu.MAX_NSQ);
        Arbitrary<Octets> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(Octets::of);
        Arbitrary<List<Integer>> list = seq.list().ofMaxSize(9);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(sq, seq, data).as(SscopPdu.Bgn::new),
                Combinators.combine(seq, data).as(SscopPdu.Bgak::new),
                data.map(SscopPdu.Bgrej::new),
                Combinators.combine(Arbitraries.of(true, false), data).as(SscopPdu.End::new),
                Arbitraries.just(new SscopPdu.Endak()),
                Combinators.combine(sq, seq, data).as(SscopPdu.Rs::new),
                seq.map(SscopPdu.Rsak::new),
                Combinators.combine(sq, seq).as(SscopPdu.Er::new),
                seq.map(SscopPdu.Erak::new),
                Combinators.combine(seq, data).as(SscopPdu.Sd::new),
                Combinators.combine(seq, seq).as(SscopPdu.Poll::new),
                Combinators.combine(seq, seq, seq, list).as(SscopPdu.Stat::new),
                Combinators.combine(seq, seq, seq, seq).as(SscopPdu.Ustat::new),
                data.map(SscopPdu.Ud::new),
                data.map(SscopPdu.Md::new)));
    }
}

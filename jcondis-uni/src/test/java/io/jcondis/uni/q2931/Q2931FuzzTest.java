package io.jcondis.uni.q2931;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcondis.uni.codec.DecodeResult;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The decoder never throws, and framing errors are always reported as {@link DecodeResult.Malformed}. */
class Q2931FuzzTest {

    @Property(tries = 5000)
    void shouldNeverThrowOnGarbage(@ForAll @Size(max = 300) byte[] garbage) {
        DecodeResult<Q2931Message> r = Q2931Codec.decode(garbage);
        assertThat(r).isNotNull();
        if (garbage.length < Q2931Codec.HEADER_LENGTH || garbage[0] != 0x09 || garbage[1] != 0x03) {
            assertThat(r).isInstanceOf(DecodeResult.Malformed.class);
        }
    }

    @Property(tries = 2000)
    void shouldNeverThrowOnGarbageBehindAPlausibleHeader(@ForAll @Size(max = 200) byte[] body,
                                                         @ForAll @IntRange(max = 255) int type) {
        byte[] wire = new byte[9 + body.length];
        wire[0] = 0x09;
        wire[1] = 0x03;
        wire[5] = (byte) type;
        wire[6] = (byte) 0x80;
        wire[7] = (byte) (body.length >>> 8);
        wire[8] = (byte) body.length;
        System.arraycopy(body, 0, wire, 9, body.length);
        DecodeResult<Q2931Message> r = Q2931Codec.decode(wire);
        assertThat(r).isNotNull();
        if (r instanceof DecodeResult.Ok<Q2931Message> ok) {
            assertThat(Q2931Codec.decode(Q2931Codec.encode(ok.value()))).isEqualTo(r);
        }
    }

    @Property(tries = 500)
    void shouldReportEveryTruncationAsMalformed(@ForAll("messages") Q2931Message m) {
        byte[] wire = Q2931Codec.encode(m);
        for (int len = 0; len < wire.length; len++) {
            assertThat(Q2931Codec.decode(Arrays.copyOf(wire, len)))
                    .as("prefix of %d of %d octets", len, wire.length)
                    .isInstanceOf(DecodeResult.Malformed.class);
        }
    }

    @Property(tries = 500)
    void shouldReportTrailingOctetsAsMalformed(@ForAll("messages") Q2931Message m,
                                               @ForAll @Size(min = 1, max = 8) byte[] extra) {
        byte[] wire = Q2931Codec.encode(m);
        byte[] longer = Arrays.copyOf(wire, wire.length + extra.length);
        System.arraycopy(extra, 0, longer, wire.length, extra.length);
        assertThat(Q2931Codec.decode(longer)).isInstanceOf(DecodeResult.Malformed.class);
    }

    @Property(tries = 2000)
    void shouldSurviveCorruptionAndStayStableUnderReencoding(@ForAll("messages") Q2931Message m,
                                                             @ForAll @Size(min = 1, max = 6) int[] positions,
                                                             @ForAll @Size(min = 6, max = 6) byte[] values) {
        byte[] wire = Q2931Codec.encode(m);
        for (int i = 0; i < positions.length; i++) {
            wire[Math.floorMod(positions[i], wire.length)] = values[i];
        }
        DecodeResult<Q2931Message> r = Q2931Codec.decode(wire);
        if (r instanceof DecodeResult.Ok<Q2931Message> ok) {
            // Decoding canonicalises (spare bits, subfield order); once canonical, the round trip is exact.
            assertThat(Q2931Codec.decode(Q2931Codec.encode(ok.value()))).isEqualTo(r);
        } else {
            DecodeResult.Malformed<Q2931Message> bad = (DecodeResult.Malformed<Q2931Message>) r;
            assertThat(bad.offset()).isBetween(0, wire.length);
            assertThat(bad.reason()).isNotBlank();
        }
    }

    @Property(tries = 300)
    void shouldRejectOtherProtocolDiscriminators(@ForAll("messages") Q2931Message m,
                                                 @ForAll @IntRange(max = 255) int pd) {
        byte[] wire = Q2931Codec.encode(m);
        wire[0] = (byte) (pd == 0x09 ? 0x08 : pd);
        assertThat(Q2931Codec.decode(wire)).isEqualTo(DecodeResult.malformed(
                String.format("protocol discriminator 0x%02x is not Q.2931", wire[0] & 0xFF), 0));
    }

    @Provide
    Arbitrary<Q2931Message> messages() {
        return Q2931Arbitraries.message();
    }

}

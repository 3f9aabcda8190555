package io.jcondis.uni;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.jcondis.uni.codec.DecodeResult;
import io.jcondis.uni.data.FrameResult;
import io.jcondis.uni.data.VcFrameCodec;
import io.jcondis.uni.q2931.Q2931Codec;
import io.jcondis.uni.q2931.Q2931Message;
import io.jcondis.uni.sscop.SscopCodec;
import io.jcondis.uni.sscop.SscopPdu;
import java.nio.ByteBuffer;

/**
 * Coverage-guided fuzzing (Jazzer) of what arrives from the network: every datagram a node or fabric reads goes
 * through one of these decoders first. For any input a decoder answers (never throws), and what it accepts it
 * encodes back to something it decodes to the same value: a decoded message can be relayed as it was understood.
 *
 * <p>In {@code mvn verify} these run in Jazzer's regression mode, in a surefire execution of their own: each input
 * under {@code src/test/resources/io/jcondis/uni/WireFuzzTestInputs/<method>/} (the corpus of earlier fuzzing) once.
 * To fuzz one target for {@code maxDuration} (docs/uni.md "Fuzzing"): {@code JAZZER_FUZZ=1 mvn -B -o -pl jcondis-uni
 * -am test -Dtest='WireFuzzTest#q2931' -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class WireFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void q2931(byte[] datagram) {
        DecodeResult<Q2931Message> r = Q2931Codec.decode(datagram);
        assertThat(r).isNotNull();
        if (r instanceof DecodeResult.Ok<Q2931Message> ok) {
            assertThat(Q2931Codec.decode(Q2931Codec.encode(ok.value()))).isEqualTo(r);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void sscop(byte[] datagram) {
        DecodeResult<SscopPdu> r = SscopCodec.decode(datagram);
        assertThat(r).isNotNull();
        if (r instanceof DecodeResult.Ok<SscopPdu> ok) {
            assertThat(SscopCodec.decode(SscopCodec.encode(ok.value()))).isEqualTo(r);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void vcFrame(byte[] datagram) {
        FrameResult r = VcFrameCodec.decode(ByteBuffer.wrap(datagram));
        assertThat(r).isNotNull();
        if (r instanceof FrameResult.Ok ok) {
            byte[] again = VcFrameCodec.encode(ok.frame());
            assertThat(VcFrameCodec.decode(ByteBuffer.wrap(again))).isEqualTo(r);
        }
    }
}

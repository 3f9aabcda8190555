package io.jcondis.uni.data;

import java.util.Objects;

/**
 * The outcome of {@link VcFrameCodec#decode}: a frame, or the reason the datagram is not one. Decoding never
 * throws on bad input (style G5: outcomes are values). Dispatch with {@code instanceof}.
 */
public sealed interface FrameResult permits FrameResult.Ok, FrameResult.Bad {

    /**
     * The datagram is a frame.
     *
     * @param frame the frame; its payload is a view of the datagram
     */
    record Ok(VcFrame frame) implements FrameResult {
        /** @throws NullPointerException if {@code frame} is {@code null} */
        public Ok {
            Objects.requireNonNull(frame, "frame");
        }
    }

    /**
     * The datagram is not a frame.
     *
     * @param error  what is wrong
     * @param offset offset in the datagram of the octet or field found wrong
     */
    record Bad(FrameError error, int offset) implements FrameResult {
        /** @throws NullPointerException if {@code error} is {@code null} */
        public Bad {
            Objects.requireNonNull(error, "error");
        }
    }
}

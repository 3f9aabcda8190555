package io.jcondis.uni.codec;

import java.util.Objects;
import java.util.function.Function;

/**
 * The outcome of decoding bytes from the wire: either {@link Ok} with the decoded value or {@link Malformed}
 * with a reason and the offset of the octet where decoding gave up. Decoders return this instead of throwing
 * (style rule G5: outcomes are values).
 *
 * <p>Dispatch with {@code instanceof} (pattern matching in {@code switch} is preview in Java 17):
 * <pre>{@code
 * DecodeResult<Q2931Message> r = Q2931Codec.decode(bytes);
 * if (r instanceof DecodeResult.Ok<Q2931Message> ok) {
 *     handle(ok.value());
 * } else if (r instanceof DecodeResult.Malformed<Q2931Message> bad) {
 *     countAndDrop(bad.reason(), bad.offset());
 * }
 * }</pre>
 *
 * @param <T> the decoded value type
 */
public sealed interface DecodeResult<T> permits DecodeResult.Ok, DecodeResult.Malformed {

    /**
     * Decoding succeeded.
     *
     * @param value the decoded value, never {@code null}
     * @param <T>   the decoded value type
     */
    record Ok<T>(T value) implements DecodeResult<T> {
        /** @throws NullPointerException if {@code value} is {@code null} */
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * The bytes are not a valid encoding.
     *
     * @param reason what is wrong, for logs and counters
     * @param offset offset of the offending octet, relative to the start of the decoded range
     * @param <T>    the value type that could not be decoded
     */
    record Malformed<T>(String reason, int offset) implements DecodeResult<T> {
        /** @throws NullPointerException if {@code reason} is {@code null} */
        public Malformed {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * @param value the decoded value
     * @param <T>   its type
     * @return an {@link Ok}
     */
    static <T> DecodeResult<T> ok(T value) {
        return new Ok<>(value);
    }

    /**
     * @param reason what is wrong
     * @param offset where
     * @param <T>    the value type
     * @return a {@link Malformed}
     */
    static <T> DecodeResult<T> malformed(String reason, int offset) {
        return new Malformed<>(reason, offset);
    }

    /** @return {@code true} for {@link Ok} */
    default boolean isOk() {
        return this instanceof Ok;
    }

    /**
     * For tests and callers that already know the bytes are good.
     *
     * @return the decoded value
     * @throws IllegalStateException if this is {@link Malformed}
     */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        Malformed<T> bad = (Malformed<T>) this;
        throw new IllegalStateException("malformed at " + bad.offset() + ": " + bad.reason());
    }

    /**
     * @param mapper applied to the value of an {@link Ok}
     * @param <U>    the mapped type
     * @return the mapped {@link Ok}, or a {@link Malformed} with the same reason and offset
     */
    default <U> DecodeResult<U> map(Function<? super T, ? extends U> mapper) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(mapper.apply(ok.value()));
        }
        Malformed<T> bad = (Malformed<T>) this;
        return new Malformed<>(bad.reason(), bad.offset());
    }
}

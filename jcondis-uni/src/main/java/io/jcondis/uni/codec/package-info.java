/**
 * Values shared by the wire codecs of {@code jcondis-uni}: the immutable octet string {@link
 * io.jcondis.uni.codec.Octets} and the decode outcome {@link io.jcondis.uni.codec.DecodeResult}.
 *
 * <p>Every decoder in this module follows one rule: it never throws on bad input. Truncated, oversized or
 * otherwise malformed bytes yield a {@link io.jcondis.uni.codec.DecodeResult.Malformed} that names the reason and
 * the offset of the offending octet; only programmer errors (a {@code null} array, an offset outside the array)
 * throw.
 */
package io.jcondis.uni.codec;

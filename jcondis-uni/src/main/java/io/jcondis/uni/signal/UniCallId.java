package io.jcondis.uni.signal;

/**
 * Opaque handle of one call on one {@link UniLink}: taken from a counter of the link and never reused, so a stale
 * handle (of a call already cleared) is recognised and answered with {@code INVALID_HANDLE}. Not the call
 * reference, which the recommendation lets both sides reuse.
 *
 * @param value the handle value, unique per link
 */
public record UniCallId(long value) {
}

package io.jcondis.uni.fabric;

/**
 * Opaque handle of one call through a {@link UniFabric}: from a counter of the fabric, never reused, so a stale
 * handle is answered with {@code INVALID_HANDLE}.
 *
 * @param value the handle value, unique per fabric
 */
public record FabricCallId(long value) {
}

package io.jcondis.api;

/**
 * An opaque, typed handle the runtime hands out for one object. Ids come from one monotonically increasing
 * counter per runtime and are never reused, so a stale handle can always be told apart from a live one.
 * A handle of one kind can never be passed where another is expected.
 */
public sealed interface Handle
        permits AdapterHandle, BindingHandle, AfHandle, SapHandle, VcHandle, PartyHandle {
    /** @return the raw id (diagnostics and scripts only; never arithmetic) */
    long id();
}

package io.jcondis.uni.signal;

/** State of the signalling association under a {@link UniLink}, as call control sees it. */
public enum LinkState {
    /** No association; messages cannot be sent. {@link UniLink#establishLink()} or a SETUP starts one. */
    DOWN,
    /** AA-ESTABLISH.request given, waiting for the confirm; messages are queued until then. */
    ESTABLISHING,
    /** Association established; messages go out as AA-DATA requests. */
    UP
}

package io.jcondis.uni.signal;

/**
 * Receives a {@link UniLink}'s events, on the link's thread, after the input that caused them has been processed
 * (so the link is consistent when the listener runs). The listener may call the link's requests from inside
 * {@link #onEvent}; events those cause are delivered after the ones already queued. It must be fast and must not
 * throw (an exception propagates to whoever gave the link its input).
 */
@FunctionalInterface
public interface UniListener {
    /**
     * @param event what happened
     */
    void onEvent(UniEvent event);
}

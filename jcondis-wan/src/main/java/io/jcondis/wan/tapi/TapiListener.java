package io.jcondis.wan.tapi;

import io.jcondis.api.Packet;

/**
 * Receives what NDISTAPI and NDISWAN tell applications. Called on the control plane, one event at a time and in
 * order; an event caused while another is being delivered is queued behind it, so a listener may call back into
 * {@link TapiService} (answer a call on {@link LineEvent.NewCall}, close it on DISCONNECTED). Must not block. An
 * exception is caught, reported to the runtime's error handler and counted.
 */
public interface TapiListener {
    /** A line, call, link or provider event. */
    void onEvent(LineEvent event);

    /** Data arrived on a connected call's link (J9); the packet is lent for the duration of the call. */
    default void onReceive(CallHandle call, Packet packet) {
    }

    /** A send that returned PENDING completed; {@code packet.status()} holds the outcome. */
    default void onSendComplete(CallHandle call, Packet packet) {
    }
}

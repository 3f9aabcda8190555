package io.jcondis.wan.tapi;

import io.jcondis.api.AdapterHandle;

/**
 * One line device of an initialized provider session.
 *
 * @param deviceId   the TAPI device id ({@code ulDeviceIDBase + lineIndex}, R38)
 * @param adapter    the WAN adapter (provider) it belongs to
 * @param lineIndex  its index on the adapter, 0-based
 * @param providerId the session's ulProviderID
 */
public record LineDevice(int deviceId, AdapterHandle adapter, int lineIndex, long providerId) {
}

package io.jcondis.node;

import java.util.List;
import java.util.Map;

/**
 * The call manager a node runs: the embedded switch today, the UNI network driver (Q.2931 over SSCOP on UDP)
 * once it exists. A driver is made by its {@link NodeDriverProvider}, started once after the node's client
 * agents are registered (so that they bind to its adapters and open its address family), and closed once at
 * shutdown after the R6 teardown of every client.
 *
 * <p>Threading: {@link #start()} and {@link #close()} run inside the runtime's control plane
 * ({@code Jcondis.onConductor}); they must not block.
 */
public interface NodeDriver {
    /** Starts one adapter per configured host; returns the host names started, in order. */
    List<String> start();

    /**
     * What the driver holds, for {@code show} (its {@code driver} object) and leak checks: names to numbers,
     * booleans or text. Runs on the control plane. Default: nothing.
     *
     * @return the figures, in display order
     */
    default Map<String, Object> snapshot() {
        return Map.of();
    }

    /** Stops the driver's adapters; idempotent. */
    void close();
}

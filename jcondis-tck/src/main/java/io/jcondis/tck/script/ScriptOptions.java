package io.jcondis.tck.script;

import java.util.Objects;

/**
 * How scripts run: on which network, and (real-time networks only) how long an {@code expect}, {@code run} or
 * {@code advance} waits for callbacks and for the runtime and the network to settle.
 *
 * @param network         the network provider (default {@link ScriptNetworks#embedded()})
 * @param expectTimeoutMs the bound of every real-time wait, milliseconds (default {@value #DEFAULT_TIMEOUT_MS})
 */
public record ScriptOptions(ScriptNetworkProvider network, long expectTimeoutMs) {
    /** The default bound of a real-time wait, milliseconds. */
    public static final long DEFAULT_TIMEOUT_MS = 5_000;

    /** Validates. */
    public ScriptOptions {
        Objects.requireNonNull(network, "network");
        if (expectTimeoutMs <= 0) {
            throw new IllegalArgumentException("expectTimeoutMs must be positive: " + expectTimeoutMs);
        }
    }

    /** @return the embedded switch, default timeout */
    public static ScriptOptions defaults() {
        return new ScriptOptions(ScriptNetworks.embedded(), DEFAULT_TIMEOUT_MS);
    }

    /** @return these options on another network */
    public ScriptOptions withNetwork(ScriptNetworkProvider p) {
        return new ScriptOptions(p, expectTimeoutMs);
    }
}

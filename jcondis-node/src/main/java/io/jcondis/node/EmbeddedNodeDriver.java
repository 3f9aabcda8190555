package io.jcondis.node;

import io.jcondis.core.Jcondis;
import io.jcondis.embedded.EmbeddedSwitch;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code embedded} driver: an {@link EmbeddedSwitch} whose hosts are the node's, all local to the node.
 * Listen address and peers are ignored (there is no network). Runs on the conductor only.
 */
public final class EmbeddedNodeDriver implements NodeDriver {
    /** Its provider. */
    public static final class Provider implements NodeDriverProvider {
        @Override
        public String name() {
            return "embedded";
        }

        @Override
        public NodeDriver create(Jcondis runtime, NodeConfig config) {
            return new EmbeddedNodeDriver(runtime, config);
        }
    }

    private final NodeConfig config;
    private final EmbeddedSwitch sw;
    private final List<String> started = new ArrayList<>();

    private EmbeddedNodeDriver(Jcondis runtime, NodeConfig config) {
        this.config = config;
        this.sw = EmbeddedSwitch.install(runtime, "switch");
    }

    @Override
    public List<String> start() {
        return NodeDrivers.startHosts(config, sw::addHost, started);
    }

    @Override
    public void close() {
        for (String h : started) {
            sw.haltHost(h);
        }
        started.clear();
    }
}

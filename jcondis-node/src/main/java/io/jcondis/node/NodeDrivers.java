package io.jcondis.node;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Finds a {@link NodeDriverProvider} by name: the built-in {@code embedded}, then the ServiceLoader's. */
public final class NodeDrivers {
    /** The network driver's name; refused with a clear message until its module provides it. */
    public static final String UNI = "uni";

    private NodeDrivers() {
    }

    /**
     * @return the provider named {@code name}
     * @throws IllegalArgumentException naming the driver and the ones available
     */
    public static NodeDriverProvider find(String name) {
        List<NodeDriverProvider> all = available();
        List<String> names = new ArrayList<>();
        for (NodeDriverProvider p : all) {
            if (p.name().equals(name)) {
                return p;
            }
            names.add(p.name());
        }
        if (UNI.equals(name)) {
            throw new IllegalArgumentException("driver uni is not available yet: the jcondis-uni network call"
                    + " manager (issue 4) provides no node driver in this build; available: " + names);
        }
        throw new IllegalArgumentException("unknown driver '" + name + "'; available: " + names);
    }

    /** Adds one host to a driver's call manager. */
    @FunctionalInterface
    interface HostAdder {
        io.jcondis.api.Result<io.jcondis.api.AdapterHandle> add(String name, long capacityBps, String... aliases);
    }

    /**
     * Starts every configured host with {@code adder}, appending each name to {@code started}.
     *
     * @throws IllegalArgumentException naming the host that did not start
     */
    static List<String> startHosts(NodeConfig config, HostAdder adder, List<String> started) {
        for (NodeConfig.HostSpec h : config.hosts()) {
            io.jcondis.api.Result<io.jcondis.api.AdapterHandle> r = adder.add(h.name(), h.capacityBps(),
                    h.aliases().toArray(new String[0]));
            if (!r.status().isSuccess()) {
                throw new IllegalArgumentException("host " + h.name() + " did not start: " + r.status());
            }
            started.add(h.name());
        }
        return List.copyOf(started);
    }

    /** @return every provider: the built-in embedded one first */
    public static List<NodeDriverProvider> available() {
        List<NodeDriverProvider> all = new ArrayList<>();
        all.add(new EmbeddedNodeDriver.Provider());
        for (NodeDriverProvider p : ServiceLoader.load(NodeDriverProvider.class)) {
            all.add(p);
        }
        return all;
    }
}

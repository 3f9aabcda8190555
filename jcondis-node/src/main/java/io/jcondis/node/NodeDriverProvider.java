package io.jcondis.node;

import io.jcondis.core.Jcondis;

/**
 * Makes a node's driver; found by name through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.jcondis.node.NodeDriverProvider}), so a driver module plugs in by being on the
 * node's classpath. The embedded switch's provider is built in. Implementations must be stateless.
 */
public interface NodeDriverProvider {
    /** @return the name {@code --driver} selects */
    String name();

    /**
     * @param runtime the node's runtime (DEDICATED mode)
     * @param config  the concluded node configuration (hosts, listen address, peers)
     * @return a driver, not yet started
     * @throws IllegalArgumentException when the configuration does not suit the driver (the node does not start)
     */
    NodeDriver create(Jcondis runtime, NodeConfig config);
}

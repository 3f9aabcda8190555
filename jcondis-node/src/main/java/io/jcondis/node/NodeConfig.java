package io.jcondis.node;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * A node's configuration (style guide G10: one context, concluded once): its name, driver, hosts with link
 * capacity, the network listen address and peers (parsed and validated now, used by the {@code uni} driver),
 * the control address, the state directory and the bounds of request and shutdown waits.
 *
 * <p>Built with the fluent setters (the CLI's flags) or read from a properties file ({@link #load}); the file
 * format is in docs/node.md:
 * <pre>
 *   name = n1
 *   driver = embedded
 *   host.hosta = 1M            # link capacity, bytes/s each way (k, M, G: powers of 1000)
 *   host.hosta.aliases = a1 a2
 *   listen = 127.0.0.1:2931    # the network address (uni driver)
 *   peer.n2 = 127.0.0.1:2932   # announces host n2; or 127.0.0.1:2932,hosts=hostb,hostc (or *)
 *   local-switching = true     # uni driver: calls between local hosts stay inside the node
 *   control = 127.0.0.1:0      # loopback only; port 0 picks one
 * </pre>
 * {@link #conclude()} checks everything, names the first problem in an {@link IllegalArgumentException}, and
 * freezes the object. Not thread-safe until concluded; immutable after.
 */
public final class NodeConfig {
    /** The default driver. */
    public static final String DEFAULT_DRIVER = "embedded";
    /** The default control address: loopback, a port picked by the system. */
    public static final InetSocketAddress DEFAULT_CONTROL = new InetSocketAddress("127.0.0.1", 0);
    /** Default bound on one control request's wait for the network (call set-up, close, sends). */
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
    /** Default bound on the shutdown's R6 teardown. */
    public static final long DEFAULT_SHUTDOWN_TIMEOUT_MS = 5_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /**
     * One host (adapter) of the node.
     *
     * @param name        host name, also its first address
     * @param capacityBps link capacity in bytes per second, each direction
     * @param aliases     further addresses
     */
    public record HostSpec(String name, long capacityBps, List<String> aliases) {
        /** Copies the aliases. */
        public HostSpec {
            aliases = List.copyOf(aliases);
        }
    }

    /**
     * A peer node the network driver signals to. Text form (flag {@code --peer NAME=SPEC}, file key
     * {@code peer.NAME = SPEC}): {@code ADDR:PORT[,hosts=h1,h2|*]}; words after {@code hosts=} without {@code =} are
     * more host names.
     *
     * @param name    the peer's node name
     * @param address its network (listen) address
     * @param hosts   the host names it announces (calls to them go to it); {@code *}: every host no other peer
     *                announces; default {@code {name}}
     */
    public record Peer(String name, InetSocketAddress address, java.util.Set<String> hosts) {
        /** Copies the hosts. */
        public Peer {
            hosts = java.util.Set.copyOf(hosts);
        }

        /**
         * @param name    the peer's name, also the one host it announces
         * @param address its address
         */
        public Peer(String name, InetSocketAddress address) {
            this(name, address, java.util.Set.of(name));
        }

        /**
         * Parses a peer's text form.
         *
         * @param name  the peer's name
         * @param spec  {@code ADDR:PORT[,hosts=h1,h2|*]}
         * @param where the flag or key, for messages
         * @return the peer
         * @throws IllegalArgumentException naming the problem
         */
        public static Peer parse(String name, String spec, String where) {
            String[] parts = spec.split(",");
            InetSocketAddress address = Endpoints.parse(parts[0].trim(), where);
            java.util.Set<String> announced = new java.util.LinkedHashSet<>();
            boolean inHosts = false;
            for (int i = 1; i < parts.length; i++) {
                String w = parts[i].trim();
                if (w.startsWith("hosts=")) {
                    inHosts = true;
                    w = w.substring(6);
                } else if (w.contains("=") || !inHosts) {
                    throw new IllegalArgumentException(where + ": '" + w + "' is not hosts=h1,h2|*");
                }
                if (!w.equals("*") && !NAME.matcher(w).matches()) {
                    throw new IllegalArgumentException(where + ": host '" + w + "' is not a name");
                }
                announced.add(w);
            }
            return new Peer(name, address, announced.isEmpty() ? java.util.Set.of(name) : announced);
        }

        /** @return the text form {@link #parse} reads */
        public String format() {
            java.util.List<String> sorted = new java.util.ArrayList<>(new TreeSet<>(hosts));
            return Endpoints.format(address) + (hosts.equals(java.util.Set.of(name)) ? ""
                    : ",hosts=" + String.join(",", sorted));
        }
    }

    private boolean concluded;
    private String name;
    private String driver = DEFAULT_DRIVER;
    private final Map<String, HostSpec> hosts = new LinkedHashMap<>();
    private InetSocketAddress listen;
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private boolean localSwitching = true;
    private InetSocketAddress control = DEFAULT_CONTROL;
    private Path stateDir;
    private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;
    private long shutdownTimeoutMs = DEFAULT_SHUTDOWN_TIMEOUT_MS;

    /** @return the node name (also the state file's name) */
    public String name() {
        return name;
    }

    /** Sets the node name: letters, digits, '.', '_', '-', at most 64. */
    public NodeConfig name(String value) {
        checkOpen();
        this.name = value;
        return this;
    }

    /** @return the driver name ({@code embedded}, {@code uni}) */
    public String driver() {
        return driver;
    }

    /** Sets the driver name. */
    public NodeConfig driver(String value) {
        checkOpen();
        this.driver = value;
        return this;
    }

    /** @return the hosts, in the order given */
    public List<HostSpec> hosts() {
        return List.copyOf(hosts.values());
    }

    /** Adds a host; a second host of the same name is refused by {@link #conclude()}. */
    public NodeConfig host(String hostName, long capacityBps, String... aliases) {
        checkOpen();
        HostSpec previous = hosts.putIfAbsent(hostName, new HostSpec(hostName, capacityBps, Arrays.asList(aliases)));
        if (previous != null) {
            throw new IllegalArgumentException("host " + hostName + " is given twice");
        }
        return this;
    }

    /** @return the network listen address, or null when none was given */
    public InetSocketAddress listen() {
        return listen;
    }

    /** Sets the network listen address (uni driver). */
    public NodeConfig listen(InetSocketAddress value) {
        checkOpen();
        this.listen = value;
        return this;
    }

    /** @return the peers, in the order given */
    public List<Peer> peers() {
        return List.copyOf(peers.values());
    }

    /** Adds a peer node that announces the host of its name. */
    public NodeConfig peer(String peerName, InetSocketAddress address) {
        return peer(new Peer(peerName, address));
    }

    /** Adds a peer node. */
    public NodeConfig peer(Peer peer) {
        checkOpen();
        if (peers.putIfAbsent(peer.name(), peer) != null) {
            throw new IllegalArgumentException("peer " + peer.name() + " is given twice");
        }
        return this;
    }

    /** @return whether calls between two hosts of this node are switched inside it (uni driver; default true) */
    public boolean localSwitching() {
        return localSwitching;
    }

    /** Sets local switching (uni driver): off, calls between local hosts go out to the peer announcing them. */
    public NodeConfig localSwitching(boolean on) {
        checkOpen();
        this.localSwitching = on;
        return this;
    }

    /** @return the control address (loopback) */
    public InetSocketAddress control() {
        return control;
    }

    /** Sets the control address; it must be a loopback address. */
    public NodeConfig control(InetSocketAddress value) {
        checkOpen();
        this.control = value;
        return this;
    }

    /** @return the directory of node state files */
    public Path stateDir() {
        return stateDir;
    }

    /** Sets the directory of node state files (default: {@link NodeState#defaultDirectory()}). */
    public NodeConfig stateDir(Path value) {
        checkOpen();
        this.stateDir = value;
        return this;
    }

    /** @return the bound on one request's wait, ms */
    public long requestTimeoutMs() {
        return requestTimeoutMs;
    }

    /** Sets the bound on one request's wait, ms (positive). */
    public NodeConfig requestTimeoutMs(long value) {
        checkOpen();
        this.requestTimeoutMs = value;
        return this;
    }

    /** @return the bound on the shutdown's teardown, ms */
    public long shutdownTimeoutMs() {
        return shutdownTimeoutMs;
    }

    /** Sets the bound on the shutdown's teardown, ms (positive). */
    public NodeConfig shutdownTimeoutMs(long value) {
        checkOpen();
        this.shutdownTimeoutMs = value;
        return this;
    }

    private void checkOpen() {
        if (concluded) {
            throw new IllegalStateException("the node configuration is concluded");
        }
    }

    /**
     * Validates and freezes the configuration; idempotent.
     *
     * @return this
     * @throws IllegalArgumentException naming the first problem
     */
    public NodeConfig conclude() {
        if (concluded) {
            return this;
        }
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("node name " + (name == null ? "is missing" : "'" + name
                    + "' is not 1-64 letters, digits, '.', '_' or '-' (starting with a letter or digit)"));
        }
        if (driver == null || !NAME.matcher(driver).matches()) {
            throw new IllegalArgumentException("driver name '" + driver + "' is not a name");
        }
        if (hosts.isEmpty()) {
            throw new IllegalArgumentException("node " + name + " has no host (give at least one --host NAME)");
        }
        TreeSet<String> addresses = new TreeSet<>();
        for (HostSpec h : hosts.values()) {
            if (h.capacityBps() <= 0) {
                throw new IllegalArgumentException("host " + h.name() + ": capacity must be positive, not "
                        + h.capacityBps());
            }
            List<String> all = new ArrayList<>(h.aliases());
            all.add(0, h.name());
            for (String a : all) {
                if (!NAME.matcher(a).matches()) {
                    throw new IllegalArgumentException("host address '" + a + "' is not a name (letters, digits,"
                            + " '.', '_', '-'; no ':' or '*')");
                }
                if (!addresses.add(a)) {
                    throw new IllegalArgumentException("address " + a + " belongs to two hosts");
                }
            }
        }
        for (Peer p : peers.values()) {
            if (!NAME.matcher(p.name()).matches()) {
                throw new IllegalArgumentException("peer name '" + p.name() + "' is not a name");
            }
            if (p.name().equals(name)) {
                throw new IllegalArgumentException("peer " + p.name() + " is this node");
            }
            if (p.address().getPort() == 0) {
                throw new IllegalArgumentException("peer " + p.name() + " needs a port, not 0");
            }
            if (p.address().equals(listen)) {
                throw new IllegalArgumentException("peer " + p.name() + " has this node's listen address " + listen);
            }
        }
        Objects.requireNonNull(control, "control");
        if (control.isUnresolved() || !control.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("control address " + Endpoints.format(control)
                    + " is not a loopback address (the control interface is local)");
        }
        if (requestTimeoutMs <= 0 || shutdownTimeoutMs <= 0) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (stateDir == null) {
            stateDir = NodeState.defaultDirectory();
        }
        concluded = true;
        return this;
    }

    // ------------------------------------------------------------------------------------------ file format

    /**
     * Reads a properties file (format above).
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException naming the first malformed or unknown key
     */
    public static NodeConfig load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return fromProperties(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Builds a configuration (not concluded) from properties in the file format. */
    public static NodeConfig fromProperties(Properties p) {
        NodeConfig c = new NodeConfig();
        Map<String, String> aliases = new LinkedHashMap<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            String value = p.getProperty(key).trim();
            if (key.startsWith("host.") && key.endsWith(".aliases")) {
                aliases.put(key.substring(5, key.length() - 8), value);
            } else if (key.startsWith("host.")) {
                continue;
            } else if (key.startsWith("peer.")) {
                c.peer(Peer.parse(key.substring(5), value, key));
            } else {
                switch (key) {
                    case "name" -> c.name(value);
                    case "driver" -> c.driver(value);
                    case "listen" -> c.listen(Endpoints.parse(value, key));
                    case "local-switching" -> c.localSwitching(parseBoolean(value, key));
                    case "control" -> c.control(Endpoints.parse(value, key));
                    case "state-dir" -> c.stateDir(Path.of(value));
                    case "request-timeout-ms" -> c.requestTimeoutMs(Rates.parse(value, key));
                    case "shutdown-timeout-ms" -> c.shutdownTimeoutMs(Rates.parse(value, key));
                    default -> throw new IllegalArgumentException("unknown key '" + key + "'");
                }
            }
        }
        // Properties keep no order: hosts are added in sorted name order, which is at least stable.
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("host.") && !key.endsWith(".aliases")) {
                String hostName = key.substring(5);
                String a = aliases.remove(hostName);
                c.host(hostName, Rates.parse(p.getProperty(key).trim(), key),
                        a == null || a.isBlank() ? new String[0] : a.split("[\\s,]+"));
            }
        }
        if (!aliases.isEmpty()) {
            throw new IllegalArgumentException("aliases for unknown host " + aliases.keySet().iterator().next());
        }
        return c;
    }

    /** @return this configuration in the file format ({@link #fromProperties} reads it back) */
    public Properties toProperties() {
        Properties p = new Properties();
        put(p, "name", name);
        put(p, "driver", driver);
        for (HostSpec h : hosts.values()) {
            p.setProperty("host." + h.name(), Long.toString(h.capacityBps()));
            if (!h.aliases().isEmpty()) {
                p.setProperty("host." + h.name() + ".aliases", String.join(" ", h.aliases()));
            }
        }
        if (listen != null) {
            p.setProperty("listen", Endpoints.format(listen));
        }
        for (Peer peer : peers.values()) {
            p.setProperty("peer." + peer.name(), peer.format());
        }
        if (!localSwitching) {
            p.setProperty("local-switching", "false");
        }
        p.setProperty("control", Endpoints.format(control));
        if (stateDir != null) {
            p.setProperty("state-dir", stateDir.toString());
        }
        p.setProperty("request-timeout-ms", Long.toString(requestTimeoutMs));
        p.setProperty("shutdown-timeout-ms", Long.toString(shutdownTimeoutMs));
        return p;
    }

    /** Writes {@link #toProperties()} to {@code file}. */
    public void store(Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            toProperties().store(w, "jcondis node " + name);
        }
    }

    private static boolean parseBoolean(String value, String key) {
        return switch (value) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException(key + ": '" + value + "' is not true or false");
        };
    }

    private static void put(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "node %s driver %s hosts %s listen %s peers %s control %s", name, driver,
                hosts.keySet(), listen == null ? "-" : Endpoints.format(listen), peers.keySet(),
                Endpoints.format(control));
    }
}

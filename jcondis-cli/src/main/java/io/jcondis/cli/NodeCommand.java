package io.jcondis.cli;

import io.jcondis.node.Endpoints;
import io.jcondis.node.NodeConfig;
import io.jcondis.node.NodeMain;
import io.jcondis.node.Rates;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code jcondis node}: runs a node in the foreground until {@code jcondis stop}, SIGTERM or Ctrl-C. Flags, or
 * a configuration file whose values the flags override (docs/node.md). Prints one ready line, then one line
 * per client event. Exit status 0 after a clean stop, 2 when the node could not start.
 */
@Command(name = "node", mixinStandardHelpOptions = true,
        description = "Run a node: a runtime, a driver, a client per host and a local control interface.")
final class NodeCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "a node configuration file (properties)")
    Path configFile;

    @Option(names = "--name", paramLabel = "NAME", description = "node name (default: node)")
    String name;

    @Option(names = "--driver", paramLabel = "DRIVER", description = "embedded (default) or uni")
    String driver;

    @Option(names = "--host", paramLabel = "NAME[=CAPACITY]",
            description = "a host and its link capacity in bytes/s each way (k, M, G; default 155 Mbit/s);"
                    + " repeat for more (default: hosta and hostb)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--alias", paramLabel = "HOST=ADDR", description = "a further address of a host; repeatable")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--listen", paramLabel = "ADDR:PORT", description = "network listen address (uni driver)")
    String listen;

    @Option(names = "--peer", paramLabel = "NAME=ADDR:PORT[,hosts=H1,H2|*]",
            description = "a peer node (uni driver) and the hosts it announces (default: NAME); repeatable")
    List<String> peers = new ArrayList<>();

    @Option(names = "--no-local-switching",
            description = "uni driver: calls between local hosts go out to the peer announcing them")
    boolean noLocalSwitching;

    @Option(names = "--control", paramLabel = "ADDR:PORT",
            description = "control address, loopback (default 127.0.0.1:0: a free port)")
    String control;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "where to write the node's state file")
    Path stateDir;

    @Override
    public Integer call() {
        NodeConfig config;
        try {
            config = config();
        } catch (IOException | IllegalArgumentException e) {
            System.err.println("jcondis node: " + e.getMessage());
            return 2;
        }
        return NodeMain.run(config, System.out, System.err);
    }

    NodeConfig config() throws IOException {
        NodeConfig c = configFile == null ? new NodeConfig() : NodeConfig.load(configFile);
        if (name != null || c.name() == null) {
            c.name(name == null ? "node" : name);
        }
        if (driver != null) {
            c.driver(driver);
        }
        Map<String, List<String>> aliasesOf = new LinkedHashMap<>();
        for (String a : aliases) {
            String[] kv = split(a, "--alias", "HOST=ADDR");
            aliasesOf.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(kv[1]);
        }
        List<String> given = new ArrayList<>(hosts);
        if (given.isEmpty() && c.hosts().isEmpty()) {
            given = List.of("hosta", "hostb");
        }
        for (String h : given) {
            int eq = h.indexOf('=');
            String host = eq < 0 ? h : h.substring(0, eq);
            long capacity = eq < 0 ? 155_000_000L / 8 : Rates.parse(h.substring(eq + 1), "--host " + host);
            c.host(host, capacity, aliasesOf.getOrDefault(host, List.of()).toArray(new String[0]));
            aliasesOf.remove(host);
        }
        if (!aliasesOf.isEmpty()) {
            throw new IllegalArgumentException("--alias names host " + aliasesOf.keySet().iterator().next()
                    + ", which is not given with --host");
        }
        if (listen != null) {
            c.listen(Endpoints.parse(listen, "--listen"));
        }
        for (String p : peers) {
            String[] kv = split(p, "--peer", "NAME=ADDR:PORT[,hosts=H1,H2|*]");
            c.peer(NodeConfig.Peer.parse(kv[0], kv[1], "--peer " + kv[0]));
        }
        if (noLocalSwitching) {
            c.localSwitching(false);
        }
        if (control != null) {
            c.control(Endpoints.parse(control, "--control"));
        }
        if (stateDir != null) {
            c.stateDir(stateDir);
        }
        return c.conclude();
    }

    private static String[] split(String text, String option, String form) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException(option + " '" + text + "' is not " + form);
        }
        return new String[] {text.substring(0, eq), text.substring(eq + 1)};
    }
}

package io.jcondis.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Three hosts in Linux network namespaces on one Ethernet segment, for system tests (issue 4 item 8).
 *
 * <pre>
 *   ns jcx-PID-a          ns jcx-PID-sw            ns jcx-PID-b
 *   eth0 10.S.0.1/24 ---- pa  [br0]  pb ---- eth0 10.S.0.2/24
 *                              pc
 *                              |
 *                         eth0 10.S.0.3/24  ns jcx-PID-c
 * </pre>
 *
 * Each host namespace has {@code lo} and {@code eth0} up; the switch namespace holds a Linux bridge with the
 * three veth peers. Every link is made inside a namespace, so no name is added to the machine's own namespace
 * and runs in parallel cannot collide; the names carry this JVM's pid. {@link #close()} deletes the four
 * namespaces (their links go with them); it is idempotent and also runs on a failed {@link #create}.
 * Namespaces of an earlier run whose JVM is gone (killed before its cleanup) are deleted by {@link #create}.
 *
 * <p>Needs the {@code ip} command (iproute2) and CAP_NET_ADMIN (root). {@link #unavailableReason()} says which
 * is missing, for a JUnit assumption. The system property {@value #IP_PROPERTY} replaces the {@code ip}
 * command (words split at spaces), e.g. {@code setpriv --reuid=65534 --regid=65534 --clear-groups ip} to see the
 * unprivileged outcome on a machine that has the capability.
 *
 * <p>Every command run here is bounded by {@value #COMMAND_TIMEOUT_MS} ms (killed after it). Not thread-safe.
 */
final class NetnsLab implements AutoCloseable {
    /** The system property naming the {@code ip} command. */
    static final String IP_PROPERTY = "jcondis.netns.ip";
    /** The bound on one {@code ip} command. */
    static final long COMMAND_TIMEOUT_MS = 20_000;

    private static final String PREFIX = "jcx-";
    private static final Pattern OURS = Pattern.compile("^" + PREFIX + "(\\d+)-(?:a|b|c|sw)\\b");
    private static final List<String> HOSTS = List.of("a", "b", "c");

    private final List<String> ip;
    private final String base;
    private final int subnet;
    private final List<String> made = new ArrayList<>();

    private NetnsLab(List<String> ip, String base, int subnet) {
        this.ip = ip;
        this.base = base;
        this.subnet = subnet;
    }

    /** @return the {@code ip} command: {@value #IP_PROPERTY}, else {@code ip} */
    static List<String> ipCommand() {
        String v = System.getProperty(IP_PROPERTY, "").strip();
        return v.isEmpty() ? List.of("ip") : List.of(v.split("\\s+"));
    }

    /** @return why namespaces cannot be made here (for an assumption), or empty when they can */
    static Optional<String> unavailableReason() {
        return unavailableReason(ipCommand());
    }

    /**
     * Probes by making and deleting one namespace.
     *
     * @return why namespaces cannot be made with {@code ip}, or empty when they can
     */
    static Optional<String> unavailableReason(List<String> ip) {
        if (!System.getProperty("os.name", "").startsWith("Linux")) {
            return Optional.of("network namespaces need Linux; this is " + System.getProperty("os.name"));
        }
        List<String> version = new ArrayList<>(ip);
        version.add("-V");
        Cli.Run v = run(version);
        if (v.exit() != 0) {
            return Optional.of("no usable `ip` command (iproute2): `" + String.join(" ", version) + "` "
                    + describe(v) + "; install iproute2 (the .ci/run script does)");
        }
        String probe = PREFIX + ProcessHandle.current().pid() + "-probe";
        Cli.Run add = run(concat(ip, "netns", "add", probe));
        run(concat(ip, "netns", "del", probe));
        if (add.exit() != 0) {
            return Optional.of("cannot create a network namespace: `" + String.join(" ", ip) + " netns add` "
                    + describe(add) + "; it needs CAP_NET_ADMIN (run as root, or in a container with"
                    + " --cap-add NET_ADMIN)");
        }
        return Optional.empty();
    }

    private static String describe(Cli.Run r) {
        String out = (r.err() + "\n" + r.out()).strip();
        return "failed (exit " + r.exit() + ")" + (out.isEmpty() ? "" : ": " + out.lines().findFirst().orElse(""));
    }

    /**
     * Makes the three host namespaces and the switch, subnet {@code 10.subnet.0.0/24}.
     *
     * @throws IOException when a step fails (everything made so far is deleted first)
     */
    static NetnsLab create(int subnet) throws IOException {
        if (subnet < 1 || subnet > 254) {
            throw new IllegalArgumentException("subnet " + subnet + " is not 1..254");
        }
        List<String> ip = ipCommand();
        reapStale(ip);
        NetnsLab lab = new NetnsLab(ip, PREFIX + ProcessHandle.current().pid() + "-", subnet);
        try {
            lab.build();
            return lab;
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    private void build() throws IOException {
        String sw = namespace("sw");
        addNamespace(sw);
        ipIn(sw, "link", "set", "lo", "up");
        ipIn(sw, "link", "add", "br0", "type", "bridge");
        ipIn(sw, "link", "set", "br0", "up");
        for (int i = 0; i < HOSTS.size(); i++) {
            String h = HOSTS.get(i);
            String ns = namespace(h);
            addNamespace(ns);
            ipIn(ns, "link", "add", "eth0", "type", "veth", "peer", "name", "p" + h, "netns", sw);
            ipIn(ns, "addr", "add", address(i) + "/24", "dev", "eth0");
            ipIn(ns, "link", "set", "lo", "up");
            ipIn(ns, "link", "set", "eth0", "up");
            ipIn(sw, "link", "set", "p" + h, "master", "br0");
            ipIn(sw, "link", "set", "p" + h, "up");
        }
    }

    private void addNamespace(String ns) throws IOException {
        check(concat(ip, "netns", "add", ns));
        made.add(ns);
    }

    private void ipIn(String ns, String... args) throws IOException {
        List<String> cmd = concat(ip, "-n", ns);
        cmd.addAll(List.of(args));
        check(cmd);
    }

    private static void check(List<String> cmd) throws IOException {
        Cli.Run r = run(cmd);
        if (r.exit() != 0) {
            throw new IOException("`" + String.join(" ", cmd) + "` " + describe(r));
        }
    }

    /** @return the name of host {@code a}, {@code b} or {@code c}'s namespace ({@code sw}: the switch's) */
    String namespace(String host) {
        return base + host;
    }

    /** @return host {@code index}'s (0..2) IPv4 address */
    String address(int index) {
        return "10." + subnet + ".0." + (index + 1);
    }

    /** @return the words that run a command in host {@code index}'s (0..2) namespace */
    List<String> execPrefix(int index) {
        return concat(ip, "netns", "exec", namespace(HOSTS.get(index)));
    }

    /** @return the names of this lab's namespaces that exist now */
    List<String> existing() {
        List<String> names = listNamespaces(ip);
        names.retainAll(List.of(namespace("a"), namespace("b"), namespace("c"), namespace("sw")));
        return names;
    }

    /** Deletes every namespace this lab made (and the links in them). Idempotent; never throws. */
    @Override
    public void close() {
        List<String> present = listNamespaces(ip);
        for (int i = made.size() - 1; i >= 0; i--) {
            if (present.contains(made.get(i))) {
                run(concat(ip, "netns", "del", made.get(i)));
            }
        }
        made.clear();
    }

    private static void reapStale(List<String> ip) {
        for (String ns : listNamespaces(ip)) {
            Matcher m = OURS.matcher(ns);
            if (m.find() && ProcessHandle.of(Long.parseLong(m.group(1))).isEmpty()) {
                run(concat(ip, "netns", "del", ns));
            }
        }
    }

    private static List<String> listNamespaces(List<String> ip) {
        Cli.Run r = run(concat(ip, "netns", "list"));
        List<String> names = new ArrayList<>();
        // Lines are "NAME" or "NAME (id: N)".
        r.out().lines().map(l -> l.strip().split("\\s+")[0]).filter(n -> !n.isEmpty()).forEach(names::add);
        return names;
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }

    /** Runs {@code cmd} bounded by {@value #COMMAND_TIMEOUT_MS} ms; a command that cannot start exits 127. */
    static Cli.Run run(List<String> cmd) {
        return run(cmd, COMMAND_TIMEOUT_MS);
    }

    /**
     * Runs {@code cmd}, killed after {@code timeoutMs}.
     *
     * @return exit status (-1 when it had to be killed, 127 when it could not start), stdout and stderr
     */
    static Cli.Run run(List<String> cmd, long timeoutMs) {
        Path out = null;
        Path err = null;
        try {
            // Output to files, not pipes: nothing has to drain them while we wait, and a hung command's output
            // is still readable after the kill.
            out = Files.createTempFile("jcondis-netns", ".out");
            err = Files.createTempFile("jcondis-netns", ".err");
            Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            boolean exited = p.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
            if (!exited) {
                p.destroyForcibly();
                p.waitFor(timeoutMs, TimeUnit.MILLISECONDS);
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            return new Cli.Run(exited ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
                    exited ? stderr : stderr + "(killed after " + timeoutMs + " ms)");
        } catch (IOException e) {
            return new Cli.Run(127, "", String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Cli.Run(-1, "", "interrupted");
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A temp file left behind is harmless.
        }
    }
}

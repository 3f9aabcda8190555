package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A running node's state file, {@code DIR/NAME.json}: how other commands find a node by name. Written once
 * the control server listens (atomically: a reader never sees half a file), removed when the node stops.
 *
 * <pre>
 *   {"name":"n1","pid":4242,"control":"127.0.0.1:40123","driver":"embedded","hosts":["hosta","hostb"]}
 * </pre>
 *
 * @param name    node name
 * @param pid     the node's process id
 * @param control control address
 * @param driver  driver name
 * @param hosts   host names
 */
public record NodeState(String name, long pid, InetSocketAddress control, String driver, List<String> hosts) {
    /** Environment variable naming the state directory (first choice). */
    public static final String DIR_ENV = "JCONDIS_STATE_DIR";
    /** System property naming the state directory (second choice). */
    public static final String DIR_PROPERTY = "jcondis.stateDir";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Copies the hosts. */
    public NodeState {
        hosts = List.copyOf(hosts);
    }

    /**
     * @return {@code $JCONDIS_STATE_DIR}, else {@code -Djcondis.stateDir}, else
     *         {@code $XDG_RUNTIME_DIR/jcondis/nodes}, else {@code ~/.jcondis/nodes}
     */
    public static Path defaultDirectory() {
        String env = System.getenv(DIR_ENV);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String prop = System.getProperty(DIR_PROPERTY);
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank() && Files.isDirectory(Path.of(xdg))) {
            return Path.of(xdg, "jcondis", "nodes");
        }
        return Path.of(System.getProperty("user.home"), ".jcondis", "nodes");
    }

    /** @return the state file of node {@code name} in {@code dir} */
    public static Path file(Path dir, String name) {
        return dir.resolve(name + ".json");
    }

    /** @return this state as one JSON object */
    public String toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", name);
        o.put("pid", pid);
        o.put("control", Endpoints.format(control));
        o.put("driver", driver);
        hosts.forEach(o.putArray("hosts")::add);
        return o.toString();
    }

    /** Writes the state file atomically (temporary file, then rename); creates the directory. */
    public Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = file(dir, name);
        Path tmp = Files.createTempFile(dir, name + ".", ".tmp");
        Files.writeString(tmp, toJson() + "\n");
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /**
     * Reads node {@code name}'s state file.
     *
     * @return the state, or null when there is no such file
     * @throws IOException when the file exists but cannot be read or parsed
     */
    public static NodeState read(Path dir, String name) throws IOException {
        Path f = file(dir, name);
        String text;
        try {
            text = Files.readString(f);
        } catch (NoSuchFileException e) {
            return null;
        }
        try {
            JsonNode o = JSON.readTree(text);
            List<String> hosts = new ArrayList<>();
            o.path("hosts").forEach(h -> hosts.add(h.asText()));
            return new NodeState(o.path("name").asText(name), o.path("pid").asLong(-1),
                    Endpoints.parse(o.path("control").asText(), "control"), o.path("driver").asText(), hosts);
        } catch (IOException | IllegalArgumentException e) {
            throw new IOException("state file " + f + " is not a node state: " + e.getMessage(), e);
        }
    }

    /** @return the names of the nodes with a state file in {@code dir} (sorted; none when it does not exist) */
    public static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return names;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.json")) {
            for (Path p : s) {
                String f = p.getFileName().toString();
                names.add(f.substring(0, f.length() - ".json".length()));
            }
        }
        names.sort(null);
        return names;
    }

    /** @return true while the process that wrote this state is alive */
    public boolean isAlive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}

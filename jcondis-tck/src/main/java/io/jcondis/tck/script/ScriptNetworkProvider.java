package io.jcondis.tck.script;

/**
 * Makes the network a script runs on; found by name ({@code ./jcondis run --driver NAME}) through
 * {@link java.util.ServiceLoader} ({@code META-INF/services/io.jcondis.tck.script.ScriptNetworkProvider}), so a
 * driver module plugs in by being on the runner's classpath. The embedded ones are built in
 * ({@link ScriptNetworks}). Implementations must be stateless and thread-safe.
 */
public interface ScriptNetworkProvider {
    /** @return the name {@code --driver} selects */
    String name();

    /** @return one line for help and error texts */
    String description();

    /** @return a fresh network for one script, not yet started */
    ScriptNetwork create();
}

package io.jcondis.tck.script;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds a {@link ScriptNetworkProvider} by name: the built-in {@value #EMBEDDED} and {@value #EMBEDDED_REALTIME},
 * then the ServiceLoader's (the uni driver's provider comes with jcondis-uni).
 */
public final class ScriptNetworks {
    /** The default: the embedded switch on an INVOKER runtime with a manual clock (deterministic). */
    public static final String EMBEDDED = "embedded";
    /** The embedded switch on a DEDICATED runtime: callbacks from the conductor thread, the real-time engine. */
    public static final String EMBEDDED_REALTIME = "embedded-realtime";

    private ScriptNetworks() {
    }

    /** @return the default provider ({@value #EMBEDDED}) */
    public static ScriptNetworkProvider embedded() {
        return new EmbeddedScriptNetwork.Provider(false);
    }

    /**
     * @return the provider named {@code name}
     * @throws IllegalArgumentException naming the driver and the known ones
     */
    public static ScriptNetworkProvider find(String name) {
        List<String> names = new ArrayList<>();
        for (ScriptNetworkProvider p : available()) {
            if (p.name().equals(name)) {
                return p;
            }
            names.add(p.name());
        }
        throw new IllegalArgumentException("unknown driver '" + name + "'; known drivers: "
                + String.join(", ", names));
    }

    /** @return every provider: the built-in ones first, then the ServiceLoader's in its order */
    public static List<ScriptNetworkProvider> available() {
        List<ScriptNetworkProvider> all = new ArrayList<>();
        all.add(embedded());
        all.add(new EmbeddedScriptNetwork.Provider(true));
        for (ScriptNetworkProvider p : ServiceLoader.load(ScriptNetworkProvider.class)) {
            all.add(p);
        }
        return all;
    }
}

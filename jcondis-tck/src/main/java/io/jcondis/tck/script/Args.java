package io.jcondis.tck.script;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The arguments of a request step: positional tokens and {@code key=value} options. Every token must be
 * used by the operation ({@link #checkAllUsed}), so a misspelt option fails the step instead of being
 * silently ignored.
 */
final class Args {
    private final Step step;
    private final List<String> positional = new ArrayList<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private final BitSet usedPositional = new BitSet();
    private final Set<String> usedOptions = new HashSet<>();
    private final Set<String> flags = new HashSet<>();
    private final Set<String> usedFlags = new HashSet<>();

    /** Bare words that are flags, wherever they appear, not positional arguments. */
    static final Set<String> FLAG_WORDS = Set.of("multipoint", "resources", "once");

    Args(Step step, List<String> tokens) {
        this.step = step;
        for (String t : tokens) {
            int eq = t.indexOf('=');
            if (eq > 0) {
                options.put(t.substring(0, eq), t.substring(eq + 1));
            } else if (FLAG_WORDS.contains(t)) {
                flags.add(t);
            } else {
                positional.add(t);
            }
        }
    }

    int size() {
        return positional.size();
    }

    /** @return positional token {@code i}, required */
    String pos(int i, String what) {
        if (i >= positional.size()) {
            throw new ScriptFailure(step, "missing argument " + (i + 1) + " (" + what + ")");
        }
        usedPositional.set(i);
        return positional.get(i);
    }

    /** @return positional token {@code i}, or null */
    String posOpt(int i) {
        if (i >= positional.size()) {
            return null;
        }
        usedPositional.set(i);
        return positional.get(i);
    }

    /** @return true when the bare word {@code flag} (one of {@link #FLAG_WORDS}) was given */
    boolean flag(String flag) {
        usedFlags.add(flag);
        return flags.contains(flag);
    }

    /** @return the value of option {@code key}, or null */
    String opt(String key) {
        usedOptions.add(key);
        return options.get(key);
    }

    /** @return every option key given, in order (reading them with {@link #opt} marks them used) */
    List<String> optionKeys() {
        return List.copyOf(options.keySet());
    }

    boolean has(String key) {
        return options.containsKey(key);
    }

    void checkAllUsed() {
        for (int i = 0; i < positional.size(); i++) {
            if (!usedPositional.get(i)) {
                throw new ScriptFailure(step, "unexpected argument '" + positional.get(i) + "'");
            }
        }
        for (String f : flags) {
            if (!usedFlags.contains(f)) {
                throw new ScriptFailure(step, "flag '" + f + "' does not apply to this operation");
            }
        }
        for (String k : options.keySet()) {
            if (!usedOptions.contains(k)) {
                throw new ScriptFailure(step, "unknown option '" + k + "=' for this operation");
            }
        }
    }
}

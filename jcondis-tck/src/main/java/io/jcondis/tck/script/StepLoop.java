package io.jcondis.tck.script;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * The run loop both script engines share: checks the {@code # ids:} header, runs the steps in order, then the
 * engine's final check, and turns a {@link ScriptFailure} or an unexpected throw into a failed
 * {@link ScriptResult} that names the step. Not thread-safe; one call per script.
 */
final class StepLoop {
    private StepLoop() {
    }

    /**
     * @param name    the script's name
     * @param parsed  the parsed script
     * @param skip    leading steps the engine already handled (counted as run; {@code stack wan} is one)
     * @param exec    runs one step, throwing {@link ScriptFailure} when it does not hold
     * @param finish  the final run and checks after the last step
     * @param trace   the engine's recent trace, copied into the result
     * @return the result
     */
    static ScriptResult run(String name, ScriptParser.Parsed parsed, int skip, Consumer<Step> exec, Runnable finish,
                            Collection<String> trace) {
        int n = skip;
        Step current = null;
        try {
            if (parsed.ids().isEmpty()) {
                throw new ScriptFailure(null, name + ": the script names no ids (add a '# ids: ...' comment)");
            }
            List<Step> steps = parsed.steps();
            for (Step s : steps.subList(Math.min(skip, steps.size()), steps.size())) {
                current = s;
                exec.accept(s);
                n++;
            }
            current = null;
            finish.run();
            return new ScriptResult(name, parsed.ids(), true, null, List.copyOf(trace), n);
        } catch (ScriptFailure f) {
            return new ScriptResult(name, parsed.ids(), false, f.getMessage(), List.copyOf(trace), n);
        } catch (RuntimeException | AssertionError e) {
            String where = current == null ? name : current.where() + ": '" + current.text() + "'";
            return new ScriptResult(name, parsed.ids(), false, where + ": threw " + e, List.copyOf(trace), n);
        }
    }
}

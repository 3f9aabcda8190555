package io.jcondis.tck.script;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The run loop both script engines share: checks the {@code # ids:} header, runs the steps, then the engine's
 * final check, and turns a {@link ScriptFailure} or an unexpected throw into a failed {@link ScriptResult} that
 * names the step. Not thread-safe; one call per script.
 */
final class StepLoop {
    private StepLoop() {
    }

    /**
     * Runs the steps one by one, in order.
     *
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
        Step[] current = {null};
        int[] n = {skip};
        Runnable body = () -> {
            List<Step> steps = parsed.steps();
            for (Step s : steps.subList(Math.min(skip, steps.size()), steps.size())) {
                current[0] = s;
                exec.accept(s);
                n[0]++;
            }
        };
        return run(name, parsed, body, () -> current[0], () -> n[0], finish, () -> List.copyOf(trace));
    }

    /**
     * Runs the steps as {@code body} chooses (the CoNDIS engine runs them in bursts in real time).
     *
     * @param body    runs every step, throwing {@link ScriptFailure} at the first that does not hold
     * @param current the step being run (null between steps)
     * @param count   how many steps have run
     * @param finish  the final run and checks after the last step
     * @param trace   a copy of the engine's recent trace
     * @return the result
     */
    static ScriptResult run(String name, ScriptParser.Parsed parsed, Runnable body, Supplier<Step> current,
                            IntSupplier count, Runnable finish, Supplier<List<String>> trace) {
        try {
            if (parsed.ids().isEmpty()) {
                throw new ScriptFailure(null, name + ": the script names no ids (add a '# ids: ...' comment)");
            }
            body.run();
            finish.run();
            return new ScriptResult(name, parsed.ids(), true, null, trace.get(), count.getAsInt());
        } catch (ScriptFailure f) {
            return new ScriptResult(name, parsed.ids(), false, f.getMessage(), trace.get(), count.getAsInt());
        } catch (RuntimeException | AssertionError e) {
            Step at = current.get();
            String where = at == null ? name : at.where() + ": '" + at.text() + "'";
            return new ScriptResult(name, parsed.ids(), false, where + ": threw " + e, trace.get(), count.getAsInt());
        }
    }
}

package io.jcondis.tck.script;

/**
 * A script step whose expectation was not met, or a malformed step. The message names the file and line,
 * the step, what was expected and what happened.
 */
public final class ScriptFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;

    ScriptFailure(Step step, String message) {
        super(step == null ? message : step.where() + ": '" + step.text() + "': " + message);
        this.where = step == null ? null : step.where();
    }

    /** @return {@code file:line} of the failing step, or null for a failure outside any step */
    public String where() {
        return where;
    }
}

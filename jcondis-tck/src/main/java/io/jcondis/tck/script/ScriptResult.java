package io.jcondis.tck.script;

import java.util.List;

/**
 * The outcome of one script.
 *
 * @param name   the script's name (its path as given)
 * @param ids    the operation and rule ids its {@code # ids:} header names
 * @param passed whether every step held
 * @param detail the failure message ({@code file:line: 'step': expected ..., got ...}), or null
 * @param trace  the last runtime trace lines before the end or the failure (for diagnosis)
 * @param steps  how many steps ran
 */
public record ScriptResult(String name, List<String> ids, boolean passed, String detail, List<String> trace,
                           int steps) {
}

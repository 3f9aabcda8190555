package io.jcondis.tck.script;

import java.util.List;

/**
 * One non-comment line of a scenario script, split into tokens.
 *
 * @param file   the script's name as given to the engine (for messages)
 * @param line   1-based line number
 * @param text   the line without its comment, trimmed
 * @param tokens the tokens (double-quoted tokens keep their spaces, quotes removed)
 */
record Step(String file, int line, String text, List<String> tokens) {
    /** @return {@code file:line} */
    String where() {
        return file + ":" + line;
    }

    @Override
    public String toString() {
        return where() + ": " + text;
    }
}

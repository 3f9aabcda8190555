package io.jcondis.tck.script;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a script into {@link Step}s. A line is whitespace-separated tokens; {@code "double quotes"} group a
 * token with spaces; {@code #} outside quotes starts a comment. A comment line {@code # ids: A1 R9 ...} names
 * the operations and rules the script covers.
 */
final class ScriptParser {
    private ScriptParser() {
    }

    /** A parsed script. */
    record Parsed(String name, List<String> ids, List<Step> steps) {
    }

    static Parsed parse(String name, String text) {
        List<Step> steps = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            String trimmed = raw.trim();
            if (trimmed.startsWith("#")) {
                String c = trimmed.substring(1).trim();
                if (c.toLowerCase(Locale.ROOT).startsWith("ids:")) {
                    for (String id : c.substring(4).trim().split("[\\s,]+")) {
                        if (!id.isEmpty()) {
                            ids.add(id);
                        }
                    }
                }
                continue;
            }
            List<String> tokens = new ArrayList<>();
            StringBuilder cur = null;
            boolean quoted = false;
            int end = raw.length();
            for (int k = 0; k < raw.length(); k++) {
                char ch = raw.charAt(k);
                if (quoted) {
                    if (ch == '"') {
                        quoted = false;
                    } else {
                        cur.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                    if (cur == null) {
                        cur = new StringBuilder();
                    }
                } else if (ch == '#') {
                    end = k;
                    break;
                } else if (Character.isWhitespace(ch)) {
                    if (cur != null) {
                        tokens.add(cur.toString());
                        cur = null;
                    }
                } else {
                    if (cur == null) {
                        cur = new StringBuilder();
                    }
                    cur.append(ch);
                }
            }
            Step probe = new Step(name, i + 1, raw.substring(0, end).trim(), tokens);
            if (quoted) {
                throw new ScriptFailure(probe, "unterminated quote");
            }
            if (cur != null) {
                tokens.add(cur.toString());
            }
            if (!tokens.isEmpty()) {
                steps.add(new Step(name, i + 1, raw.substring(0, end).trim(), List.copyOf(tokens)));
            }
        }
        return new Parsed(name, List.copyOf(ids), steps);
    }
}

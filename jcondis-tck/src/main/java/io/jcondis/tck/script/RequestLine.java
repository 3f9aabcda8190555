package io.jcondis.tck.script;

import io.jcondis.api.Status;

import java.util.List;
import java.util.function.Function;

/**
 * The shape every request step shares, in both script languages: {@code TARGET OPERATION ARGS... [=> STATUS
 * [~TEXT]] [as NAME]}. Splits the tail off and checks a request's synchronous status against it.
 *
 * @param args     the argument tokens (after the operation, before {@code =>}/{@code as})
 * @param expected the status after {@code =>}, or null
 * @param descr    the text after {@code ~}, or null
 * @param as       the name after {@code as}, or null
 */
record RequestLine(List<String> args, String expected, String descr, String as) {

    /** Splits {@code t} (the whole step: target, operation, arguments, tail). */
    static RequestLine parse(Step s, List<String> t) {
        int end = t.size();
        String expected = null;
        String descr = null;
        String as = null;
        for (int i = 2; i < t.size(); i++) {
            if (t.get(i).equals("=>") || t.get(i).equals("as")) {
                end = Math.min(end, i);
                if (i + 1 >= t.size()) {
                    throw new ScriptFailure(s, "'" + t.get(i) + "' needs a value");
                }
                if (t.get(i).equals("=>")) {
                    expected = t.get(++i);
                    if (i + 1 < t.size() && t.get(i + 1).startsWith("~")) {
                        descr = t.get(++i).substring(1);
                    }
                } else {
                    as = t.get(++i);
                }
            } else if (end < t.size()) {
                throw new ScriptFailure(s, "unexpected '" + t.get(i) + "' after '=>'/'as'");
            }
        }
        return new RequestLine(t.subList(2, end), expected, descr, as);
    }

    /**
     * Checks the request's synchronous status: required when it returns one, refused when it returns none.
     *
     * @param op     the operation (for messages)
     * @param status what the request returned, or null for a request that returns nothing
     * @param namer  script names of values, for messages
     */
    void check(Step s, String op, Status status, Function<Object, String> namer) {
        if (status == null) {
            if (expected != null) {
                throw new ScriptFailure(s, op + " returns no status; drop the '=> " + expected + "'");
            }
            return;
        }
        String got = Callback.show(status, namer);
        if (expected == null) {
            throw new ScriptFailure(s, op + " returned " + got + "; state it with '=> " + status.code().name() + "'");
        }
        Status want;
        try {
            want = Status.parse(expected);
        } catch (IllegalArgumentException e) {
            throw new ScriptFailure(s, "'" + expected + "' is not a status name");
        }
        if (!status.equals(want)) {
            throw new ScriptFailure(s, "expected => " + expected + ", got " + got);
        }
        if (descr != null && (status.description() == null || !status.description().contains(descr))) {
            throw new ScriptFailure(s, "expected a description containing \"" + descr + "\", got " + got);
        }
    }
}

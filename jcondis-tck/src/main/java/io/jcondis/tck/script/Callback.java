package io.jcondis.tck.script;

import io.jcondis.api.AddressFamily;
import io.jcondis.api.CallParameters;
import io.jcondis.api.OidRequest;
import io.jcondis.api.Oids;
import io.jcondis.api.Packet;
import io.jcondis.api.Sap;
import io.jcondis.api.Status;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One recorded crossing into a scripted driver (a handler call), or a contract violation / handler error the
 * runtime reported. Arguments are kept by name; composite values are also expanded into derived keys that
 * scripts can match ({@code params} gives {@code called}, {@code tx}, {@code rx}, {@code changed}; a packet
 * gives {@code bytes}; an OID request gives {@code oid} and {@code type}; close data gives {@code data} and
 * {@code data-len}).
 */
final class Callback {
    /** The handler name used for contract violations. */
    static final String VIOLATION = "violation";
    /** The handler name used for handler exceptions. */
    static final String HANDLER_ERROR = "handler-error";

    final String driver;
    final String handler;
    /** The name of the argument that {@code expect}'s positional status matches, or null. */
    final String statusKey;
    final Map<String, Object> args;

    private Callback(String driver, String handler, String statusKey, Map<String, Object> args) {
        this.driver = driver;
        this.handler = handler;
        this.statusKey = statusKey;
        this.args = Collections.unmodifiableMap(args);
    }

    /**
     * @param kv alternating names and values; a name ending in {@code *} is the status argument
     */
    static Callback of(String driver, String handler, Object... kv) {
        Map<String, Object> args = new LinkedHashMap<>();
        String statusKey = null;
        for (int i = 0; i < kv.length; i += 2) {
            String k = (String) kv[i];
            if (k.endsWith("*")) {
                k = k.substring(0, k.length() - 1);
                statusKey = k;
            }
            expand(args, k, kv[i + 1]);
        }
        return new Callback(driver, handler, statusKey, args);
    }

    private static void expand(Map<String, Object> args, String key, Object v) {
        if (v instanceof CallParameters) {
            CallParameters p = (CallParameters) v;
            args.put(key, p);
            args.put("called", p.calledAddress());
            args.put("tx", p.transmit().reservedBps());
            args.put("rx", p.receive().reservedBps());
            args.put("changed", p.has(CallParameters.CALL_PARAMETERS_CHANGED));
        } else if (v instanceof Packet) {
            Packet p = (Packet) v;
            args.put(key, p);
            args.put("bytes", (long) p.length());
        } else if (v instanceof OidRequest) {
            OidRequest r = (OidRequest) v;
            args.put(key, r);
            args.put("oid", Oids.name(r.oid()));
            args.put("type", r.type().name().toLowerCase(java.util.Locale.ROOT));
        } else if (v instanceof byte[]) {
            byte[] b = (byte[]) v;
            args.put(key, new String(b, StandardCharsets.UTF_8));
            args.put(key + "-len", (long) b.length);
        } else if (v instanceof Sap) {
            args.put(key, ((Sap) v).asText());
        } else if (v instanceof AddressFamily) {
            args.put(key, "0x" + Integer.toHexString(((AddressFamily) v).type()));
        } else if (v instanceof Integer) {
            args.put(key, ((Integer) v).longValue());
        } else {
            args.put(key, v);
        }
    }

    /** @return the status argument, or null */
    Status status() {
        return statusKey == null ? null : (Status) args.get(statusKey);
    }

    /** Formats the callback with {@code namer} giving script names for handles. */
    String render(Function<Object, String> namer) {
        StringBuilder b = new StringBuilder(driver).append(' ').append(handler).append('(');
        boolean first = true;
        for (Map.Entry<String, Object> e : args.entrySet()) {
            Object v = e.getValue();
            if (v instanceof CallParameters || v instanceof Packet || v instanceof OidRequest) {
                String n = namer.apply(v);
                if (n == null) {
                    continue;
                }
            }
            if (!first) {
                b.append(", ");
            }
            first = false;
            b.append(e.getKey()).append('=').append(show(v, namer));
        }
        return b.append(')').toString();
    }

    /** Formats a callback, or a violation / handler error, for failure messages. */
    static String describe(Callback c, Function<Object, String> namer) {
        if (c.handler.equals(VIOLATION)) {
            return "violation " + c.args.get("rule") + " by " + c.driver + " \"" + c.args.get("message") + "\"";
        }
        if (c.handler.equals(HANDLER_ERROR)) {
            return "handler-error by " + c.driver + " in " + c.args.get("handler") + ": " + c.args.get("error");
        }
        return c.render(namer);
    }

    /** Formats the first {@code max} callbacks of {@code queue}, separated by {@code "; "}. */
    static String describeAll(Collection<Callback> queue, int max, Function<Object, String> namer) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (Callback c : queue) {
            if (i == max) {
                b.append("; ... ").append(queue.size() - max).append(" more");
                break;
            }
            if (i++ > 0) {
                b.append("; ");
            }
            b.append(describe(c, namer));
        }
        return b.toString();
    }

    /**
     * Matches {@code violation RULE [by=DRIVER] [~text]} or {@code handler-error [by=DRIVER] [~text]}.
     *
     * @return null on a match, else why not
     */
    static String matchProblem(Step s, List<String> t, Callback c) {
        if (!c.handler.equals(t.get(0))) {
            return "not a " + t.get(0);
        }
        int i = 1;
        if (t.get(0).equals(VIOLATION)) {
            if (t.size() < 2) {
                throw new ScriptFailure(s, "write 'expect violation RULE [by=DRIVER] [~text]'");
            }
            if (!t.get(1).equals(c.args.get("rule"))) {
                return "the rule is " + c.args.get("rule") + ", not " + t.get(1);
            }
            i = 2;
        }
        String text = String.valueOf(c.args.get(c.handler.equals(VIOLATION) ? "message" : "error"));
        for (String tok : t.subList(i, t.size())) {
            if (tok.startsWith("by=")) {
                if (!tok.substring(3).equals(c.driver)) {
                    return "reported for " + c.driver;
                }
            } else if (tok.startsWith("~")) {
                if (!text.contains(tok.substring(1))) {
                    return "the text does not contain \"" + tok.substring(1) + "\"";
                }
            } else {
                throw new ScriptFailure(s, "unexpected '" + tok + "'");
            }
        }
        return null;
    }

    static String show(Object v, Function<Object, String> namer) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Status) {
            Status s = (Status) v;
            return s.description() == null ? s.code().name() : s.code().name() + " \"" + s.description() + "\"";
        }
        if (v instanceof Boolean) {
            return ((Boolean) v) ? "yes" : "no";
        }
        String n = namer.apply(v);
        if (n != null) {
            return n;
        }
        if (v instanceof String) {
            return ((String) v).isEmpty() ? "\"\"" : (String) v;
        }
        return v.toString();
    }
}

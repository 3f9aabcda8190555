package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One control request: a JSON object on one line with an {@code op}, an optional {@code id} echoed in the
 * reply, and the operation's arguments as further members (docs/node.md). The accessors check each argument
 * and throw {@link RequestException} with {@link ControlError#BAD_ARGUMENT} naming it. Immutable.
 */
public final class ControlRequest {
    /** The longest request line the server reads, bytes. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode body;
    private final String op;

    private ControlRequest(ObjectNode body, String op) {
        this.body = body;
        this.op = op;
    }

    /**
     * Parses one request line.
     *
     * @throws RequestException {@link ControlError#MALFORMED_REQUEST} when the line is not a JSON object with a
     *                          text {@code op}
     */
    public static ControlRequest parse(String line) {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (IOException e) {
            throw new RequestException(ControlError.MALFORMED_REQUEST, "the request is not JSON: "
                    + firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw new RequestException(ControlError.MALFORMED_REQUEST, "the request is not a JSON object");
        }
        JsonNode op = n.get("op");
        if (op == null || !op.isTextual() || op.asText().isEmpty()) {
            throw new RequestException(ControlError.MALFORMED_REQUEST, "the request has no \"op\" text member");
        }
        return new ControlRequest((ObjectNode) n, op.asText());
    }

    /** @return the {@code id} of a line that is a JSON object but not a valid request (to echo it), or null */
    public static JsonNode idOf(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            return n != null && n.isObject() ? n.get("id") : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** @return a request for {@code op} to fill with {@link #with} (clients) */
    public static ControlRequest of(String op) {
        ObjectNode o = JSON.createObjectNode();
        o.put("op", op);
        return new ControlRequest(o, op);
    }

    /** @return a copy with member {@code key} set to {@code value} (String, Number, Boolean or List of those) */
    public ControlRequest with(String key, Object value) {
        ObjectNode o = body.deepCopy();
        o.set(key, JSON.valueToTree(value));
        return new ControlRequest(o, op);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** @return the operation */
    public String op() {
        return op;
    }

    /** @return the request id to echo, or null */
    public JsonNode id() {
        return body.get("id");
    }

    /** @return the request as one JSON line (no newline) */
    public String toLine() {
        return body.toString();
    }

    /** @return true when argument {@code key} is present and not null */
    public boolean has(String key) {
        JsonNode v = body.get(key);
        return v != null && !v.isNull();
    }

    /** @return the required text argument {@code key} */
    public String text(String key) {
        String v = optText(key);
        if (v == null || v.isEmpty()) {
            throw bad(key + " is missing");
        }
        return v;
    }

    /** @return the text argument {@code key}, or null when absent */
    public String optText(String key) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw bad(key + " must be text, not " + v);
        }
        return v.asText();
    }

    /**
     * @return the count or rate argument {@code key} (a JSON number or text like {@code "10M"}), {@code dflt}
     *         when absent
     */
    public long number(String key, long dflt, long min, long max) {
        JsonNode v = body.get(key);
        if (v == null || v.isNull()) {
            return dflt;
        }
        long n;
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            n = v.asLong();
        } else if (v.isTextual()) {
            try {
                n = Rates.parse(v.asText(), key);
            } catch (IllegalArgumentException e) {
                throw bad(e.getMessage());
            }
        } else {
            throw bad(key + " must be a whole number, not " + v);
        }
        if (n < min || n > max) {
            throw bad(key + " " + n + " is outside " + min + ".." + max);
        }
        return n;
    }

    /** @return the list-of-text argument {@code key}; empty when absent */
    public List<String> texts(String key) {
        JsonNode v = body.get(key);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) {
            return out;
        }
        if (!v.isArray()) {
            throw bad(key + " must be a list of text, not " + v);
        }
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw bad(key + " must be a list of text; " + e + " is not text");
            }
            out.add(e.asText());
        }
        return out;
    }

    private RequestException bad(String message) {
        return new RequestException(ControlError.BAD_ARGUMENT, op + ": " + message);
    }

    @Override
    public String toString() {
        return toLine();
    }
}

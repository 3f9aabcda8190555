package io.jcondis.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/**
 * One control reply, a JSON object on one line:
 * <pre>
 *   {"id":7,"ok":true,"result":{...}}
 *   {"id":7,"ok":false,"error":"UNKNOWN_CALL","message":"no call vc#99 on node n1"}
 * </pre>
 * {@code id} is the request's, when it had one. Immutable.
 *
 * @param id      the request id, or null
 * @param result  the result object (ok replies), or null
 * @param error   the error code (error replies), or null
 * @param message the error message (error replies), or null
 */
public record ControlReply(JsonNode id, JsonNode result, ControlError error, String message) {
    /** @return a success reply */
    public static ControlReply ok(JsonNode id, JsonNode result) {
        return new ControlReply(id, result, null, null);
    }

    /** @return an error reply */
    public static ControlReply error(JsonNode id, ControlError error, String message) {
        return new ControlReply(id, null, error, message);
    }

    /** @return true for a success reply */
    public boolean isOk() {
        return error == null;
    }

    /** @return the reply as one JSON line (no newline) */
    public String toLine() {
        ObjectNode o = ControlRequest.JSON.createObjectNode();
        if (id != null) {
            o.set("id", id);
        }
        o.put("ok", isOk());
        if (isOk()) {
            o.set("result", result == null ? ControlRequest.JSON.createObjectNode() : result);
        } else {
            o.put("error", error.name());
            o.put("message", message);
        }
        return o.toString();
    }

    /**
     * Parses a reply line (clients).
     *
     * @throws IOException when the line is not a reply
     */
    public static ControlReply parse(String line) throws IOException {
        JsonNode n = ControlRequest.JSON.readTree(line);
        if (n == null || !n.isObject() || !n.path("ok").isBoolean()) {
            throw new IOException("not a control reply: " + line);
        }
        if (n.get("ok").asBoolean()) {
            return ok(n.get("id"), n.path("result"));
        }
        return error(n.get("id"), ControlError.parse(n.path("error").asText()), n.path("message").asText());
    }
}

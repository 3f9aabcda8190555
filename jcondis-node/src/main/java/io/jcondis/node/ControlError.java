package io.jcondis.node;

/**
 * The error codes of the control protocol (docs/node.md). Every error answer names one, with a message that
 * names the object and the problem; the node is unaffected by the request.
 */
public enum ControlError {
    /** The line is not a JSON object, is too long, or has no {@code op}. */
    MALFORMED_REQUEST,
    /** {@code op} names no operation. */
    UNKNOWN_OP,
    /** An argument is missing, of the wrong type or out of range. */
    BAD_ARGUMENT,
    /** The host (or address) is not one of this node's. */
    UNKNOWN_HOST,
    /** No call (VC) with that id on this node: never was, or already closed and deleted. */
    UNKNOWN_CALL,
    /** No party with that id on that call. */
    UNKNOWN_PARTY,
    /** The object exists but is not in a state that allows the operation. */
    WRONG_STATE,
    /** The runtime, the call manager or the far end refused the request; the message carries the status. */
    REFUSED,
    /** The network did not complete the request within the node's request bound. */
    TIMEOUT,
    /** The node is stopping and takes no new requests. */
    SHUTTING_DOWN,
    /** A bug in the node: reported, and the node keeps going. */
    INTERNAL;

    /**
     * @return the code named {@code text}, or {@link #INTERNAL} when unknown (a newer node's code)
     */
    public static ControlError parse(String text) {
        for (ControlError e : values()) {
            if (e.name().equals(text)) {
                return e;
            }
        }
        return INTERNAL;
    }
}

package io.jcondis.node;

/**
 * A request the node answers with an error. Thrown only inside the node's request handling, from argument
 * and handle look-ups deep in an operation, and turned into one error reply at a single place
 * ({@link Node#handle}); it never leaves the node. (Status values are the rule for runtime outcomes, G5; this
 * is the request boundary, where an early exit from nested look-ups keeps every operation readable.)
 */
public final class RequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ControlError error;

    /**
     * @param error   the code
     * @param message what is wrong, naming the object
     */
    public RequestException(ControlError error, String message) {
        super(message, null, false, false);
        this.error = error;
    }

    /** @return the code */
    public ControlError error() {
        return error;
    }
}

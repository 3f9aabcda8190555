package io.jcondis.api;

/** A failed {@link Status} raised as an exception, for the blocking convenience API and the CLI. */
public final class JcondisException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Status status;

    /** @param status the failure */
    public JcondisException(Status status) {
        super(status.toString());
        this.status = status;
    }

    /** @return the failure */
    public Status status() {
        return status;
    }
}

package io.jcondis.uni.signal;

import io.jcondis.api.Status;
import java.util.Objects;

/**
 * The answer to a request that creates something: a status, and on success the new object's identifier.
 *
 * @param status what happened; {@link Status#SUCCESS} when {@code value} is set
 * @param value  the identifier created, {@code null} unless {@code status} is success
 * @param <T>    the identifier type
 */
public record Outcome<T>(Status status, T value) {
    /** @throws NullPointerException if {@code status} is {@code null} */
    public Outcome {
        Objects.requireNonNull(status, "status");
    }

    /**
     * @param status a failure status
     * @param <T>    the identifier type
     * @return an outcome without a value
     */
    public static <T> Outcome<T> failed(Status status) {
        return new Outcome<>(status, null);
    }

    /** @return whether the request was accepted */
    public boolean succeeded() {
        return status.isSuccess();
    }
}

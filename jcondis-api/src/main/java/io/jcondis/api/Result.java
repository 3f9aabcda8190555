package io.jcondis.api;

/**
 * A status plus the handle (or value) a creating request hands out. For {@link Status#PENDING} the handle is
 * already valid and names the object in the later completion; for a failure it is {@code null}.
 *
 * @param status the outcome
 * @param value  the new handle or value, or {@code null}
 * @param <T>    the value type
 */
public record Result<T>(Status status, T value) {
    /** @return a failure with no value */
    public static <T> Result<T> failed(Status status) {
        return new Result<>(status, null);
    }
}

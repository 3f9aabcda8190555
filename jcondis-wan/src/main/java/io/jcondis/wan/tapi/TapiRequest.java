package io.jcondis.wan.tapi;

import io.jcondis.api.Status;

import java.util.function.Consumer;

/**
 * One application request (the asynchronous TAPI functions' request id plus its LINE_REPLY). Returned done
 * (SUCCESS or a failure) or pending ({@link Status#PENDING}); a pending request completes exactly once, on the
 * control plane, running every {@link #whenDone} callback and publishing
 * {@link LineEvent.RequestCompleted}. In INVOKER mode completion happens inside
 * {@code Jcondis.runUntilIdle()/advanceClock()} or inside the call that caused it. Reading is thread-safe.
 *
 * @param <T> the value: the new handle (open, makeCall), the decoded answer of a query, or {@code Void}
 */
public interface TapiRequest<T> {
    /** @return the request id (never reused; 0 for requests refused before they were numbered) */
    long id();

    /** @return the operation, e.g. {@code makeCall} */
    String operation();

    /** @return PENDING until done, then the final status */
    Status status();

    /** @return true once the final status is known */
    default boolean isDone() {
        return !status().isPending();
    }

    /**
     * @return the value: for open and makeCall the new handle, valid already while PENDING (R48: NDISTAPI
     *         allocates htLine/htCall before the OID); for queries the answer once SUCCESS; otherwise null
     */
    T value();

    /** Runs {@code callback} on completion (at once, on this thread, if already done). */
    TapiRequest<T> whenDone(Consumer<? super TapiRequest<T>> callback);
}

package io.jcondis.wan;

import io.jcondis.api.Status;
import io.jcondis.wan.tapi.CallHandle;
import io.jcondis.wan.tapi.LineEvent;
import io.jcondis.wan.tapi.LineHandle;
import io.jcondis.wan.tapi.TapiRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The one implementation of {@link TapiRequest}: completed by NDISTAPI under the control-plane lock. */
final class Request<T> implements TapiRequest<T> {
    private final NdisTapi owner;
    private final long id;
    private final String operation;
    /** The handles the request is for; open and makeCall name the handle they allocate (set by NDISTAPI). */
    private LineHandle line;
    private CallHandle call;
    private volatile Status status = Status.PENDING;
    private volatile T value;
    /** Set once the request went back to the application as PENDING: its completion is then published. */
    private boolean returnedPending;
    private List<Consumer<? super TapiRequest<T>>> callbacks;

    Request(NdisTapi owner, long id, String operation, LineHandle line, CallHandle call) {
        this.owner = owner;
        this.id = id;
        this.operation = operation;
        this.line = line;
        this.call = call;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public String operation() {
        return operation;
    }

    @Override
    public Status status() {
        return status;
    }

    @Override
    public T value() {
        return value;
    }

    Request<T> value(T v) {
        value = v;
        return this;
    }

    /** open: the line handle allocated for it, named by the request's completion (LINE_REPLY). */
    Request<T> forLine(LineHandle h) {
        line = h;
        return this;
    }

    /** makeCall: the call handle allocated for it, named by the request's completion (LINE_REPLY). */
    Request<T> forCall(CallHandle h) {
        call = h;
        return this;
    }

    @Override
    public TapiRequest<T> whenDone(Consumer<? super TapiRequest<T>> callback) {
        owner.locked(() -> {
            if (isDone()) {
                callback.accept(this);
            } else {
                if (callbacks == null) {
                    callbacks = new ArrayList<>();
                }
                callbacks.add(callback);
            }
            return null;
        });
        return this;
    }

    /** Completes with a failure before anything reached a miniport. */
    Request<T> fail(Status s) {
        complete(s, null);
        return this;
    }

    /** Completes exactly once; a second completion is a bug of the stack. */
    void complete(Status s, T v) {
        if (isDone()) {
            throw new IllegalStateException(operation + " #" + id + " completed twice");
        }
        if (s.isPending()) {
            throw new IllegalArgumentException("a completion never carries PENDING");
        }
        if (v != null) {
            value = v;
        }
        status = s;
        if (returnedPending) {
            owner.publish(new LineEvent.RequestCompleted(line, call, id, operation, s));
        }
        if (callbacks != null) {
            for (Consumer<? super TapiRequest<T>> c : callbacks) {
                owner.runCallback(operation, () -> c.accept(this));
            }
            callbacks = null;
        }
    }

    /** Marks the request as handed back to the application. */
    Request<T> returned() {
        if (!isDone()) {
            returnedPending = true;
        }
        return this;
    }

    @Override
    public String toString() {
        return operation + "#" + id + "=" + status + (value == null ? "" : " " + value);
    }
}

package io.jcondis.core;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runtime's configuration: fluent accessors, validated and frozen by {@link #conclude()} when the runtime
 * launches. Not thread-safe until concluded.
 */
public final class JcondisContext {
    private static final Logger LOG = LoggerFactory.getLogger(Jcondis.class);

    private ThreadingMode threadingMode = ThreadingMode.INVOKER;
    private NanoClock clock;
    private ErrorHandler errorHandler;
    private boolean concluded;

    /** @return who runs deferred work (default {@link ThreadingMode#INVOKER}) */
    public ThreadingMode threadingMode() {
        return threadingMode;
    }

    /** @param mode who runs deferred work */
    public JcondisContext threadingMode(ThreadingMode mode) {
        checkOpen();
        this.threadingMode = mode;
        return this;
    }

    /** @return the clock (default: a {@link ManualClock} in INVOKER mode, the system clock otherwise) */
    public NanoClock clock() {
        return clock;
    }

    /** @param c the clock */
    public JcondisContext clock(NanoClock c) {
        checkOpen();
        this.clock = c;
        return this;
    }

    /** @return the error handler (default: logs through SLF4J) */
    public ErrorHandler errorHandler() {
        return errorHandler;
    }

    /** @param h the error handler */
    public JcondisContext errorHandler(ErrorHandler h) {
        checkOpen();
        this.errorHandler = h;
        return this;
    }

    /** Fills defaults, validates and freezes. */
    public JcondisContext conclude() {
        if (concluded) {
            return this;
        }
        if (threadingMode == null) {
            throw new IllegalArgumentException("threadingMode is null");
        }
        if (clock == null) {
            clock = threadingMode == ThreadingMode.INVOKER ? new ManualClock() : NanoClock.SYSTEM;
        }
        if (errorHandler == null) {
            errorHandler = new ErrorHandler() {
                @Override
                public void onHandlerException(String driver, String handler, Throwable error) {
                    LOG.error("{}.{} threw", driver, handler, error);
                }

                @Override
                public void onContractViolation(String driver, String rule, String message) {
                    LOG.warn("contract violation by {} ({}): {}", driver, rule, message);
                }
            };
        }
        concluded = true;
        return this;
    }

    private void checkOpen() {
        if (concluded) {
            throw new IllegalStateException("the context is concluded");
        }
    }
}

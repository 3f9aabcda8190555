package io.jcondis.core;


import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An error handler that keeps one line per handler exception and contract violation, for tests that assert
 * there were none (or exactly the expected ones). Thread-safe.
 */
public final class CollectingErrorHandler implements ErrorHandler {
    private final List<String> problems = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onHandlerException(String driver, String handler, Throwable error) {
        problems.add(driver + "." + handler + " threw " + error);
    }

    @Override
    public void onContractViolation(String driver, String rule, String message) {
        problems.add(driver + " " + rule + ": " + message);
    }

    /** @return every problem reported so far, in order (a live view) */
    public List<String> problems() {
        return problems;
    }
}

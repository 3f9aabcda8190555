package io.jcondis.tck;

import io.jcondis.api.Status;

import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scripted behaviour of one test driver: per handler a standing answer, a queue of one-shot answers that
 * take precedence, and a queue of one-shot actions run inside the handler (after it is recorded, before it
 * returns). Handler names are checked against the role interface so that a typo fails at once. Not
 * thread-safe (drivers run on the conductor).
 */
final class HandlerScript {
    private final String role;
    private final Set<String> names = new TreeSet<>();
    private final Map<String, Status> answers = new HashMap<>();
    private final Map<String, Deque<Status>> onceAnswers = new HashMap<>();
    private final Map<String, Deque<Runnable>> actions = new HashMap<>();

    HandlerScript(Class<?> roleInterface) {
        this.role = roleInterface.getSimpleName();
        for (Method m : roleInterface.getMethods()) {
            names.add(m.getName());
        }
    }

    private String check(String handler) {
        if (!names.contains(handler)) {
            throw new IllegalArgumentException(role + " has no handler " + handler + "; known: " + names);
        }
        return handler;
    }

    void answer(String handler, Status status) {
        answers.put(check(handler), status);
    }

    void answerOnce(String handler, Status status) {
        onceAnswers.computeIfAbsent(check(handler), k -> new ArrayDeque<>()).add(status);
    }

    void inside(String handler, Runnable action) {
        actions.computeIfAbsent(check(handler), k -> new ArrayDeque<>()).add(action);
    }

    /** Runs the queued action for {@code handler}, if any (one per call). */
    void act(String handler) {
        Deque<Runnable> q = actions.get(handler);
        if (q != null && !q.isEmpty()) {
            q.poll().run();
        }
    }

    /** Runs the queued action, then picks the answer: a one-shot one, else the standing one, else {@code dflt}. */
    Status actAndAnswer(String handler, Status dflt) {
        act(handler);
        Deque<Status> q = onceAnswers.get(handler);
        if (q != null && !q.isEmpty()) {
            return q.poll();
        }
        return answers.getOrDefault(handler, dflt);
    }

    /** @return true for a non-null SUCCESS (a script may answer null to test the runtime's G5 check) */
    static boolean ok(Status s) {
        return s != null && s.isSuccess();
    }

    /** @return true when no one-shot answer or action is left unused */
    boolean drained() {
        return onceAnswers.values().stream().allMatch(Deque::isEmpty)
                && actions.values().stream().allMatch(Deque::isEmpty);
    }
}

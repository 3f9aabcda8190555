package io.jcondis.uni.data;

import io.jcondis.uni.sscop.Timers;
import java.util.Comparator;
import java.util.PriorityQueue;

/** A clock that moves only when the test advances it; timers run in deadline order on the test's thread. */
final class ManualClock implements Timers {
    private record Task(long at, long seq, Runnable run) {
    }

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparingLong(Task::at).thenComparingLong(Task::seq));
    private long now;
    private long seq;

    ManualClock(long startNs) {
        this.now = startNs;
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayNs, Runnable task) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("negative delay " + delayNs);
        }
        Task t = new Task(now + delayNs, seq++, task);
        tasks.add(t);
        return () -> tasks.remove(t);
    }

    /** Moves the clock to {@code atNs}, running every timer due by then at its own deadline. */
    void advanceTo(long atNs) {
        for (int guard = 0; guard < 10_000_000 && !tasks.isEmpty() && tasks.peek().at() <= atNs; guard++) {
            Task t = tasks.poll();
            now = t.at();
            t.run().run();
        }
        now = Math.max(now, atNs);
    }

    /** Runs timers until none is left (at most {@code maxTasks}); @return whether none is left */
    boolean runAll(int maxTasks) {
        for (int i = 0; i < maxTasks && !tasks.isEmpty(); i++) {
            Task t = tasks.poll();
            now = t.at();
            t.run().run();
        }
        return tasks.isEmpty();
    }

    int pending() {
        return tasks.size();
    }
}

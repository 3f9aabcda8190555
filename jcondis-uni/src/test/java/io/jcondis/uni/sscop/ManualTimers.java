package io.jcondis.uni.sscop;

import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * A manual clock and timer queue: nothing runs until the test says so. Tasks run in deadline order, then in
 * scheduling order; running one moves the clock to its deadline. Shared by both engines and the link, so one
 * test thread plays "the event loop" of everything. Public so that the call-control tests of
 * {@code io.jcondis.uni.signal} run their SSCOP entities on the same clock.
 */
public final class ManualTimers implements Timers {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;
    private long steps;

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public Cancellable schedule(long delayNs, Runnable task) {
        if (delayNs < 0) {
            throw new IllegalArgumentException("negative delay " + delayNs);
        }
        Task t = new Task(now + delayNs, sequence++, task);
        queue.add(t);
        return () -> {
            if (!t.cancelled) {
                t.cancelled = true;
                queue.remove(t);
            }
        };
    }

    /** @return tasks waiting */
    public int pending() {
        return queue.size();
    }

    /** @return tasks run so far */
    public long steps() {
        return steps;
    }

    /** Runs the next task, moving the clock to its deadline. @return false if none is waiting */
    public boolean runNext() {
        Task t = queue.poll();
        if (t == null) {
            return false;
        }
        now = Math.max(now, t.deadline);
        steps++;
        t.task.run();
        return true;
    }

    /** Runs every task due within {@code ns}, then sets the clock to now + ns. */
    public void advance(long ns) {
        long until = now + ns;
        while (!queue.isEmpty() && queue.peek().deadline <= until) {
            runNext();
        }
        now = until;
    }

    /**
     * Runs tasks until {@code done} holds, at most {@code maxSteps} tasks and {@code maxNs} of clock time.
     *
     * @param check run after every task (for invariants); may throw
     * @return whether {@code done} was reached
     */
    public boolean runUntil(BooleanSupplier done, long maxNs, long maxSteps, Runnable check) {
        long deadline = now + maxNs;
        long limit = steps + maxSteps;
        while (!done.getAsBoolean()) {
            if (queue.isEmpty() || queue.peek().deadline > deadline || steps >= limit) {
                return false;
            }
            runNext();
            check.run();
        }
        return true;
    }

    public boolean runUntil(BooleanSupplier done, long maxNs) {
        return runUntil(done, maxNs, 10_000_000, () -> { });
    }

    private static final class Task implements Comparable<Task> {
        private final long deadline;
        private final long seq;
        private final Runnable task;
        private boolean cancelled;

        Task(long deadline, long seq, Runnable task) {
            this.deadline = deadline;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(deadline, o.deadline);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
